//! Where the runtime configuration comes from: `config.json`, served beside `index.html`.
//!
//! One build serves every deployment; hosts change this file, never the build.

use registrar_core::config::{self, Config, ConfigError};

use registrar_core::http::Unreachable;

use super::fetch::{get_text, read};

/// The file name, resolved against the page's own URL (so a sub-folder deployment works).
pub const CONFIG_FILE: &str = "config.json";

/// Why the app could not start. Each says what the host of this page must fix.
#[derive(Clone, Debug)]
pub enum StartupError {
    /// The request got no HTTP answer at all.
    Unreachable { url: String, reason: String },
    /// The server answered, but not with the file.
    NotServed { url: String, status: u16 },
    /// The file is there, but it is not a configuration we can run with.
    Invalid { url: String, error: ConfigError },
}

/// Fetches and validates the configuration.
pub async fn load() -> Result<Config, StartupError> {
    let url = super::page_url(CONFIG_FILE).unwrap_or_else(|| CONFIG_FILE.to_owned());
    let answer = match super::prefetched(PREFETCHED) {
        Some(fetching) => read(fetching.into()).await,
        None => get_text(&url).await,
    };
    let response = answer.map_err(|Unreachable(reason)| StartupError::Unreachable {
        url: url.clone(),
        reason,
    })?;
    if response.status != 200 {
        return Err(StartupError::NotServed {
            url,
            status: response.status,
        });
    }
    config::parse(&response.body).map_err(|error| StartupError::Invalid { url, error })
}

/// The global `static/app-loader.js` leaves the request for `config.json` in, sent beside the
/// module's (the first screen needs both: one round trip less than asking once the module runs).
const PREFETCHED: &str = "registrarConfig";

/// The global where the starter leaves what the host serves now (`"{status}\n{text}"`), asked
/// for beside the copy the page may have started from.
const CURRENT: &str = "registrarCurrentConfig";

thread_local! {
    /// The starter's answer for the current file, taken once and kept for every later sign-in.
    static SERVED_NOW: std::cell::RefCell<Option<Option<js_sys::Promise>>> =
        const { std::cell::RefCell::new(None) };
}

/// Whether `source`, the configuration this page runs with, is still what the host serves. The
/// browser may have started the page from a copy it kept (`config.json` is sent
/// `stale-while-revalidate`, README "Hosting it yourself"): a page that changed since must not
/// sign in or register with the old one. Waits for the starter's answer (a round trip after the
/// page's start, long before any sign-in comes back). Only a file the host serves (200) counts
/// as a change, as the starter's own check does: an answer that never came, or an error the
/// browser may not keep (reloading would find the kept copy again), cannot tell, and the copy
/// counts as current: it is at most an hour old.
pub async fn still_current(source: &str) -> bool {
    let Some(promise) = SERVED_NOW.with_borrow_mut(|now| {
        now.get_or_insert_with(|| super::prefetched(CURRENT))
            .clone()
    }) else {
        return true;
    };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(served) => served.as_string().is_none_or(|served| {
            served
                .strip_prefix("200\n")
                .is_none_or(|text| text == source)
        }),
        Err(_) => true,
    }
}
