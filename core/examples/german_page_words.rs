//! Prints the German words of the page's own steps as `static/words-de.json` holds them
//! (core/src/wizard/words/file.rs): `cargo run -p registrar-core --example german_page_words >
//! static/words-de.json`, then the name and integrity the failing tests give into that file.

fn main() {
    print!("{}", registrar_core::wizard::words::DE.page().to_json());
}
