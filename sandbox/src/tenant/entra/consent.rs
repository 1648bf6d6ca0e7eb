//! Delegated consent: what a user or the whole tenant has granted a client, and who may consent.

use serde_json::{Value, json};

use super::super::Tenant;
use super::super::clock::iso;
use super::super::permissions::{GRAPH_APP_ID, Permission, graph_scope, roles};
use super::super::seed::{ONBOARDING_CLIENT_ID, PUBLISHER_TENANT_ID};
use super::super::store::{Object, State, User, new_id, str_field};
use super::clients::Client;

/// Roles that may grant tenant-wide consent to delegated permissions (Entra admin-consent docs:
/// Application Administrator and Cloud Application Administrator may, except for Graph app roles).
pub const DELEGATED_CONSENT_ROLES: &[&str] = &[
    roles::GLOBAL_ADMINISTRATOR,
    roles::PRIVILEGED_ROLE_ADMINISTRATOR,
    roles::APPLICATION_ADMINISTRATOR,
    roles::CLOUD_APPLICATION_ADMINISTRATOR,
];

pub fn can_admin_consent(user: &User) -> bool {
    user.has_role(DELEGATED_CONSENT_ROLES)
}

/// The scopes already granted to `client_id` for this user (their own grant or the tenant's).
pub fn granted(state: &State, client_id: &str, user_id: &str) -> Vec<String> {
    let Some(sp) = state.sp_by_app_id(client_id) else {
        return vec![];
    };
    let sp_id = str_field(sp, "id").unwrap_or_default();
    let graph_sp = state
        .sp_by_app_id(GRAPH_APP_ID)
        .and_then(|s| str_field(s, "id"))
        .unwrap_or_default();
    let mut out = vec![];
    for g in &state.grants {
        if str_field(g, "clientId") != Some(sp_id) || str_field(g, "resourceId") != Some(graph_sp) {
            continue;
        }
        let applies = match str_field(g, "consentType") {
            Some("AllPrincipals") => true,
            Some("Principal") => str_field(g, "principalId") == Some(user_id),
            _ => false,
        };
        if applies {
            out.extend(
                str_field(g, "scope")
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(String::from),
            );
        }
    }
    out
}

pub fn missing(requested: &[String], granted: &[String]) -> Vec<String> {
    requested
        .iter()
        .filter(|s| !granted.iter().any(|g| g.eq_ignore_ascii_case(s)))
        .cloned()
        .collect()
}

pub fn permissions(scopes: &[String]) -> Vec<&'static Permission> {
    scopes.iter().filter_map(|s| graph_scope(s)).collect()
}

/// Creates the client's service principal in the tenant if it has none (first consent does).
pub fn ensure_sp(tenant: &Tenant, state: &mut State, client: &Client) -> String {
    if let Some(sp) = state.sp_by_app_id(&client.client_id) {
        return str_field(sp, "id").unwrap_or_default().to_string();
    }
    let id = new_id();
    let owner_org = if client.client_id == ONBOARDING_CLIENT_ID {
        PUBLISHER_TENANT_ID
    } else {
        super::super::seed::TENANT_ID
    };
    let sp = json!({
        "id": id,
        "accountEnabled": true,
        "appId": client.client_id,
        "appDisplayName": client.display_name,
        "displayName": client.display_name,
        "appOwnerOrganizationId": owner_org,
        "servicePrincipalType": "Application",
        "signInAudience": "AzureADMultipleOrgs",
        "servicePrincipalNames": [client.client_id],
        "appRoles": [],
        "oauth2PermissionScopes": [],
        "keyCredentials": [],
        "passwordCredentials": [],
        "tags": [],
        "createdDateTime": iso(tenant.now()),
    });
    if let Value::Object(m) = sp {
        state.service_principals.push(m);
    }
    id
}

/// Records consent: a Principal grant for the user, or an AllPrincipals grant for the tenant.
pub fn record(
    tenant: &Tenant,
    state: &mut State,
    client: &Client,
    user: &User,
    scopes: &[String],
    all_principals: bool,
) {
    let sp_id = ensure_sp(tenant, state, client);
    let graph_sp = state
        .sp_by_app_id(GRAPH_APP_ID)
        .and_then(|s| str_field(s, "id"))
        .unwrap_or_default()
        .to_string();
    let existing = state.grants.iter_mut().find(|g| {
        str_field(g, "clientId") == Some(sp_id.as_str())
            && str_field(g, "resourceId") == Some(graph_sp.as_str())
            && if all_principals {
                str_field(g, "consentType") == Some("AllPrincipals")
            } else {
                str_field(g, "consentType") == Some("Principal")
                    && str_field(g, "principalId") == Some(user.id.as_str())
            }
    });
    match existing {
        Some(g) => {
            let mut have: Vec<String> = str_field(g, "scope")
                .unwrap_or_default()
                .split_whitespace()
                .map(String::from)
                .collect();
            for s in scopes {
                if !have.contains(s) {
                    have.push(s.clone());
                }
            }
            g.insert("scope".into(), Value::String(have.join(" ")));
        }
        None => {
            let g: Object = match json!({
                "id": grant_id(),
                "clientId": sp_id,
                "consentType": if all_principals { "AllPrincipals" } else { "Principal" },
                "principalId": if all_principals { Value::Null } else { Value::String(user.id.clone()) },
                "resourceId": graph_sp,
                "scope": scopes.join(" "),
            }) {
                Value::Object(m) => m,
                _ => Object::new(),
            };
            state.grants.push(g);
        }
    }
}

/// oauth2PermissionGrant ids are opaque base64url strings in Graph, not GUIDs.
pub fn grant_id() -> String {
    let mut bytes = [0u8; 32];
    rand::Rng::fill(&mut rand::thread_rng(), &mut bytes);
    super::super::jwt::b64url(&bytes)
}
