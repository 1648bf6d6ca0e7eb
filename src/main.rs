//! M365 Registrar's entry point: the panic's words and mount, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    m365_registrar::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "M365 Registrar runs in a browser. Build it with `trunk build`, or run `scripts/start` (see README.md)."
    );
    std::process::exit(2);
}
