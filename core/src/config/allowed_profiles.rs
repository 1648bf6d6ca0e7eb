//! `allowedProfiles`: the other built-in profiles a dashboard's start message may choose
//! (docs/handoff.md, `profile`). The configured `permissionProfile` is always allowed; a start
//! message can never widen the list, because `config.json` is the vendor's and the message
//! may come from any script on the dashboard page.

use serde_json::{Map, Value};

use super::problems::Problems;
use super::syntax::type_name;
use super::{CUSTOM_PROFILE, Config, CustomPermission, as_str};
use crate::catalog::{self, Profile};

#[cfg(test)]
mod tests;

/// Reads `allowedProfiles` (default: none). Each entry must be a built-in profile that the
/// file's `customPermissions` (`custom`, when valid) can be added to, so a chosen profile
/// never fails at run time.
pub(crate) fn read_allowed_profiles(
    object: &Map<String, Value>,
    custom: Option<&[CustomPermission]>,
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
        if let Some(problem) = custom.and_then(|custom| repeated(custom, profile)) {
            p.add(key, problem);
            continue;
        }
        profiles.push(profile);
    }
    (p.len() == before).then_some(profiles)
}

/// The first custom permission `profile` already has, as the problem to report: the same
/// rule `customPermissions` follows for the configured profile.
fn repeated(custom: &[CustomPermission], profile: &Profile) -> Option<String> {
    custom.iter().enumerate().find_map(|(index, custom)| {
        profile
            .permissions
            .iter()
            .any(|p| {
                p.resource == custom.resource && p.kind == custom.kind && p.value == custom.value
            })
            .then(|| {
                format!(
                    "\"{}\" already has {}, which customPermissions[{index}] adds: remove one of \
                     them",
                    profile.id, custom.value
                )
            })
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
        // `parse` checked `customPermissions` against every allowed profile: they stay.
        Ok(Config {
            permission_profile: Some(profile),
            ..self.clone()
        })
    }
}
