//! `allowedProfiles`: the other built-in profiles a dashboard's start message may choose
//! (docs/handoff.md, `profile`). The configured `permissionProfile` is always allowed; a start
//! message can never widen the list, because `config.json` is the vendor's and the message
//! may come from any script on the dashboard page.

use serde_json::{Map, Value};

use super::custom_permissions::read_custom_permissions;
use super::problems::Problems;
use super::syntax::type_name;
use super::{CUSTOM_PROFILE, Config, as_str};
use crate::catalog::{self, Profile};

#[cfg(test)]
mod tests;

/// Reads `allowedProfiles` (default: none). Each entry must be a built-in profile that the
/// file's `customPermissions` can be added to, so a chosen profile never fails at run time;
/// `custom_valid` says whether `customPermissions` itself passed (else it is not re-checked).
pub(crate) fn read_allowed_profiles(
    object: &Map<String, Value>,
    custom_valid: bool,
    p: &mut Problems,
) -> Option<Vec<&'static Profile>> {
    let Some(value) = object.get("allowedProfiles") else {
        return Some(Vec::new());
    };
    let Value::Array(items) = value else {
        p.add(
            "allowedProfiles",
            format!(
                "must be an array of profile ids, like [\"read-only\"], not {}",
                type_name(value)
            ),
        );
        return None;
    };
    let before = p.len();
    let mut profiles: Vec<&'static Profile> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let key = format!("allowedProfiles[{index}]");
        let Some(id) = as_str(item, &key, p) else {
            continue;
        };
        let Some(profile) = catalog::profile(id) else {
            let problem = if id == CUSTOM_PROFILE {
                format!(
                    "\"{CUSTOM_PROFILE}\" cannot be chosen by a start message: list built-in profiles ({}); customPermissions is added to whichever is chosen",
                    built_in_ids()
                )
            } else {
                format!(
                    "\"{id}\" is not a permission profile: write one of {}",
                    built_in_ids()
                )
            };
            p.add(key, problem);
            continue;
        };
        if let Some(first) = profiles.iter().position(|earlier| earlier.id == id) {
            p.add(
                key,
                format!("\"{id}\" is already listed (allowedProfiles[{first}]): remove one"),
            );
            continue;
        }
        if custom_valid && let Err(problem) = custom_permissions_for(object, profile) {
            p.add(key, problem);
            continue;
        }
        profiles.push(profile);
    }
    (p.len() == before).then_some(profiles)
}

/// `customPermissions` re-read on top of `profile`: none may repeat one of its permissions.
fn custom_permissions_for(
    object: &Map<String, Value>,
    profile: &'static Profile,
) -> Result<Vec<super::CustomPermission>, String> {
    let mut problems = Problems::default();
    read_custom_permissions(
        object,
        false,
        profile.permissions,
        profile.id,
        &mut problems,
    )
    .filter(|_| problems.is_empty())
    .ok_or_else(|| match problems.into_vec().first() {
        Some(first) => format!(
            "\"{}\" cannot be combined with this file's customPermissions ({first})",
            profile.id
        ),
        None => format!(
            "\"{}\" cannot be combined with this file's customPermissions",
            profile.id
        ),
    })
}

fn built_in_ids() -> String {
    catalog::profiles()
        .iter()
        .map(|profile| format!("\"{}\"", profile.id))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Config {
    /// The configured profile's id (`"custom"` for none).
    pub fn profile_id(&self) -> &'static str {
        self.permission_profile
            .map_or(CUSTOM_PROFILE, |profile| profile.id)
    }

    /// Whether a start message may choose `id`: the configured profile or one of
    /// `allowedProfiles`.
    pub fn allows_profile(&self, id: &str) -> bool {
        id == self.profile_id() || self.allowed_profiles.iter().any(|p| p.id == id)
    }

    /// This configuration running profile `id` instead (the dashboard's choice), with
    /// `customPermissions` added to it. The error names the member and says what to do.
    pub fn with_profile(&self, id: &str) -> Result<Config, String> {
        if id == self.profile_id() {
            return Ok(self.clone());
        }
        let Some(profile) = self.allowed_profiles.iter().find(|p| p.id == id) else {
            let mut allowed = vec![format!("\"{}\"", self.profile_id())];
            allowed.extend(
                self.allowed_profiles
                    .iter()
                    .map(|p| format!("\"{}\"", p.id)),
            );
            return Err(format!(
                "profile: \"{id}\" is not allowed by this deployment: send one of {}, or ask \
                 the vendor to add it to allowedProfiles in config.json",
                allowed.join(", ")
            ));
        };
        // `parse` accepted this text with this very profile, so reading it again succeeds;
        // the errors are kept for a file edited under a running page.
        let text = self.source.strip_prefix('\u{feff}').unwrap_or(&self.source);
        let root: Value = serde_json::from_str(text)
            .map_err(|_| "profile: config.json could not be read again: reload the page")?;
        let object = root
            .as_object()
            .ok_or("profile: config.json could not be read again: reload the page")?;
        let custom_permissions = custom_permissions_for(object, profile)
            .map_err(|problem| format!("profile: {problem}"))?;
        Ok(Config {
            permission_profile: Some(profile),
            custom_permissions,
            ..self.clone()
        })
    }
}
