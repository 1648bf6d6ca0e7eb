//! The browser behind small functions and types: fetch, timers, randomness, windows, the sign-in
//! channel, and the runtime configuration's source.

pub mod branding;
pub mod config_source;
pub mod crypto;
pub mod download;
pub mod fault;
pub mod fetch;
pub mod global;
pub mod handoff;
pub mod language;
pub mod random;
pub mod registration_worker;
pub mod render;
pub mod seal;
pub mod sign_in;
pub mod timer;
pub mod windows;

/// `relative` resolved against this page's own address, so a deployment in a sub-folder works
/// (`config.json`, `redirect.html` and `relay.html` sit beside `index.html`).
pub fn page_url(relative: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    web_sys::Url::new_with_base(relative, &base)
        .ok()
        .map(|url| url.href())
}

/// A request `static/app-loader.js` sent beside the module's and left in the global `name`,
/// taken once.
pub fn prefetched(name: &str) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let name = wasm_bindgen::JsValue::from_str(name);
    let promise = js_sys::Reflect::get(&window, &name).ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &name);
    promise.dyn_into().ok()
}
