//! What a native test asks after a registration, without going through Graph (no paging, no
//! replication delay, no permissions): which apps exist under a name, what their service
//! principal holds, and whether a secret gets a token. Typed and sorted, so tests compare with
//! `assert_eq!`.

use std::collections::HashMap;

use serde_json::Value;

use super::Tenant;
use super::entra::client_credentials;
use super::jwt;
use super::seed::TENANT_ID;
use super::store::{Object, State, str_field};

/// An application registration as the directory holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRecord {
    pub object_id: String,
    pub app_id: String,
    pub display_name: String,
    pub unique_name: Option<String>,
    /// False during the replication delay after creation.
    pub replicated: bool,
    /// keyIds of the password credentials (secrets), sorted.
    pub secret_key_ids: Vec<String>,
    /// keyIds of the key credentials (certificates), sorted.
    pub certificate_key_ids: Vec<String>,
    pub required_resource_access: Value,
}

/// A certificate (keyCredential) on an application, as the directory holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRecord {
    pub key_id: String,
    /// SHA-1 thumbprint of the DER, upper-case hex (as the portal shows it).
    pub thumbprint_sha1: String,
    /// The certificate's DER, as uploaded.
    pub der: Vec<u8>,
    /// `customKeyIdentifier` as Graph returns it (base64).
    pub custom_key_identifier: Option<String>,
    pub display_name: Option<String>,
    pub start: String,
    pub end: String,
    pub usage: String,
}

/// An application permission held: the resource's appId and the app role's value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AppRoleHeld {
    pub resource_app_id: String,
    pub value: String,
}

/// A delegated permission grant held: the resource's appId, `AllPrincipals` or `Principal`,
/// the user for `Principal`, and the scopes (sorted).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DelegatedHeld {
    pub resource_app_id: String,
    pub consent_type: String,
    pub principal_id: Option<String>,
    pub scopes: Vec<String>,
}

/// What the service principal of an app holds. Every list is sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub sp_id: String,
    pub app_roles: Vec<AppRoleHeld>,
    pub delegated: Vec<DelegatedHeld>,
    /// Directory role template ids (`roleDefinitionId`) assigned to the service principal.
    pub directory_roles: Vec<String>,
}

fn ids(list: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = list
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("keyId").and_then(Value::as_str).map(String::from))
        .collect();
    out.sort();
    out
}

fn record(state: &State, a: &Object, now: std::time::SystemTime) -> AppRecord {
    let object_id = str_field(a, "id").unwrap_or_default().to_string();
    AppRecord {
        replicated: state.visible(&object_id, now),
        app_id: str_field(a, "appId").unwrap_or_default().to_string(),
        display_name: str_field(a, "displayName").unwrap_or_default().to_string(),
        unique_name: str_field(a, "uniqueName").map(String::from),
        secret_key_ids: ids(a.get("passwordCredentials")),
        certificate_key_ids: ids(a.get("keyCredentials")),
        required_resource_access: a
            .get("requiredResourceAccess")
            .cloned()
            .unwrap_or(Value::Null),
        object_id,
    }
}

fn app_id_of_sp(state: &State, sp_id: &str) -> String {
    state
        .sp(sp_id)
        .and_then(|s| str_field(s, "appId"))
        .unwrap_or_default()
        .to_string()
}

impl Tenant {
    /// Every application whose `uniqueName` is `unique_name` (case-insensitive), replicated or not.
    pub fn apps_by_unique_name(&self, unique_name: &str) -> Vec<AppRecord> {
        self.apps_where(|a| {
            str_field(a, "uniqueName").is_some_and(|u| u.eq_ignore_ascii_case(unique_name))
        })
    }

    /// Every application whose `displayName` is exactly `display_name`.
    pub fn apps_by_display_name(&self, display_name: &str) -> Vec<AppRecord> {
        self.apps_where(|a| str_field(a, "displayName") == Some(display_name))
    }

    fn apps_where(&self, keep: impl Fn(&Object) -> bool) -> Vec<AppRecord> {
        let now = self.now();
        let state = self.lock();
        state
            .applications
            .iter()
            .filter(|a| keep(a))
            .map(|a| record(&state, a, now))
            .collect()
    }

