//! The page's side of the hand-off protocol (docs/handoff.md): hears the dashboard's messages
//! and posts the app's to it, by `postMessage` to the window that embeds (`parent`) or opened
//! (`opener`) the app.
//!
//! A message counts only if its origin is exactly one of `handoffOrigins`, it comes from that
//! window, and the core reads it as a known type of the right shape
//! (`registrar_core::handoff::protocol`). Everything else is ignored and counted, never read
//! further. Messages go out only to exact allowed origins, never `*`: before a start pins the
//! dashboard's origin, only `ready` and `height` (which say nothing) go to each allowed origin,
//! and the browser delivers them only where the origin matches.

use std::cell::RefCell;
use std::rc::Rc;

use registrar_core::handoff::protocol::{self, Inbound, Mode, Outbound};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, ResizeObserver, Window};

use super::windows::{Embedding, embedding};

/// What the page heard from outside.
pub enum Heard {
    /// A valid message from the expected window of an allowed origin.
    Message { origin: String, inbound: Inbound },
    /// Anything else: counted, its content never looked at again.
    Ignored,
}

/// The link to the dashboard; stops listening when dropped.
pub struct DashboardLink {
    window: Window,
    /// The window that embeds or opened this page, if any.
    dashboard: Option<Window>,
    allowed: Vec<String>,
    /// The origin a start pinned, shared with the height observer.
    pinned: Rc<RefCell<Option<String>>>,
    on_message: Closure<dyn FnMut(MessageEvent)>,
    resize: Option<(ResizeObserver, Closure<dyn FnMut()>)>,
}

impl DashboardLink {
    /// Starts listening, says `ready` to each allowed origin and, inside a frame, tells the
    /// dashboard the height the page needs whenever it changes.
    pub fn open(allowed: Vec<String>, on_heard: impl Fn(Heard) + 'static) -> Option<Self> {
        let window = web_sys::window()?;
        let own_origin = window.location().origin().ok()?;
        let embedding = embedding();
        let dashboard = match embedding {
            Embedding::Framed => window.parent().ok().flatten(),
            // Not `dyn_into`: `instanceof Window` is false for another origin's window.
            Embedding::Opened => window
                .opener()
                .ok()
                .filter(JsValue::is_object)
                .map(JsCast::unchecked_into::<Window>),
            Embedding::Standalone => None,
        };
        let expected = dashboard.clone().map(JsValue::from);
        let allowed_here = allowed.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let origin = event.origin();
            // Our own origin is the sign-in relay's (crate::web::sign_in): not a dashboard.
            if origin == own_origin {
                return;
            }
            let from_dashboard = match (&expected, event.source()) {
                (Some(expected), Some(source)) => JsValue::from(source) == *expected,
                _ => false,
            };
            if !allowed_here.contains(&origin) || !from_dashboard {
                return on_heard(Heard::Ignored);
            }
            match message_text(&event.data()).map(|text| protocol::read(&text)) {
                Some(Ok(inbound)) => on_heard(Heard::Message { origin, inbound }),
                _ => on_heard(Heard::Ignored),
            }
        });
        window
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())
            .ok()?;
        let mut link = DashboardLink {
            window,
            dashboard,
            allowed,
            pinned: Rc::new(RefCell::new(None)),
            on_message,
            resize: None,
        };
        let mode = match embedding {
            Embedding::Framed => Some(Mode::Iframe),
            Embedding::Opened => Some(Mode::Window),
            Embedding::Standalone => None,
        };
        if let Some(mode) = mode {
            link.to_each_allowed(&Outbound::Ready { mode }.to_json());
        }
        if embedding == Embedding::Framed {
            link.resize = link.observe_height();
        }
        Some(link)
    }

    /// From now on, status, progress and results go to `origin` only.
    pub fn pin(&self, origin: &str) {
        *self.pinned.borrow_mut() = Some(origin.to_owned());
    }

    /// Posts the message (JSON `text`) to the pinned dashboard, if a start pinned one.
    pub fn post(&self, text: &str) {
        if let Some(origin) = self.pinned.borrow().as_deref() {
            post_to(self.dashboard.as_ref(), origin, text);
        }
    }

    /// Posts the message (JSON `text`) to `origin`, which sent a start (answers to a refused
    /// start).
    pub fn answer(&self, origin: &str, text: &str) {
        let pinned = self.pinned.borrow();
        if self.allowed.iter().any(|a| a == origin) && pinned.as_deref().is_none_or(|p| p == origin)
        {
            post_to(self.dashboard.as_ref(), origin, text);
        }
    }

    fn to_each_allowed(&self, text: &str) {
        for origin in &self.allowed {
            post_to(self.dashboard.as_ref(), origin, text);
        }
    }

    /// Posts `height` whenever the document's height changes (a ResizeObserver on `<html>`).
    fn observe_height(&self) -> Option<(ResizeObserver, Closure<dyn FnMut()>)> {
        let root = self.window.document()?.document_element()?;
        let (dashboard, allowed, pinned) = (
            self.dashboard.clone(),
            self.allowed.clone(),
            self.pinned.clone(),
        );
        let measured = root.clone();
        let mut last = 0;
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            let height = u32::try_from(measured.scroll_height()).unwrap_or(0);
            if height == last {
                return;
            }
            last = height;
            let text = Outbound::Height { height }.to_json();
            match pinned.borrow().as_deref() {
                Some(origin) => post_to(dashboard.as_ref(), origin, &text),
                None => allowed
                    .iter()
                    .for_each(|origin| post_to(dashboard.as_ref(), origin, &text)),
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        observer.observe(&root);
        Some((observer, on_resize))
    }
}

impl Drop for DashboardLink {
    fn drop(&mut self) {
        let _ = self.window.remove_event_listener_with_callback(
            "message",
            self.on_message.as_ref().unchecked_ref(),
        );
        if let Some((observer, _)) = &self.resize {
            observer.disconnect();
        }
    }
}

/// The message's JSON text, if it is plain data: the core then reads its size and shape. A
/// value JSON cannot represent (a cycle, a BigInt) is not a message of ours.
fn message_text(data: &JsValue) -> Option<String> {
    // Cheap refusal before stringifying: our messages are objects.
    if !data.is_object() {
        return None;
    }
    // The core refuses more than `MAX_MESSAGE_CHARS` characters.
    js_sys::JSON::stringify(data).ok()?.as_string()
}

/// Posts the JSON `text` as an object to `window`, for `origin` only.
fn post_to(window: Option<&Window>, origin: &str, text: &str) {
    let (Some(window), Ok(value)) = (window, js_sys::JSON::parse(text)) else {
        return;
    };
    // Fails only for an origin string the browser cannot parse, which config.rs refuses.
    let _ = window.post_message(&value, origin);
}

/// The dashboard opened this page (it says so with `?handoff=window`) but the page has no
/// opener: the dashboard's Cross-Origin-Opener-Policy severed the link.
pub fn opener_lost() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let asked = window
        .location()
        .search()
        .ok()
        .map(|query| {
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .any(|(key, value)| key == "handoff" && value == "window")
        })
        .unwrap_or(false);
    asked && embedding() == Embedding::Standalone
}

/// Calls `on_hide` when the admin leaves the page (or it goes into the back-forward cache),
/// for as long as the page lives.
pub fn on_page_hide(on_hide: impl FnMut() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_hide = Closure::<dyn FnMut()>::new(on_hide);
    if window
        .add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref())
        .is_ok()
    {
        // Listens as long as the page lives.
        on_hide.forget();
    }
}
