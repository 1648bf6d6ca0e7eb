//! What the tenant holds, as read in discovery: the resource service principals (permission
//! names to ids), the app management policy, this product's app (by `uniqueName`) or
//! hand-registered apps with the same display name, and what the app's service principal
//! already holds. Parsed leniently: a field Graph left out is empty, never a panic.

use serde_json::Value;

use super::certificate::KeyCredential;
use super::query::literal;
use crate::catalog::{PermissionKind, Resource};
use crate::graph::GraphCall;

/// Properties read from a resource service principal.
const RESOURCE_SELECT: &str = "id,appId,displayName,appRoles,oauth2PermissionScopes";
/// Properties read from an application.
pub const APP_SELECT: &str = "id,appId,displayName,uniqueName,signInAudience,requiredResourceAccess,passwordCredentials,keyCredentials,tags";

/// One read of every resource service principal: `appId in (...)` takes up to 15 values
/// (<https://learn.microsoft.com/graph/aad-advanced-queries>).
pub fn resources_call(resources: &[Resource]) -> GraphCall {
    let ids: Vec<String> = resources
        .iter()
        .map(|r| format!("'{}'", r.app_id()))
        .collect();
    GraphCall::get(format!(
        "/servicePrincipals?$filter=appId%20in%20({})&$select={RESOURCE_SELECT}&$top=999",
        ids.join(",")
    ))
}

/// <https://learn.microsoft.com/graph/api/tenantappmanagementpolicy-get>
pub fn policy_call() -> GraphCall {
    GraphCall::get("/policies/defaultAppManagementPolicy")
}

/// This product's app by its alternate key; 404 when there is none.
pub fn app_by_unique_name_call(unique_name: &str) -> GraphCall {
    GraphCall::get(format!(
        "/applications(uniqueName='{unique_name}')?$select={APP_SELECT}"
    ))
}

/// The app a run is told to work on, by object id
/// (<https://learn.microsoft.com/graph/api/application-get>); 404 when there is none.
pub fn app_by_object_id_call(object_id: &str) -> GraphCall {
    GraphCall::get(format!("/applications/{object_id}?$select={APP_SELECT}"))
}

/// Apps with the display name (hand-registered from the vendor's manual, or ours).
pub fn apps_by_name_call(display_name: &str) -> GraphCall {
    GraphCall::get(format!(
        "/applications?$filter=displayName%20eq%20{}&$select={APP_SELECT}&$top=999",
        literal(display_name)
    ))
}

/// The app's certificates with their `key`, which Graph returns only on this read of the
/// single app by object id (<https://learn.microsoft.com/graph/api/resources/keycredential>):
/// a PATCH of `keyCredentials` replaces the list, so they are sent back with the new one.
pub fn keys_call(app_object_id: &str) -> GraphCall {
    GraphCall::get(format!(
        "/applications/{app_object_id}?$select=id,keyCredentials"
    ))
}

/// The certificates in an application's JSON.
pub fn key_credentials(value: &Value) -> Vec<KeyCredential> {
    list(value, "keyCredentials")
        .map(KeyCredential::from_json)
        .collect()
}

/// The app's service principal by the app's appId; 404 when there is none.
pub fn principal_call(app_id: &str) -> GraphCall {
    GraphCall::get(format!(
        "/servicePrincipals(appId='{app_id}')?$select=id,appId,displayName"
    ))
}

pub fn assignments_call(principal_id: &str) -> GraphCall {
    GraphCall::get(format!(
        "/servicePrincipals/{principal_id}/appRoleAssignments?$select=id,appRoleId,resourceId,principalId&$top=999"
    ))
}

pub fn delegated_grants_call(principal_id: &str) -> GraphCall {
    GraphCall::get(format!(
        "/oauth2PermissionGrants?$filter=clientId%20eq%20'{principal_id}'&$top=999"
    ))
}