    /// What the service principal of the app `app_id` holds; None when it has none.
    pub fn consent_of(&self, app_id: &str) -> Option<Consent> {
        let state = self.lock();
        let sp_id = str_field(state.sp_by_app_id(app_id)?, "id")?.to_string();
        let mut app_roles: Vec<AppRoleHeld> = state
            .app_role_assignments
            .iter()
            .filter(|a| str_field(a, "principalId") == Some(sp_id.as_str()))
            .map(|a| {
                let resource_id = str_field(a, "resourceId").unwrap_or_default();
                let role_id = str_field(a, "appRoleId").unwrap_or_default();
                let value = state
                    .app_role(resource_id, role_id)
                    .and_then(|r| r.get("value").and_then(Value::as_str))
                    .unwrap_or(role_id)
                    .to_string();
                AppRoleHeld {
                    resource_app_id: app_id_of_sp(&state, resource_id),
                    value,
                }
            })
            .collect();
        app_roles.sort();
        let mut delegated: Vec<DelegatedHeld> = state
            .grants
            .iter()
            .filter(|g| str_field(g, "clientId") == Some(sp_id.as_str()))
            .map(|g| {
                let mut scopes: Vec<String> = str_field(g, "scope")
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(String::from)
                    .collect();
                scopes.sort();
                DelegatedHeld {
                    resource_app_id: app_id_of_sp(
                        &state,
                        str_field(g, "resourceId").unwrap_or_default(),
                    ),
                    consent_type: str_field(g, "consentType").unwrap_or_default().to_string(),
                    principal_id: str_field(g, "principalId").map(String::from),
                    scopes,
                }
            })
            .collect();
        delegated.sort();
        let mut directory_roles: Vec<String> = state
            .role_assignments
            .iter()
            .filter(|r| str_field(r, "principalId") == Some(sp_id.as_str()))
            .filter_map(|r| str_field(r, "roleDefinitionId").map(String::from))
            .collect();
        directory_roles.sort();
        Some(Consent {
            sp_id,
            app_roles,
            delegated,
            directory_roles,
        })
    }

    /// The token endpoint a client assertion's `aud` names:
    /// `{sign_in_base}/{TENANT_ID}/oauth2/v2.0/token`.
    pub fn token_endpoint(&self) -> String {
        format!(
            "{}/{TENANT_ID}/oauth2/v2.0/token",
            self.options.sign_in_base
        )
    }

    /// The certificates of the app `app_id`, in the app's order (empty for an unknown app).
    pub fn certificates_of(&self, app_id: &str) -> Vec<CertificateRecord> {
        let state = self.lock();
        let Some(app) = state.app_by_app_id(app_id) else {
            return vec![];
        };
        let s = |kc: &Value, k: &str| kc.get(k).and_then(Value::as_str).map(String::from);
        app.get("keyCredentials")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|kc| {
                let key_id = s(kc, "keyId")?;
                let der = state.cert_keys.get(&key_id)?.clone();
                let (sha1, _) = client_credentials::thumbprints(&der);
                Some(CertificateRecord {
                    thumbprint_sha1: sha1.iter().map(|b| format!("{b:02X}")).collect(),
                    der,
                    custom_key_identifier: s(kc, "customKeyIdentifier"),
                    display_name: s(kc, "displayName"),
                    start: s(kc, "startDateTime").unwrap_or_default(),
                    end: s(kc, "endDateTime").unwrap_or_default(),
                    usage: s(kc, "usage").unwrap_or_default(),
                    key_id,
                })
            })
            .collect()
    }

    /// Client credentials with a client assertion (a JWT signed with a certificate's private
    /// key, see [`Tenant::token_endpoint`] for its `aud`), as the backup server would ask: the
    /// token's `roles` (sorted), or the AADSTS error code (700027 unknown, expired or wrongly
    /// signed certificate, 700024 assertion outside nbf..exp, 700023 wrong `aud`, 700021 `iss`
    /// not the client id, 50048 `sub` ≠ `iss`, 50027 malformed, 700016 unknown app, 7000229 no
    /// service principal).
    pub fn client_assertion_token(
        &self,
        app_id: &str,
        assertion: &str,
        scope: &str,
    ) -> Result<Vec<String>, u32> {
        self.client_credentials_roles(&[
            ("grant_type", "client_credentials"),
            ("client_id", app_id),
            ("client_assertion_type", client_credentials::JWT_BEARER),
            ("client_assertion", assertion),
            ("scope", scope),
        ])
    }

    /// Client credentials with a secret, as the backup server would ask (no `Origin`), for
    /// `scope` (e.g. `https://graph.microsoft.com/.default`): the token's `roles` (sorted), or
    /// the AADSTS error code (7000215 wrong or not yet propagated secret, 7000222 expired,
    /// 700016 unknown app, 7000229 no service principal). Replication and secret propagation
    /// apply as at the token endpoint.
    pub fn client_secret_token(
        &self,
        app_id: &str,
        secret: &str,
        scope: &str,
    ) -> Result<Vec<String>, u32> {
        self.client_credentials_roles(&[
            ("grant_type", "client_credentials"),
            ("client_id", app_id),
            ("client_secret", secret),
            ("scope", scope),
        ])
    }

    fn client_credentials_roles(&self, pairs: &[(&str, &str)]) -> Result<Vec<String>, u32> {
        let form: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let answer =
            client_credentials::handle(self, TENANT_ID, &form, None).map_err(|e| e.code)?;
        let claims = answer
            .get("access_token")
            .and_then(Value::as_str)
            .and_then(jwt::verify_own)
            .ok_or(0u32)?;
        let mut roles: Vec<String> = claims
            .get("roles")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str().map(String::from))
            .collect();
        roles.sort();
        Ok(roles)
    }
}
