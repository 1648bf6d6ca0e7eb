//! The registration worker's entry point (see `m365_registrar::worker`). Trunk builds it as a
//! worker module beside the app; the page starts it at the click on "Sign in".

#[cfg(target_arch = "wasm32")]
fn main() {
    m365_registrar::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The registration worker runs in a browser, started by the app (see README.md).");
    std::process::exit(2);
}