pub fn role_assignments_call(principal_id: &str) -> GraphCall {
    GraphCall::get(format!(
        "/roleManagement/directory/roleAssignments?$filter=principalId%20eq%20'{principal_id}'&$top=999"
    ))
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn texts(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn list<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// A permission a resource offers: an app role or a delegated scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offered {
    pub id: String,
    pub value: String,
}

/// A resource's service principal in this tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourcePrincipal {
    pub id: String,
    pub app_id: String,
    pub display_name: String,
    pub app_roles: Vec<Offered>,
    pub scopes: Vec<Offered>,
}

impl ResourcePrincipal {
    pub fn from_json(value: &Value) -> Self {
        let offered = |key| {
            list(value, key)
                .map(|item| Offered {
                    id: text(item, "id"),
                    value: text(item, "value"),
                })
                .filter(|o| !o.id.is_empty() && !o.value.is_empty())
                .collect()
        };
        ResourcePrincipal {
            id: text(value, "id"),
            app_id: text(value, "appId").to_ascii_lowercase(),
            display_name: text(value, "displayName"),
            app_roles: offered("appRoles"),
            scopes: offered("oauth2PermissionScopes"),
        }
    }

    /// The id of the permission named `value` of this kind (names are case-sensitive claims).
    pub fn find(&self, kind: PermissionKind, value: &str) -> Option<&Offered> {
        let offered = match kind {
            PermissionKind::Application => &self.app_roles,
            PermissionKind::Delegated => &self.scopes,
        };
        offered.iter().find(|o| o.value == value)
    }

    /// The name of the permission with this id, either kind.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.app_roles
            .iter()
            .chain(&self.scopes)
            .find(|o| o.id.eq_ignore_ascii_case(id))
            .map(|o| o.value.as_str())
    }
}

/// One entry of `requiredResourceAccess`: a resource and a permission id with its type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AccessEntry {
    pub resource_app_id: String,
    pub id: String,
    /// `Role` (application) or `Scope` (delegated).
    pub kind: String,
}

/// A password credential as Graph lists it (never with its value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordCredential {
    pub key_id: String,
    pub display_name: String,
    /// When it became valid (`startDateTime`), as Graph wrote it; this product sets it to the
    /// time its run added the secret.
    pub start_date_time: String,
    pub end_date_time: String,
}

/// An application registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingApp {
    pub id: String,
    pub app_id: String,
    pub display_name: String,
    pub unique_name: Option<String>,
    pub required_resource_access: Vec<AccessEntry>,
    pub password_credentials: Vec<PasswordCredential>,
    /// Its certificates (without their `key`: lists and reads by alternate key leave it out).
    pub key_credentials: Vec<KeyCredential>,
    pub tags: Vec<String>,
}

impl ExistingApp {
    pub fn from_json(value: &Value) -> Self {
        let mut access = Vec::new();
        for resource in list(value, "requiredResourceAccess") {
            let resource_app_id = text(resource, "resourceAppId").to_ascii_lowercase();
            for entry in list(resource, "resourceAccess") {
                access.push(AccessEntry {
                    resource_app_id: resource_app_id.clone(),
                    id: text(entry, "id").to_ascii_lowercase(),
                    kind: text(entry, "type"),
                });
            }
        }
        ExistingApp {
            id: text(value, "id"),
            app_id: text(value, "appId"),
            display_name: text(value, "displayName"),
            unique_name: value
                .get("uniqueName")
                .and_then(Value::as_str)
                .filter(|name| !name.is_empty())
                .map(str::to_owned),
            required_resource_access: access,
            password_credentials: list(value, "passwordCredentials")
                .map(|c| PasswordCredential {
                    key_id: text(c, "keyId"),
                    display_name: text(c, "displayName"),
                    start_date_time: text(c, "startDateTime"),
                    end_date_time: text(c, "endDateTime"),
                })
                .collect(),
            key_credentials: key_credentials(value),
            tags: texts(value, "tags"),
        }
    }
}

/// An app role assignment held by the app's service principal (an application grant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub id: String,
    pub resource_id: String,
    pub app_role_id: String,
}

impl Assignment {
    pub fn from_json(value: &Value) -> Self {
        Assignment {
            id: text(value, "id"),
            resource_id: text(value, "resourceId"),
            app_role_id: text(value, "appRoleId").to_ascii_lowercase(),
        }
    }
}

