//! The write calls of a registration, built from the plan. Each is safe to send again: upserts
//! by alternate key, grants refused as duplicates (then confirmed by reading), secrets named.

use serde_json::{Value, json};

use super::certificate::NewCertificate;
use super::diff::DelegatedChange;
use super::facts::AccessEntry;
use super::plan::{AppAction, ApplicationGrant, DelegatedGrantPlan, Plan, PlannedRole};
use super::time::iso_from_millis;
use crate::graph::GraphCall;

const CREATE_IF_MISSING: (&str, &str) = ("Prefer", "create-if-missing");

/// `requiredResourceAccess` grouped by resource, as Graph wants it.
pub fn required_resource_access(entries: &[AccessEntry]) -> Value {
    let mut resources: Vec<(&str, Vec<Value>)> = Vec::new();
    for entry in entries {
        let access = json!({ "id": entry.id, "type": entry.kind });
        match resources
            .iter_mut()
            .find(|(r, _)| *r == entry.resource_app_id)
        {
            Some((_, list)) => list.push(access),
            None => resources.push((&entry.resource_app_id, vec![access])),
        }
    }
    Value::Array(
        resources
            .into_iter()
            .map(
                |(resource, access)| json!({ "resourceAppId": resource, "resourceAccess": access }),
            )
            .collect(),
    )
}

/// The app's properties the run sets; with a new certificate, its `keyCredentials`: the
/// certificates it had (with their `key`) and the new one, since a PATCH replaces the list
/// (<https://learn.microsoft.com/graph/applications-how-to-add-certificate>).
fn app_body(plan: &Plan, certificate: Option<&NewCertificate>) -> Value {
    let mut body = json!({
        "displayName": plan.display_name,
        "signInAudience": "AzureADMyOrg",
        "requiredResourceAccess": required_resource_access(&plan.required_resource_access),
    });
    if let Some(certificate) = certificate {
        // The plan refuses to add a certificate when one it has was read without its key.
        let mut list: Vec<Value> = plan
            .certificates
            .iter()
            .filter_map(|c| c.resend())
            .collect();
        list.push(certificate.key_credential());
        body["keyCredentials"] = Value::Array(list);
    }
    body
}

/// Creates or updates the app, with the new certificate if any in the same call. Ours is
/// upserted by `uniqueName` (<https://learn.microsoft.com/graph/api/application-upsert>: 201
/// with the app when created, 204 when updated); an adopted hand-registered app is patched by
/// id and given the `uniqueName`, so later runs find it.
pub fn upsert_app(plan: &Plan, certificate: Option<&NewCertificate>) -> GraphCall {
    let mut body = app_body(plan, certificate);
    match &plan.app {
        AppAction::Adopt(app) => {
            body["uniqueName"] = Value::String(plan.unique_name.clone());
            GraphCall::patch(format!("/applications/{}", app.object_id), body)
        }
        AppAction::Create | AppAction::Update(_) => GraphCall::patch(
            format!("/applications(uniqueName='{}')", plan.unique_name),
            body,
        )
        .header(CREATE_IF_MISSING.0, CREATE_IF_MISSING.1),
    }
}

/// The adopted app's repair without the `uniqueName`, when the tenant refuses to give an
/// existing app one: later runs then find it again as the one app with its display name.
pub fn repair_without_unique_name(
    plan: &Plan,
    app_object_id: &str,
    certificate: Option<&NewCertificate>,
) -> GraphCall {
    GraphCall::patch(
        format!("/applications/{app_object_id}"),
        app_body(plan, certificate),
    )
}

/// Reads the app by its alternate key (after a 204 that did not say which app it was).
pub fn find_app(plan: &Plan) -> GraphCall {
    GraphCall::get(format!(
        "/applications(uniqueName='{}')?$select=id,appId,displayName",
        plan.unique_name
    ))
}

/// Creates the app's service principal if missing
/// (<https://learn.microsoft.com/graph/api/serviceprincipal-upsert>). The body sets nothing:
/// the key names the app, and an existing principal's settings (an admin may have disabled
/// sign-in on purpose) are not the run's to change.
pub fn upsert_principal(app_id: &str) -> GraphCall {
    GraphCall::patch(format!("/servicePrincipals(appId='{app_id}')"), json!({}))
        .header(CREATE_IF_MISSING.0, CREATE_IF_MISSING.1)
}

