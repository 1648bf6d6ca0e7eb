//! The browser side of sign-in: the redirect URI, the channel the redirect page answers on, and
//! the clock. The protocol itself is `registrar_core::auth`.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{BroadcastChannel, MessageEvent};

/// Must match `static/redirect.js`.
const CHANNEL: &str = "m365-registrar.sign-in";
const RESPONSE_TYPE: &str = "m365-registrar.sign-in-response";
const REDIRECT_PAGE: &str = "redirect.html";

/// The redirect URI of this deployment: `redirect.html` beside the app's own page. It must be
/// registered, exactly, as a redirect URI of type SPA on the onboarding app.
pub fn redirect_uri() -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    let url = web_sys::Url::new_with_base(REDIRECT_PAGE, &base).ok()?;
    url.set_search("");
    url.set_hash("");
    Some(url.href())
}

/// Seconds since the Unix epoch, by this computer's clock.
pub fn now_seconds() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// Listens for what the redirect page hands over. The channel is same-origin and, for a top-level
/// page, in the same storage partition as the sign-in window's redirect page. Stops on drop.
pub struct ResponseListener {
    channel: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl ResponseListener {
    /// Calls `on_response` with the raw response parameters (`code=…&state=…` or an error).
    pub fn listen(mut on_response: impl FnMut(String) + 'static) -> Option<Self> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(parameters) = response_parameters(&event.data()) {
                on_response(parameters);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(ResponseListener {
            channel,
            _on_message: on_message,
        })
    }
}

impl Drop for ResponseListener {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// `{type: RESPONSE_TYPE, response: "<parameters>"}`, anything else is ignored.
fn response_parameters(data: &wasm_bindgen::JsValue) -> Option<String> {
    let kind = js_sys::Reflect::get(data, &"type".into())
        .ok()?
        .as_string()?;
    if kind != RESPONSE_TYPE {
        return None;
    }
    js_sys::Reflect::get(data, &"response".into())
        .ok()?
        .as_string()
}
