//! M365 Registrar, the browser app: a thin layer over `registrar_core`.
//!
//! `web` wraps the browser APIs the app needs behind small functions and types; `ui` holds one
//! component per screen and only wires signals to the core. Everything here is wasm32-only: the
//! logic worth testing natively lives in the `registrar-core` crate.
#![cfg(target_arch = "wasm32")]

pub mod app;
pub mod ui;
pub mod web;
pub mod worker;

/// Mounts the app on the page.
pub fn start() {
    web::fault::say_panics();
    leptos::mount::mount_to_body(app::App);
}