/// A tenant-wide delegated grant (`consentType: AllPrincipals`) of the app's principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegatedGrant {
    pub id: String,
    pub resource_id: String,
    pub scopes: Vec<String>,
}

impl DelegatedGrant {
    /// `None` for a grant one user consented to: that is the user's, not this product's.
    pub fn from_json(value: &Value) -> Option<Self> {
        (text(value, "consentType") == "AllPrincipals").then(|| DelegatedGrant {
            id: text(value, "id"),
            resource_id: text(value, "resourceId"),
            scopes: text(value, "scope")
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// A directory role held by the app's service principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleAssignment {
    pub id: String,
    pub role_definition_id: String,
}

impl RoleAssignment {
    pub fn from_json(value: &Value) -> Self {
        RoleAssignment {
            id: text(value, "id"),
            role_definition_id: text(value, "roleDefinitionId").to_ascii_lowercase(),
        }
    }
}

/// What the tenant's default app management policy says about client secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretRule {
    /// No restriction on secrets.
    Allowed,
    /// Secrets may live at most this many seconds.
    MaxLifetime { seconds: u64 },
    /// Adding secrets is blocked (`passwordAddition`).
    Forbidden,
    /// The policy could not be read (no `Policy.Read.All`): `addPassword` will tell.
    Unknown,
}

impl SecretRule {
    /// Reads `applicationRestrictions.passwordCredentials` of the default policy
    /// (<https://learn.microsoft.com/graph/api/resources/tenantappmanagementpolicy>).
    pub fn from_policy(policy: &Value) -> Self {
        if policy.get("isEnabled").and_then(Value::as_bool) == Some(false) {
            return SecretRule::Allowed;
        }
        let mut rule = SecretRule::Allowed;
        for restriction in policy
            .pointer("/applicationRestrictions/passwordCredentials")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if restriction.get("state").and_then(Value::as_str) == Some("disabled") {
                continue;
            }
            match restriction.get("restrictionType").and_then(Value::as_str) {
                Some("passwordAddition") => return SecretRule::Forbidden,
                Some("passwordLifetime") => {
                    if let Some(seconds) = restriction
                        .get("maxLifetime")
                        .and_then(Value::as_str)
                        .and_then(super::time::iso_duration_seconds)
                    {
                        rule = match rule {
                            SecretRule::MaxLifetime { seconds: earlier } => {
                                SecretRule::MaxLifetime {
                                    seconds: earlier.min(seconds),
                                }
                            }
                            _ => SecretRule::MaxLifetime { seconds },
                        };
                    }
                }
                _ => {}
            }
        }
        rule
    }
}

/// The longest lifetime the default app management policy allows certificates
/// (`applicationRestrictions.keyCredentials[]` of type `asymmetricKeyLifetime`,
/// <https://learn.microsoft.com/graph/api/resources/keycredentialconfiguration>), in seconds;
/// `None` when it sets none.
pub fn certificate_max_lifetime(policy: &Value) -> Option<u64> {
    if policy.get("isEnabled").and_then(Value::as_bool) == Some(false) {
        return None;
    }
    policy
        .pointer("/applicationRestrictions/keyCredentials")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|r| r.get("state").and_then(Value::as_str) != Some("disabled"))
        .filter(|r| {
            r.get("restrictionType").and_then(Value::as_str) == Some("asymmetricKeyLifetime")
        })
        .filter_map(|r| r.get("maxLifetime").and_then(Value::as_str))
        .filter_map(super::time::iso_duration_seconds)
        .min()
}

/// Everything discovery learned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub resources: Vec<ResourcePrincipal>,
    pub secrets: SecretRule,
    /// The policy's longest certificate lifetime, seconds (`None`: none, or not read).
    pub certificate_max_seconds: Option<u64>,
    /// The existing app's certificates with their `key` (`None`: not read).
    pub app_keys: Option<Vec<KeyCredential>>,
    /// This product's app, found by `uniqueName`.
    pub app: Option<ExistingApp>,
    /// Other apps with the same display name (this product's own app left out).
    pub same_name: Vec<ExistingApp>,
    /// The service principal of the app the run will use (ours or the adopted one).
    pub principal_id: Option<String>,
    pub assignments: Vec<Assignment>,
    pub delegated_grants: Vec<DelegatedGrant>,
    pub role_assignments: Vec<RoleAssignment>,
}

