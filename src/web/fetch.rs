//! `fetch` through web-sys: a few lines instead of an HTTP client crate, to keep the download small.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCache, RequestInit, Response};

/// A response that arrived, whatever its status.
pub struct TextResponse {
    pub status: u16,
    pub body: String,
}

/// The request never got an HTTP answer: offline, DNS, CORS refusal, blocked by CSP.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreachable(pub String);

/// GETs `url` without the HTTP cache and reads the body as text.
pub async fn get_text(url: &str) -> Result<TextResponse, Unreachable> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_cache(RequestCache::NoStore);
    let window = web_sys::window().ok_or_else(|| Unreachable("no window".into()))?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(describe)?;
    let text = JsFuture::from(response.text().map_err(describe)?)
        .await
        .map_err(describe)?;
    Ok(TextResponse {
        status: response.status(),
        body: text.as_string().unwrap_or_default(),
    })
}

fn describe(error: JsValue) -> Unreachable {
    let text = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser gave no reason".into());
    Unreachable(text)
}
