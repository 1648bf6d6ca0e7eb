//! The checks on one `customPermissions` entry's values, each returning what to write instead.

use crate::catalog::{self, PermissionKind, Resource};
use crate::config::keys;

use super::MAX_REASON_CHARS;

fn resource_names() -> String {
    Resource::ALL
        .map(|r| format!("\"{}\"", r.config_name()))
        .join(", ")
}

/// `"microsoftGraph"`, `"exchangeOnline"` or `"sharePointOnline"`, exactly.
pub(super) fn parse_resource(text: &str) -> Result<Resource, String> {
    if let Some(resource) = Resource::from_config_name(text) {
        return Ok(resource);
    }
    let names = Resource::ALL.map(Resource::config_name);
    let folded = text.to_ascii_lowercase();
    let intended = keys::nearest(text, &names)
        .and_then(Resource::from_config_name)
        .or_else(|| Resource::ALL.into_iter().find(|r| r.app_id() == folded))
        .or_else(|| {
            Resource::ALL.into_iter().find(|r| {
                r.display_name().eq_ignore_ascii_case(text)
                    || match r {
                        Resource::MicrosoftGraph => folded.contains("graph"),
                        Resource::ExchangeOnline => folded.contains("exchange") || folded == "exo",
                        Resource::SharePointOnline => {
                            folded.contains("sharepoint") || folded == "spo"
                        }
                    }
            })
        });
    Err(match intended {
        Some(resource) => format!(
            "\"{text}\" is not a resource; did you mean \"{}\"? (names are case-sensitive)",
            resource.config_name()
        ),
        None => format!(
            "\"{text}\" is not a resource: write one of {}",
            resource_names()
        ),
    })
}

/// `"application"` or `"delegated"`, exactly.
pub(super) fn parse_kind(text: &str) -> Result<PermissionKind, String> {
    match text {
        "application" => return Ok(PermissionKind::Application),
        "delegated" => return Ok(PermissionKind::Delegated),
        _ => {}
    }
    let intended = match text.to_ascii_lowercase().as_str() {
        "application" | "app" | "role" | "approle" | "app role" | "app-only" | "apponly" => {
            Some("application")
        }
        "delegated" | "delegate" | "scope" | "user" | "oauth2permissionscope" => Some("delegated"),
        _ => None,
    };
    Err(match intended {
        Some(kind) => {
            format!("\"{text}\" is not a type; did you mean \"{kind}\"? (types are lowercase)")
        }
        None => format!(
            "\"{text}\" is not a type: write \"application\" (used by the backup server without a user) or \"delegated\" (used on behalf of a signed-in user)"
        ),
    })
}

/// The longest permission name accepted.
const MAX_NAME_CHARS: usize = 120;

/// A permission's claim value: letters, digits, `.`, `_` and `-`, starting with a letter, like
/// `Mail.Read` or `full_access_as_app`. Catches the usual slips: a scope URL, spaces, an id, a
/// wrong case.
pub(super) fn check_name(text: &str) -> Result<String, String> {
    if text.is_empty() {
        return Err("is empty: write the permission's name, like \"Mail.Read\"".into());
    }
    if text.contains("://") || text.contains('/') {
        let bare = text.rsplit('/').next().unwrap_or(text).trim();
        return Err(if bare.is_empty() {
            "write the bare permission name, like \"Mail.Read\", not a URL".into()
        } else {
            format!("write the bare permission name, \"{bare}\", not a scope URL")
        });
    }
    if text.trim() != text {
        return Err(format!(
            "has spaces at the start or end: write \"{}\"",
            text.trim()
        ));
    }
    if text.chars().any(char::is_whitespace) {
        return Err(
            "has spaces: write the permission's name as Entra shows it in the claim, like \"Mail.Read\" (not its display name)"
                .into(),
        );
    }
    if crate::guid::is_guid(text) {
        let known = catalog::permissions::every().find(|p| p.id.eq_ignore_ascii_case(text));
        return Err(match known {
            Some(permission) => format!(
                "is an id: write the permission's name, \"{}\" (ids are read from your tenant)",
                permission.value
            ),
            None => "is an id: write the permission's name, like \"Mail.Read\" (ids are read from your tenant)".into(),
        });
    }
    if text.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "is longer than {MAX_NAME_CHARS} characters: no permission name is that long"
        ));
    }
    let well_formed = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !text.ends_with('.')
        && !text.contains("..");
    if !well_formed {
        return Err(format!(
            "\"{text}\" does not look like a permission name: names are letters and digits separated by dots, like \"Mail.Read\""
        ));
    }
    if let Some(known) = catalog::permissions::every()
        .find(|p| p.value != text && p.value.eq_ignore_ascii_case(text))
    {
        return Err(format!(
            "\"{text}\" is not a permission; did you mean \"{}\"? (names are case-sensitive)",
            known.value
        ));
    }
    Ok(text.to_owned())
}

/// 1 to 200 characters, no control characters, no spaces at the ends.
pub(super) fn check_reason(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("is empty: say in one line why the backup product needs this permission; admins read it before they consent".into());
    }
    if text.trim() != text {
        return Err("has spaces at the start or end: remove them".into());
    }
    if text.chars().any(char::is_control) {
        return Err("has a line break, tab or other control character: write one line".into());
    }
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(format!(
            "is longer than {MAX_REASON_CHARS} characters: say it in one line"
        ));
    }
    Ok(text.to_owned())
}

/// Names whose family belongs to SharePoint's own API only (no Graph or Exchange permission
/// starts this way).
const SHAREPOINT_ONLY_FAMILIES: [&str; 2] = ["AllSites.", "MyFiles."];

/// Permissions that exist only as delegated scopes on their resource.
fn delegated_only(resource: Resource, value: &str) -> bool {
    matches!(value, "openid" | "profile" | "email" | "offline_access")
        || (resource == Resource::MicrosoftGraph && value == "User.Read")
        || (resource == Resource::SharePointOnline
            && SHAREPOINT_ONLY_FAMILIES
                .iter()
                .any(|f| value.starts_with(f)))
}

/// Checks that need the resource, type and name together. Returns the key the problem is
/// about (`resource`, `permission` or `type`) and the problem.
pub(super) fn check_combination(
    resource: Resource,
    kind: PermissionKind,
    value: &str,
) -> Option<(&'static str, String)> {
    if value == "full_access_as_app" {
        return Some(("permission", "EWS (full_access_as_app) is not offered: Exchange Online blocks EWS from October 2026; back mail up through Microsoft Graph (Mail.Read or Mail.ReadWrite on \"microsoftGraph\")".into()));
    }
    if value == "Exchange.ManageAsApp" {
        return Some(("permission", "leave Exchange.ManageAsApp out and write \"exchangeManagement\": true: it adds this permission with the Exchange Administrator role it needs to do anything, and the certificate Exchange Online PowerShell signs in with".into()));
    }
    if resource != Resource::SharePointOnline
        && SHAREPOINT_ONLY_FAMILIES
            .iter()
            .any(|f| value.starts_with(f))
    {
        return Some((
            "resource",
            format!("{value} is a SharePoint permission: write \"sharePointOnline\""),
        ));
    }
    if kind == PermissionKind::Application && delegated_only(resource, value) {
        return Some((
            "type",
            format!("{value} exists only as a delegated permission: write \"delegated\""),
        ));
    }
    None
}