impl Facts {
    /// Nothing known yet: what a run starts from before discovery.
    pub fn unknown() -> Self {
        Facts {
            resources: Vec::new(),
            secrets: SecretRule::Unknown,
            certificate_max_seconds: None,
            app_keys: None,
            app: None,
            same_name: Vec::new(),
            principal_id: None,
            assignments: Vec::new(),
            delegated_grants: Vec::new(),
            role_assignments: Vec::new(),
        }
    }
}

impl Facts {
    pub fn resource(&self, resource: Resource) -> Option<&ResourcePrincipal> {
        self.resources
            .iter()
            .find(|r| r.app_id.eq_ignore_ascii_case(resource.app_id()))
    }

    pub fn resource_by_id(&self, id: &str) -> Option<&ResourcePrincipal> {
        self.resources.iter().find(|r| r.id == id)
    }

    pub fn resource_by_app_id(&self, app_id: &str) -> Option<&ResourcePrincipal> {
        self.resources
            .iter()
            .find(|r| r.app_id.eq_ignore_ascii_case(app_id))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_policy_limits_or_forbids_secrets() {
        let limited = json!({ "isEnabled": true, "applicationRestrictions": { "passwordCredentials": [
            { "restrictionType": "passwordLifetime", "maxLifetime": "P30D" } ] } });
        assert_eq!(
            SecretRule::from_policy(&limited),
            SecretRule::MaxLifetime {
                seconds: 30 * 86_400
            }
        );
        let forbidden = json!({ "isEnabled": true, "applicationRestrictions": { "passwordCredentials": [
            { "restrictionType": "passwordAddition", "maxLifetime": null } ] } });
        assert_eq!(SecretRule::from_policy(&forbidden), SecretRule::Forbidden);
        let off = json!({ "isEnabled": false, "applicationRestrictions": { "passwordCredentials": [
            { "restrictionType": "passwordAddition" } ] } });
        assert_eq!(SecretRule::from_policy(&off), SecretRule::Allowed);
        assert_eq!(SecretRule::from_policy(&json!({})), SecretRule::Allowed);
    }

    #[test]
    fn the_policy_may_limit_certificates() {
        let limited = json!({ "isEnabled": true, "applicationRestrictions": { "keyCredentials": [
            { "restrictionType": "trustedCertificateAuthority" },
            { "restrictionType": "asymmetricKeyLifetime", "maxLifetime": "P90D" },
            { "restrictionType": "asymmetricKeyLifetime", "maxLifetime": "P30D" } ] } });
        assert_eq!(certificate_max_lifetime(&limited), Some(30 * 86_400));
        assert_eq!(certificate_max_lifetime(&json!({})), None);
    }

    #[test]
    fn apps_are_read_leniently() {
        let app = ExistingApp::from_json(&json!({
            "id": "o1", "appId": "a1", "displayName": "Contoso Backup", "uniqueName": null,
            "requiredResourceAccess": [{ "resourceAppId": "00000003-0000-0000-C000-000000000000",
                "resourceAccess": [{ "id": "DF021288-bdef-4463-88db-98f22de89214", "type": "Role" }] }],
            "passwordCredentials": [{ "keyId": "k1", "displayName": null }],
        }));
        assert_eq!(app.unique_name, None);
        assert_eq!(
            app.required_resource_access,
            vec![AccessEntry {
                resource_app_id: "00000003-0000-0000-c000-000000000000".into(),
                id: "df021288-bdef-4463-88db-98f22de89214".into(),
                kind: "Role".into(),
            }]
        );
        assert_eq!(app.password_credentials[0].display_name, "");
        assert!(app.tags.is_empty());
    }
}
