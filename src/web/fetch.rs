//! `fetch` through web-sys, as the core's [`HttpClient`]: a few lines instead of an HTTP client
//! crate, to keep the download small. Never caches, never sends cookies; gives up on a request
//! that does not answer in time, so no screen waits forever.

use std::cell::Cell;
use std::rc::Rc;

use super::global;
use registrar_core::http::{HttpClient, HttpRequest, HttpResponse, KEPT_HEADERS, Unreachable};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, RequestCache, RequestCredentials, RequestInit, RequestRedirect,
    Response,
};

/// How long one request may take, body included. Entra's token endpoint and Graph answer in
/// well under a second, a `$batch` of 20 writes in a few seconds; a busy Graph answers 429 or
/// 503 at once rather than hanging. 30 s leaves a slow tenant time to finish, and is about as
/// long as an admin will look at a "checking…" line before deciding the page is stuck.
pub const TIMEOUT_MILLIS: u32 = 30_000;

/// The browser's `fetch`, with [`TIMEOUT_MILLIS`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Fetch;

impl HttpClient for Fetch {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable> {
        send_within(request, TIMEOUT_MILLIS).await
    }
}

/// Sends `request`; if no full answer (status, headers and body) came within `timeout_millis`,
/// aborts it and says so. An aborted write may still have reached the server: callers read
/// back rather than resend.
pub async fn send_within(
    request: HttpRequest,
    timeout_millis: u32,
) -> Result<HttpResponse, Unreachable> {
    let controller = AbortController::new().map_err(describe)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let handle = global::set_timeout(
        on_timeout.as_ref().unchecked_ref(),
        i32::try_from(timeout_millis).unwrap_or(i32::MAX),
    )
    .map_err(describe)?;
    let result = exchange(&request, &controller).await;
    // Cleared before `on_timeout` is dropped, so the browser never calls a dropped closure.
    global::clear_timeout(handle);
    drop(on_timeout);
    if timed_out.get() {
        return Err(Unreachable(format!(
            "no answer within {} s",
            timeout_millis.div_ceil(1000)
        )));
    }
    result
}

async fn exchange(
    request: &HttpRequest,
    controller: &AbortController,
) -> Result<HttpResponse, Unreachable> {
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_cache(RequestCache::NoStore);
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(&controller.signal()));
    // Neither Entra's token endpoint nor Graph redirects: a request that carries a token or a
    // body (a code and its verifier) refuses a redirect rather than follow it, so those can only
    // ever go to the URL the core built. A plain GET (config.json) may follow its host's.
    if request.body.is_some()
        || request
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("authorization"))
    {
        init.set_redirect(RequestRedirect::Error);
    }
    // `Headers` keeps `Content-Type` as given (it is a CORS-safelisted name only for form and
    // text values; `application/json` makes the browser send a preflight, which Graph answers).
    let headers = Headers::new().map_err(describe)?;
    for (name, value) in &request.headers {
        headers.set(name, value).map_err(describe)?;
    }
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    read(JsFuture::from(global::fetch_with_init(&request.url, &init))).await
}

/// The answer `fetch`'s promise settles with: its status, its body as text and the headers the
/// core reads.
pub(super) async fn read(fetching: JsFuture) -> Result<HttpResponse, Unreachable> {
    let response: Response = fetching
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
