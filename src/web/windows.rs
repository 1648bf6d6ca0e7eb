//! Where the app runs and the windows it opens.
//!
//! A window must be opened synchronously inside the click that asks for it: one opened after an
//! `await` has lost the user's gesture and popup blockers refuse it.

use web_sys::Window;

/// How the admin reached this page; it decides how sign-in may proceed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Embedding {
    /// Opened directly in a tab.
    Standalone,
    /// Opened by a dashboard with `window.open`: this window must never navigate away, or its
    /// link back to the dashboard (`window.opener`) is gone.
    Opened,
    /// Inside a (possibly cross-site) iframe of a dashboard.
    Framed,
}

pub fn embedding() -> Embedding {
    let Some(window) = web_sys::window() else {
        return Embedding::Standalone;
    };
    let framed = match window.top() {
        Ok(Some(top)) => top != window,
        // A top we may not even read is someone else's: we are framed.
        _ => true,
    };
    if framed {
        Embedding::Framed
    } else if window
        .opener()
        .map(|o| !o.is_null() && !o.is_undefined())
        .unwrap_or(false)
    {
        Embedding::Opened
    } else {
        Embedding::Standalone
    }
}

/// The popup blocker refused the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PopupBlocked;

/// Opens `url` in a popup window named `name` (reusing it if open).
pub fn open_popup(url: &str, name: &str) -> Result<Window, PopupBlocked> {
    let window = web_sys::window().ok_or(PopupBlocked)?;
    match window.open_with_url_and_target_and_features(url, name, "popup,width=520,height=700") {
        Ok(Some(popup)) => Ok(popup),
        _ => Err(PopupBlocked),
    }
}

/// The relay window's page, beside the app's own page.
const RELAY_PAGE: &str = "relay.html";

/// Opens the same-origin relay window that signs in on behalf of an app inside another site's
/// iframe (see `static/relay.js`). The authorize URL travels in the fragment, which is never sent
/// to a server; the relay removes it from its address at once. Each sign-in gets a window of its
/// own (named after its `state`): reusing a relay already at `relay.html` would only change its
/// fragment, and the page would not run again.
pub fn open_relay(authorize_url: &str, state: &str) -> Result<Window, PopupBlocked> {
    let fragment = form_urlencoded::Serializer::new(String::new())
        .append_pair("authorize", authorize_url)
        .finish();
    let name: String = state.chars().take(16).collect();
    open_popup(
        &format!("{RELAY_PAGE}#{fragment}"),
        &format!("m365-registrar-relay-{name}"),
    )
}