/// Reads the service principal's id (after a 204 upsert).
pub fn find_principal(app_id: &str) -> GraphCall {
    GraphCall::get(format!(
        "/servicePrincipals(appId='{app_id}')?$select=id,appId"
    ))
}

/// Adds the secret with an explicit start and end, so the tenant's maximum lifetime is met to
/// the second (<https://learn.microsoft.com/graph/api/application-addpassword>).
pub fn add_secret(
    app_object_id: &str,
    name: &str,
    now_millis: u64,
    lifetime_days: u32,
) -> GraphCall {
    let end = now_millis + u64::from(lifetime_days) * 86_400_000;
    GraphCall::post(
        format!("/applications/{app_object_id}/addPassword"),
        json!({ "passwordCredential": {
            "displayName": name,
            "startDateTime": iso_from_millis(now_millis),
            "endDateTime": iso_from_millis(end),
        } }),
    )
}

/// Lists the app's secrets (after an `addPassword` whose answer was lost).
pub fn list_secrets(app_object_id: &str) -> GraphCall {
    GraphCall::get(format!(
        "/applications/{app_object_id}?$select=id,passwordCredentials"
    ))
}

/// <https://learn.microsoft.com/graph/api/application-removepassword>
pub fn remove_secret(app_object_id: &str, key_id: &str) -> GraphCall {
    GraphCall::post(
        format!("/applications/{app_object_id}/removePassword"),
        json!({ "keyId": key_id }),
    )
}

/// <https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignments>
pub fn assign(principal_id: &str, grant: &ApplicationGrant) -> GraphCall {
    GraphCall::post(
        format!("/servicePrincipals/{principal_id}/appRoleAssignments"),
        json!({
            "principalId": principal_id,
            "resourceId": grant.resource.id,
            "appRoleId": grant.app_role_id,
        }),
    )
}

pub fn unassign(principal_id: &str, assignment_id: &str) -> GraphCall {
    GraphCall::delete(format!(
        "/servicePrincipals/{principal_id}/appRoleAssignments/{assignment_id}"
    ))
}

/// One tenant-wide grant per resource
/// (<https://learn.microsoft.com/graph/api/oauth2permissiongrant-post>), or its scopes set.
pub fn delegate(principal_id: &str, grant: &DelegatedGrantPlan) -> Option<GraphCall> {
    match &grant.change {
        DelegatedChange::Create => Some(GraphCall::post(
            "/oauth2PermissionGrants",
            json!({
                "clientId": principal_id,
                "consentType": "AllPrincipals",
                "resourceId": grant.resource.id,
                "scope": grant.scope_text(),
            }),
        )),
        DelegatedChange::Update(id) => Some(GraphCall::patch(
            format!("/oauth2PermissionGrants/{id}"),
            json!({ "scope": grant.scope_text() }),
        )),
        DelegatedChange::Keep(_) => None,
    }
}

pub fn revoke_delegated(grant_id: &str) -> GraphCall {
    GraphCall::delete(format!("/oauth2PermissionGrants/{grant_id}"))
}

/// <https://learn.microsoft.com/graph/api/rbacapplication-post-roleassignments>: for
/// built-in roles the role definition id is the template id.
pub fn assign_role(principal_id: &str, role: &PlannedRole) -> GraphCall {
    GraphCall::post(
        "/roleManagement/directory/roleAssignments",
        json!({
            "principalId": principal_id,
            "roleDefinitionId": role.template_id,
            "directoryScopeId": "/",
        }),
    )
}

/// Records the handed-out secret in the app's tags (the whole list: PATCH replaces it).
pub fn record_tags(app_object_id: &str, tags: &[String]) -> GraphCall {
    GraphCall::patch(
        format!("/applications/{app_object_id}"),
        json!({ "tags": tags }),
    )
}

pub fn read_app(app_object_id: &str) -> GraphCall {
    GraphCall::get(format!(
        "/applications/{app_object_id}?$select={}",
        super::facts::APP_SELECT
    ))
}

pub fn read_principal(principal_id: &str) -> GraphCall {
    GraphCall::get(format!(
        "/servicePrincipals/{principal_id}?$select=id,appId"
    ))
}
