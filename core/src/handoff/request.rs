//! What the page passes the registration worker from an accepted start message, and what the
//! worker makes of it.

use serde::{Deserialize, Serialize};

use crate::config::{Config, PublicJwk, parse_public_jwk};

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

/// What one run hands off with.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoffPlan {
    /// The configuration running the chosen profile.
    pub config: Config,
    pub onboarding_id: Option<String>,
    /// The key the bundle is sealed to: `handoffPublicKey`, else the start message's.
    pub key: Option<PublicJwk>,
}

impl HandoffRequest {
    /// Checks the request again against `config` (the worker trusts nothing it is sent). The
    /// error names the member and says why.
    pub fn plan(&self, config: &Config) -> Result<HandoffPlan, String> {
        let config = match &self.profile {
            Some(profile) => config.with_profile(profile)?,
            None => config.clone(),
        };
        let key = match (&config.handoff_public_key, &self.public_key) {
            (Some(configured), _) => Some(configured.clone()),
            (None, Some(offered)) => Some(parse_public_jwk(offered, "publicKey")?),
            (None, None) => None,
        };
        Ok(HandoffPlan {
            onboarding_id: self.onboarding_id.clone(),
            key,
            config,
        })
    }
}
