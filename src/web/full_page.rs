//! The full-page sign-in, for a standalone page whose sign-in popup was blocked: the one case in
//! which the pending sign-in (verifier, state, nonce) must outlive a navigation. It waits in
//! sessionStorage, which belongs to this tab alone, and is deleted the moment the page comes back,
//! before anything else runs. Tokens never go there.

use registrar_core::auth::PendingSignIn;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{PageTransitionEvent, Storage};

/// Must match `static/redirect.js`.
const PENDING_KEY: &str = "m365-registrar.sign-in";
/// The pending sign-in's `state` alone, so the redirect page can tell its own answer from a
/// popup's (a popup starts with a copy of its opener's sessionStorage).
const STATE_KEY: &str = "m365-registrar.sign-in-state";
const RESPONSE_KEY: &str = "m365-registrar.sign-in-response";

thread_local! {
    /// What [`collect`] took out of storage, until the sign-in component asks for it.
    static COLLECTED: std::cell::RefCell<Option<(PendingSignIn, String)>> = const { std::cell::RefCell::new(None) };
}

/// This tab cannot keep the sign-in across the navigation (storage disabled or full).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoSessionStorage;

fn storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Keeps `sign_in` for this tab and sends the tab to Microsoft's sign-in page.
pub fn start(sign_in: &PendingSignIn) -> Result<(), NoSessionStorage> {
    let storage = storage().ok_or(NoSessionStorage)?;
    let kept = serde_json::to_string(sign_in).map_err(|_| NoSessionStorage)?;
    let kept_both = storage.set_item(PENDING_KEY, &kept).is_ok()
        && storage.set_item(STATE_KEY, sign_in.state()).is_ok();
    if !kept_both {
        discard();
        return Err(NoSessionStorage);
    }
    let navigated = web_sys::window()
        .map(|w| w.location().assign(&sign_in.authorize_url()).is_ok())
        .unwrap_or(false);
    if navigated {
        Ok(())
    } else {
        discard();
        Err(NoSessionStorage)
    }
}

/// Takes what a full-page sign-in left in storage into memory, and clears storage. Runs first
/// thing at startup, before the configuration is even fetched, so a page that then fails to start
/// leaves no verifier or code behind.
pub fn collect() {
    let Some(storage) = storage() else { return };
    let take = |key| {
        let value = storage.get_item(key).ok().flatten();
        let _ = storage.remove_item(key);
        value
    };
    let pending = take(PENDING_KEY);
    let _ = take(STATE_KEY);
    let response = take(RESPONSE_KEY);
    let found = pending
        .and_then(|kept| serde_json::from_str::<PendingSignIn>(&kept).ok())
        .zip(response);
    COLLECTED.with(|collected| *collected.borrow_mut() = found);
}

/// What a full-page sign-in left for this page: the pending sign-in and the redirect page's
/// response. Once.
pub fn resume() -> Option<(PendingSignIn, String)> {
    COLLECTED.with(|collected| collected.borrow_mut().take())
}

/// Clears a full-page sign-in this tab abandoned (e.g. the admin came back with Back).
pub fn discard() {
    if let Some(storage) = storage() {
        for key in [PENDING_KEY, STATE_KEY, RESPONSE_KEY] {
            let _ = storage.remove_item(key);
        }
    }
}

/// A page restored from the back-forward cache runs no startup again: anything a full-page
/// sign-in left in storage by then is stale, so it goes.
pub fn discard_when_restored_from_cache() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_page_show =
        Closure::<dyn FnMut(PageTransitionEvent)>::new(|event: PageTransitionEvent| {
            if event.persisted() {
                discard();
            }
        });
    if window
        .add_event_listener_with_callback("pageshow", on_page_show.as_ref().unchecked_ref())
        .is_ok()
    {
        // For the page's whole life.
        on_page_show.forget();
    }
}
