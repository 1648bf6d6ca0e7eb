//! `customPermissions`: permissions a deployment adds to its profile, or, with
//! `"permissionProfile": "custom"`, the whole request. Each entry names a resource, a permission
//! and its type, with the reason admins will read; its id is resolved from the tenant at run
//! time (the catalog's id, when it knows one, is only a cross-check).

mod checks;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use super::keys;
use super::problems::Problems;
use super::syntax::type_name;
use super::{as_str, record};
use crate::catalog::{self, Permission, PermissionKind, RequestedPermission, Resource, Workload};

/// One entry of `customPermissions`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomPermission {
    pub resource: Resource,
    pub kind: PermissionKind,
    /// The claim value, e.g. `Mail.Read`.
    pub value: String,
    /// Why the backup product needs it, shown to the admin.
    pub reason: String,
}

impl CustomPermission {
    /// As a request: the catalog's id and workload when it knows the permission.
    pub fn requested(&self) -> RequestedPermission {
        let known = catalog::permissions::find(self.resource, self.kind, &self.value);
        RequestedPermission {
            resource: self.resource,
            kind: self.kind,
            value: self.value.clone(),
            workload: known.map_or_else(|| Workload::guess(&self.value), |p| p.workload),
            reason: self.reason.clone(),
            catalog_id: known.map(|p| p.id),
        }
    }
}

/// The longest reason accepted, in characters.
pub const MAX_REASON_CHARS: usize = 200;

const EXAMPLE: &str = r#"[{"resource": "microsoftGraph", "permission": "Mail.Read", "type": "application", "reason": "..."}]"#;

/// Reads `customPermissions`. `custom` is true for `"permissionProfile": "custom"` (the list is
/// then required and must not be empty); `base` is the chosen profile's permissions (an entry
/// repeating one of them is refused) and `profile_id` its id, for the message.
pub(crate) fn read_custom_permissions(
    object: &Map<String, Value>,
    custom: bool,
    base: &[Permission],
    profile_id: &str,
    p: &mut Problems,
) -> Option<Vec<CustomPermission>> {
    let Some(value) = object.get("customPermissions") else {
        if custom {
            p.add(
                "customPermissions",
                format!("is missing: with \"permissionProfile\": \"custom\" list the permissions, like {EXAMPLE}"),
            );
            return None;
        }
        return Some(Vec::new());
    };
    let Value::Array(items) = value else {
        let hint = if value.is_object() {
            ": put the permission in brackets, [{...}]"
        } else {
            ""
        };
        p.add(
            "customPermissions",
            format!(
                "must be an array of permissions like {EXAMPLE}, not {}{hint}",
                type_name(value)
            ),
        );
        return None;
    };
    if items.is_empty() && custom {
        p.add(
            "customPermissions",
            format!("is empty: with \"permissionProfile\": \"custom\" list at least one permission, like {EXAMPLE}"),
        );
        return None;
    }
    let before = p.len();
    let mut permissions: Vec<CustomPermission> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let path = format!("customPermissions[{index}]");
        let Some(permission) = read_entry(item, &path, p) else {
            continue;
        };
        let same = |other: &CustomPermission| {
            other.resource == permission.resource
                && other.kind == permission.kind
                && other.value == permission.value
        };
        if let Some(first) = permissions.iter().position(same) {
            p.add(
                format!("{path}.permission"),
                format!(
                    "{} is already listed (customPermissions[{first}]): remove one",
                    permission.value
                ),
            );
        } else if base.iter().any(|b| {
            b.resource == permission.resource
                && b.kind == permission.kind
                && b.value == permission.value
        }) {
            p.add(
                format!("{path}.permission"),
                format!(
                    "{} is already in the \"{profile_id}\" profile: remove it",
                    permission.value
                ),
            );
        }
        permissions.push(permission);
    }
    (p.len() == before).then_some(permissions)
}

/// One entry: an object with exactly the four keys, each valid.
fn read_entry(item: &Value, path: &str, p: &mut Problems) -> Option<CustomPermission> {
    let Value::Object(entry) = item else {
        p.add(
            path,
            format!("must be an object like {{\"resource\": \"microsoftGraph\", \"permission\": \"Mail.Read\", \"type\": \"application\", \"reason\": \"...\"}}, not {}", type_name(item)),
        );
        return None;
    };
    for key in entry
        .keys()
        .filter(|key| !keys::CUSTOM_PERMISSION.contains(&key.as_str()))
    {
        p.add(
            format!("{path}.{key}"),
            keys::unknown_key(key, &keys::CUSTOM_PERMISSION),
        );
    }
    let field = |key: &str, what: &str, p: &mut Problems| -> Option<String> {
        let path = format!("{path}.{key}");
        match entry.get(key) {
            None => {
                p.add(path, format!("is missing: write {what}"));
                None
            }
            Some(value) => as_str(value, &path, p).map(str::to_owned),
        }
    };
    let resource = field(
        "resource",
        "\"microsoftGraph\", \"exchangeOnline\" or \"sharePointOnline\"",
        p,
    )
    .and_then(|text| {
        record(
            checks::parse_resource(&text),
            &format!("{path}.resource"),
            p,
        )
    });
    let value = field("permission", "the permission's name, like \"Mail.Read\"", p)
        .and_then(|text| record(checks::check_name(&text), &format!("{path}.permission"), p));
    let kind = field(
        "type",
        "\"application\" (no user signed in) or \"delegated\"",
        p,
    )
    .and_then(|text| record(checks::parse_kind(&text), &format!("{path}.type"), p));
    let reason = field(
        "reason",
        "why the backup product needs it, in one line an admin can read",
        p,
    )
    .and_then(|text| record(checks::check_reason(&text), &format!("{path}.reason"), p));
    let (resource, value, kind, reason) = (resource?, value?, kind?, reason?);
    if let Some((key, problem)) = checks::check_combination(resource, kind, &value) {
        p.add(format!("{path}.{key}"), problem);
        return None;
    }
    Some(CustomPermission {
        resource,
        kind,
        value,
        reason,
    })
}
