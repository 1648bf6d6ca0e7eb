//! The `requiredResourceAccess` fragment an admin pastes into the app's Manifest page, for the
//! permissions the configuration asks for.
//!
//! The Manifest page shows the app in the Microsoft Graph app manifest format, the Graph
//! `application` object itself
//! (<https://learn.microsoft.com/entra/identity-platform/reference-microsoft-graph-app-manifest>):
//! `requiredResourceAccess` is a list of
//! `{"resourceAppId": "<resource app id>", "resourceAccess": [{"id": "<id>", "type": "Role"|"Scope"}]}`
//! (<https://learn.microsoft.com/graph/api/resources/requiredresourceaccess>,
//! <https://learn.microsoft.com/graph/api/resources/resourceaccess>): `Role` for an application
//! permission (app role), `Scope` for a delegated one.
//!
//! Ids come from the catalog. A permission it has no id for (a custom one it does not know)
//! cannot be written here without guessing: it is left out and named, for the admin to add on
//! the API permissions page by name.

use serde_json::Value;

use crate::catalog::{PermissionKind, RequestedPermission, Resource};

/// The fragment to paste, and what it could not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestFragment {
    /// `"requiredResourceAccess": [...]`'s value, pretty-printed JSON.
    pub json: String,
    /// Permissions without a known id: not in `json`, to be added on the API permissions page.
    pub left_out: Vec<RequestedPermission>,
}

/// The `type` of a `resourceAccess` entry.
pub fn access_type(kind: PermissionKind) -> &'static str {
    match kind {
        PermissionKind::Application => "Role",
        PermissionKind::Delegated => "Scope",
    }
}

/// The `requiredResourceAccess` value for `permissions`: resources in [`Resource::ALL`] order
/// (Microsoft Graph, Exchange Online, SharePoint Online), each resource's permissions in the
/// order asked (the catalog's), each once. The text is written here, keys in the order the
/// Manifest page shows them (`resourceAppId` first, then `id` before `type`), so that it never
/// depends on how a JSON library orders keys: the same permissions always give the same text.
pub fn required_resource_access(permissions: &[RequestedPermission]) -> ManifestFragment {
    let mut entries: Vec<(Resource, Vec<(&'static str, &'static str)>)> = Vec::new();
    for resource in Resource::ALL {
        let mut access: Vec<(&'static str, &'static str)> = Vec::new();
        for permission in permissions.iter().filter(|p| p.resource == resource) {
            let Some(id) = permission.catalog_id else {
                continue;
            };
            let entry = (id, access_type(permission.kind));
            if !access.contains(&entry) {
                access.push(entry);
            }
        }
        if !access.is_empty() {
            entries.push((resource, access));
        }
    }
    ManifestFragment {
        json: pretty(&entries),
        left_out: permissions
            .iter()
            .filter(|p| p.catalog_id.is_none())
            .cloned()
            .collect(),
    }
}

/// Two-space indented JSON, as the Manifest page itself indents.
fn pretty(entries: &[(Resource, Vec<(&'static str, &'static str)>)]) -> String {
    if entries.is_empty() {
        return "[]".to_owned();
    }
    let quoted = |text: &str| Value::String(text.to_owned()).to_string();
    let resources: Vec<String> = entries
        .iter()
        .map(|(resource, access)| {
            let items: Vec<String> = access
                .iter()
                .map(|(id, kind)| {
                    format!(
                        "      {{\n        \"id\": {},\n        \"type\": {}\n      }}",
                        quoted(id),
                        quoted(kind)
                    )
                })
                .collect();
            format!(
                "  {{\n    \"resourceAppId\": {},\n    \"resourceAccess\": [\n{}\n    ]\n  }}",
                quoted(resource.app_id()),
                items.join(",\n")
            )
        })
        .collect();
    format!("[\n{}\n]", resources.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{self, Workload};

    #[test]
    fn entries_keep_the_catalog_order_and_key_order_is_fixed() {
        let Some(profile) = catalog::profile("full-backup") else {
            panic!("full-backup is a built-in profile");
        };
        let fragment = required_resource_access(&profile.requested());
        assert!(fragment.left_out.is_empty());
        // Graph first, SharePoint after, keys in the Manifest page's order.
        let graph = fragment.json.find("00000003-0000-0000-c000-000000000000");
        let sharepoint = fragment.json.find("00000003-0000-0ff1-ce00-000000000000");
        assert!(graph < sharepoint, "{}", fragment.json);
        assert!(
            fragment.json.starts_with(
                "[\n  {\n    \"resourceAppId\": \"00000003-0000-0000-c000-000000000000\",\n    \"resourceAccess\": [\n      {\n        \"id\": \"df021288-bdef-4463-88db-98f22de89214\",\n        \"type\": \"Role\"\n      },"
            ),
            "{}",
            fragment.json
        );
        assert_eq!(
            fragment.json,
            required_resource_access(&profile.requested()).json
        );
    }

    #[test]
    fn a_permission_without_a_known_id_is_left_out_and_named() {
        let unknown = RequestedPermission {
            resource: Resource::MicrosoftGraph,
            kind: PermissionKind::Application,
            value: "Team.ReadBasic.All".into(),
            workload: Workload::Other,
            reason: "List teams.".into(),
            catalog_id: None,
        };
        let fragment = required_resource_access(std::slice::from_ref(&unknown));
        assert_eq!(fragment.json, "[]");
        assert_eq!(fragment.left_out, vec![unknown]);
    }
}
