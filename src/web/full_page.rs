//! The full-page sign-in, for a standalone page whose sign-in popup was blocked: the one case in
//! which the pending sign-in (verifier, state, nonce) must outlive a navigation. It waits in
//! sessionStorage, which belongs to this tab alone, and is deleted the moment the page comes back,
//! before anything else runs. Tokens never go there.

use registrar_core::auth::PendingSignIn;
use web_sys::Storage;

/// Must match `static/redirect.js`.
const PENDING_KEY: &str = "m365-registrar.sign-in";
const RESPONSE_KEY: &str = "m365-registrar.sign-in-response";

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
    storage
        .set_item(PENDING_KEY, &kept)
        .map_err(|_| NoSessionStorage)?;
    let navigated = web_sys::window()
        .map(|w| w.location().assign(&sign_in.authorize_url()).is_ok())
        .unwrap_or(false);
    if navigated {
        Ok(())
    } else {
        let _ = storage.remove_item(PENDING_KEY);
        Err(NoSessionStorage)
    }
}

/// What a full-page sign-in left for this page: the pending sign-in and the response the redirect
/// page stored. Both are removed from storage whatever is found.
pub fn resume() -> Option<(PendingSignIn, String)> {
    let storage = storage()?;
    let take = |key| {
        let value = storage.get_item(key).ok().flatten();
        let _ = storage.remove_item(key);
        value
    };
    let pending = take(PENDING_KEY);
    let response = take(RESPONSE_KEY);
    let sign_in = serde_json::from_str(&pending?).ok()?;
    Some((sign_in, response?))
}
