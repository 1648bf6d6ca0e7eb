//! The hand-off as the registration worker gives it to the page: the settings file's text
//! (the bundle's JSON, or its JWE), ready for the download and the `result` message.

use core::fmt;

use serde::{Deserialize, Serialize};

use super::bundle::Bundle;
use super::seal::{SealCrypto, SealError, seal};
use crate::config::PublicJwk;

/// The settings file and what the page shows beside it. `Debug` never shows the file's text.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoffReport {
    /// The bundle's JSON (plain) or the compact JWE (sealed).
    pub file_text: String,
    /// `m365-registrar-<tenant id>.json` or `.jwe`.
    pub file_name: String,
    pub sealed: bool,
    /// The RFC 7638 SHA-256 thumbprint of the key it is sealed to, for the admin to compare.
    pub key_thumbprint: Option<String>,
    pub kid: Option<String>,
    pub onboarding_id: Option<String>,
}

impl fmt::Debug for HandoffReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HandoffReport")
            .field("file_name", &self.file_name)
            .field("sealed", &self.sealed)
            .field("key_thumbprint", &self.key_thumbprint)
            .field("kid", &self.kid)
            .field("onboarding_id", &self.onboarding_id)
            .finish_non_exhaustive()
    }
}

/// The hand-off of `bundle`: sealed to `key` when there is one, else its plain JSON.
pub async fn hand_off(
    bundle: &Bundle,
    key: Option<&PublicJwk>,
    crypto: &impl SealCrypto,
) -> Result<HandoffReport, SealError> {
    let json = bundle.settings_file_text();
    let file_text = match key {
        Some(key) => {
            seal(
                json.as_bytes(),
                key,
                bundle.onboarding_id.as_deref(),
                crypto,
            )
            .await?
        }
        None => json,
    };
    Ok(HandoffReport {
        file_text,
        file_name: bundle.file_name(key.is_some()),
        sealed: key.is_some(),
        key_thumbprint: key.map(PublicJwk::thumbprint),
        kid: key.and_then(PublicJwk::kid).map(str::to_owned),
        onboarding_id: bundle.onboarding_id.clone(),
    })
}
