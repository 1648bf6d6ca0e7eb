//! The few browser functions that exist in a page and in a worker alike (`fetch`,
//! `setTimeout`, `clearTimeout`), bound on the global object so the same code runs in both:
//! the page signs in, the registration worker registers.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `fetch(url, init)` of `window` or of the worker's global scope.
    #[wasm_bindgen(js_name = fetch)]
    pub fn fetch_with_init(url: &str, init: &web_sys::RequestInit) -> js_sys::Promise;

    /// `setTimeout(callback, millis)`; the handle clears it.
    #[wasm_bindgen(catch, js_name = setTimeout)]
    pub fn set_timeout(callback: &js_sys::Function, millis: i32) -> Result<i32, JsValue>;

    #[wasm_bindgen(js_name = clearTimeout)]
    pub fn clear_timeout(handle: i32);
}
