//! `fetch` through web-sys, as the core's [`HttpClient`]: a few lines instead of an HTTP client
//! crate, to keep the download small. Never caches, never sends cookies.

use registrar_core::http::{HttpClient, HttpRequest, HttpResponse, KEPT_HEADERS, Unreachable};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCache, RequestCredentials, RequestInit, Response};

/// The browser's `fetch`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fetch;

impl HttpClient for Fetch {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable> {
        let init = RequestInit::new();
        init.set_method(request.method);
        init.set_cache(RequestCache::NoStore);
        init.set_credentials(RequestCredentials::Omit);
        let headers = Headers::new().map_err(describe)?;
        for (name, value) in &request.headers {
            headers.set(name, value).map_err(describe)?;
        }
        init.set_headers(&headers);
        if let Some(body) = &request.body {
            init.set_body(&JsValue::from_str(body));
        }
        let window = web_sys::window().ok_or_else(|| Unreachable("no window".into()))?;
        let response: Response =
            JsFuture::from(window.fetch_with_str_and_init(&request.url, &init))
                .await
                .map_err(describe)?
                .dyn_into()
                .map_err(describe)?;
        let text = JsFuture::from(response.text().map_err(describe)?)
            .await
            .map_err(describe)?;
        let mut answer = HttpResponse::new(response.status(), text.as_string().unwrap_or_default());
        for name in KEPT_HEADERS {
            if let Some(value) = response.headers().get(name).ok().flatten() {
                answer = answer.with_header(name, value);
            }
        }
        Ok(answer)
    }
}

/// GETs `url` and reads the body as text.
pub async fn get_text(url: &str) -> Result<HttpResponse, Unreachable> {
    Fetch.send(HttpRequest::get(url.to_owned())).await
}

fn describe(error: JsValue) -> Unreachable {
    let text = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser gave no reason".into());
    Unreachable(text)
}
