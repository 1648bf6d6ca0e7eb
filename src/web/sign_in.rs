//! The browser side of sign-in: the redirect URI, the channel the redirect page answers on, and
//! the clock. The protocol itself is `registrar_core::auth`.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent, Window};

/// Must match `static/redirect.js`.
const CHANNEL: &str = "m365-registrar.sign-in";
const RESPONSE_TYPE: &str = "m365-registrar.sign-in-response";
const REDIRECT_PAGE: &str = "redirect.html";

/// The redirect URI of this deployment: `redirect.html` beside the app's own page. It must be
/// registered, exactly, as a redirect URI of type SPA on the onboarding app.
pub fn redirect_uri() -> Option<String> {
    super::page_url(REDIRECT_PAGE)
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

/// Where the sign-in response will come from.
pub enum Listening {
    /// Top-level page: the redirect page's BroadcastChannel.
    Channel(ResponseListener),
    /// Inside another site's iframe: the relay window's postMessage.
    Relay(RelayListener),
}

/// How often the relay window is checked, and how many checks it must be seen closed in before
/// that counts: the relay posts the response and then closes itself, and the message must win.
const RELAY_CHECK_MS: i32 = 250;
const RELAY_CLOSED_CHECKS: u32 = 3;

/// Listens for the relay window's message, for an app inside another site's iframe. A message
/// counts only if it comes from our own origin, from the relay window this page opened, and has
/// our type; the core then checks `state`. Also notices the admin closing the relay window.
/// Stops on drop.
pub struct RelayListener {
    window: Window,
    relay: Window,
    on_message: Closure<dyn FnMut(MessageEvent)>,
    check: i32,
    _on_check: Closure<dyn FnMut()>,
}

impl RelayListener {
    pub fn listen(
        relay: Window,
        mut on_response: impl FnMut(String) + 'static,
        mut on_closed: impl FnMut() + 'static,
    ) -> Option<Self> {
        let window = web_sys::window()?;
        let own_origin = window.location().origin().ok()?;
        let expected_source = JsValue::from(relay.clone());
        let watched = relay.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let from_relay = event
                .source()
                .is_some_and(|s| JsValue::from(s) == expected_source);
            if event.origin() != own_origin || !from_relay {
                return;
            }
            if let Some(parameters) = response_parameters(&event.data()) {
                on_response(parameters);
            }
        });
        window
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())
            .ok()?;
        let mut seen_closed = 0;
        let on_check = Closure::<dyn FnMut()>::new(move || {
            seen_closed = if watched.closed().unwrap_or(true) {
                seen_closed + 1
            } else {
                0
            };
            if seen_closed == RELAY_CLOSED_CHECKS {
                on_closed();
            }
        });
        let check = window
            .set_interval_with_callback_and_timeout_and_arguments_0(
                on_check.as_ref().unchecked_ref(),
                RELAY_CHECK_MS,
            )
            .ok()?;
        Some(RelayListener {
            window,
            relay,
            on_message,
            check,
            _on_check: on_check,
        })
    }
}

impl Drop for RelayListener {
    /// Also closes the relay window: a cancelled or restarted sign-in leaves none behind.
    fn drop(&mut self) {
        let _ = self.relay.close();
        self.window.clear_interval_with_handle(self.check);
        let _ = self.window.remove_event_listener_with_callback(
            "message",
            self.on_message.as_ref().unchecked_ref(),
        );
    }
}

/// `{type: RESPONSE_TYPE, response: "<parameters>"}`, anything else is ignored.
fn response_parameters(data: &JsValue) -> Option<String> {
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
