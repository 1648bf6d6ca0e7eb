//! What the page passes the registration worker from an accepted start message.

use serde::{Deserialize, Serialize};

/// The hand-off's part of `Command::Start`: all empty when no dashboard sent a start message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoffRequest {
    /// Goes into the bundle and the JWE's protected header.
    pub onboarding_id: Option<String>,
    /// A profile `config.json` allows; the worker checks it again (`Config::with_profile`).
    pub profile: Option<String>,
    /// The dashboard's public JWK; the worker parses it again, and `handoffPublicKey` wins.
    pub public_key: Option<serde_json::Value>,
}
