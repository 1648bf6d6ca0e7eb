//! A well-formed start message checked against `config.json`: the configuration is the
//! vendor's and wins, so a script on the dashboard page can narrow what the app does (a tenant,
//! a listed profile) but never swap the key the bundle is sealed to.

use serde_json::Value;

use super::StartRequest;
use crate::config::branding::{parse_accent_color, parse_language};
use crate::config::{Config, DEFAULT_TENANT, PublicJwk, parse_public_jwk};

/// What the app does with an accepted start message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AcceptedStart {
    pub onboarding_id: Option<String>,
    /// The tenant to sign in to, when the hint may be used.
    pub tenant: Option<String>,
    pub login_hint: Option<String>,
    /// A profile the configuration allows (for `Config::with_profile`).
    pub profile: Option<String>,
    /// The key to seal to: the configuration's own when it has one.
    pub public_key: Option<PublicJwk>,
    /// The dashboard's branding, checked as `config.json`'s is; it wins over the file's.
    pub accent_color: Option<String>,
    pub logo_url: Option<String>,
    pub language: Option<&'static str>,
}

/// Checks `start` against `config`. The error names the member and says why, in words for the
/// vendor's developer (it goes back in a `bad-start` message).
pub fn accept_start(start: &StartRequest, config: &Config) -> Result<AcceptedStart, String> {
    if let Some(profile) = &start.profile {
        config.with_profile(profile)?;
    }
    let tenant = match &start.tenant_hint {
        None => None,
        // `common` is refused by the configuration, but would be as open as `organizations`.
        Some(hint) if config.tenant == DEFAULT_TENANT || config.tenant == "common" => {
            Some(hint.clone())
        }
        Some(hint) if *hint == config.tenant => Some(hint.clone()),
        Some(_) => {
            return Err(format!(
                "tenantHint: this deployment signs in to {} only (tenant in config.json): send \
                 that, or leave tenantHint out",
                config.tenant
            ));
        }
    };
    let public_key = match (&start.public_key, &config.handoff_public_key) {
        (None, configured) => configured.clone(),
        (Some(value), configured) => {
            let offered = parse_public_jwk(value, "publicKey")?;
            match configured {
                Some(configured) if !configured.same_key(&offered) => {
                    return Err(
                        "publicKey: differs from handoffPublicKey in config.json, which wins so \
                         that no script on the dashboard page can swap in its own key: send that \
                         key, or leave publicKey out"
                            .to_owned(),
                    );
                }
                Some(configured) => Some(configured.clone()),
                None => Some(offered),
            }
        }
    };
    let text = |value: &Option<String>| value.as_ref().map(|text| Value::String(text.clone()));
    let accent_color = text(&start.accent_color)
        .map(|value| parse_accent_color(&value).map_err(|why| ["accentColor: ", &why].concat()))
        .transpose()?;
    let language = text(&start.language)
        .map(|value| parse_language(&value).map_err(|why| ["language: ", &why].concat()))
        .transpose()?;
    let logo_url = match &start.logo_url {
        None => None,
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            if !config.allows_logo_from(url) {
                return Err(
                    "logoUrl: must be on the dashboard's own origin (one of handoffOrigins), so no \
                     other server sees the admin open the page"
                        .to_owned(),
                );
            }
            Some(url.clone())
        }
        Some(_) => {
            return Err(
                "logoUrl: must be an absolute address on the dashboard's origin".to_owned(),
            );
        }
    };
    Ok(AcceptedStart {
        accent_color,
        logo_url,
        language,
        onboarding_id: start.onboarding_id.clone(),
        tenant,
        login_hint: start.login_hint.clone(),
        profile: start.profile.clone(),
        public_key,
    })
}
