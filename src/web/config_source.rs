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
