//! Service principals and app role assignments (application permissions).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::super::clock::iso;
use super::super::entra::consent::grant_id;
use super::super::permissions::GRAPH_APP_ID;
use super::super::seed::TENANT_ID;
use super::super::store::{Object, State, new_id, str_field};
use super::{Ctx, access, errors, no_content, odata, schema};

const READ: &[&str] = &[
    "Application.Read.All",
    "Application.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
];
const WRITE: &[&str] = &["Application.ReadWrite.All", "Directory.ReadWrite.All"];
const ASSIGN: &[&str] = &["AppRoleAssignment.ReadWrite.All"];

pub enum SpKey {
    Id(String),
    AppId(String),
}

pub fn key(k: Option<(String, String)>) -> SpKey {
    match k {
        Some((n, v)) if n.eq_ignore_ascii_case("appId") => SpKey::AppId(v),
        Some((_, v)) => SpKey::Id(v),
        None => SpKey::Id(String::new()),
    }
}

/// The service principal `id` once it has replicated, or Graph's 404.
pub(super) fn visible_sp<'a>(
    ctx: &Ctx,
    state: &'a State,
    id: &str,
) -> Result<&'a Object, Response> {
    state
        .sp(id)
        .filter(|s| state.visible(str_field(s, "id").unwrap_or_default(), ctx.now))
        .ok_or_else(|| errors::not_found(ctx, id))
}

pub fn list(ctx: &Ctx) -> Response {
    if let Err(r) = access::member_scope(ctx, READ)
        .and_then(|_| odata::check_select(ctx, "servicePrincipal", schema::SERVICE_PRINCIPAL))
    {
        return r;
    }
    let filter = match odata::request_filter(
        ctx,
        "ServicePrincipal",
        &["appId", "displayName", "id", "servicePrincipalType"],
    ) {
        Ok(filter) => filter,
        Err(response) => return response,
    };
    let state = ctx.tenant.lock();
    // A new service principal is missing from lists until it has replicated.
    let items: Vec<Value> = state
        .service_principals
        .iter()
        .filter(|s| state.visible(str_field(s, "id").unwrap_or_default(), ctx.now))
        .filter(|s| filter.as_ref().is_none_or(|f| f.matches(s)))
        .map(|s| odata::select(s, ctx.q("$select")))
        .collect();
    drop(state);
    odata::collection_response(ctx, "servicePrincipals", items)
}

pub fn get(ctx: &Ctx, key: SpKey) -> Response {
    if let Err(r) = access::member_scope(ctx, READ)
        .and_then(|_| odata::check_select(ctx, "servicePrincipal", schema::SERVICE_PRINCIPAL))
    {
        return r;
    }
    let state = ctx.tenant.lock();
    let found = match &key {
        SpKey::Id(id) => visible_sp(ctx, &state, id).ok(),
        SpKey::AppId(a) => state
            .sp_by_app_id(a)
            .filter(|s| state.visible(str_field(s, "id").unwrap_or_default(), ctx.now)),
    };
    match found {
        Some(sp) => odata::entity_response(
            ctx,
            StatusCode::OK,
            "servicePrincipals/$entity",
            odata::select(sp, ctx.q("$select")),
        ),
        None => errors::not_found(
            ctx,
            match &key {
                SpKey::Id(v) | SpKey::AppId(v) => v,
            },
        ),
    }
}

/// Writable properties of a service principal body; declared read-only ones and undeclared
/// ones are refused.
fn check_sp_body(ctx: &Ctx, body: &serde_json::Map<String, Value>) -> Result<(), Response> {
    odata::check_body(ctx, body, "servicePrincipal", schema::SERVICE_PRINCIPAL)?;
    match body.keys().find(|k| {
        !k.starts_with("@odata.") && !schema::SERVICE_PRINCIPAL_WRITABLE.contains(&k.as_str())
    }) {
        None => Ok(()),
        Some(k) => Err(errors::bad_request(
            ctx,
            &format!("Property '{k}' is read-only and cannot be set."),
        )),
    }
}

pub fn create(ctx: &Ctx) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = access::member_scope(ctx, WRITE).and_then(|_| check_sp_body(ctx, &body)) {
        return r;
    }
    let Some(app_id) = body.get("appId").and_then(Value::as_str).map(String::from) else {
        return errors::bad_request(
            ctx,
            "Invalid value specified for property 'appId' of resource 'ServicePrincipal'.",
        );
    };
    create_for(ctx, &app_id, &body)
}

/// Creates the service principal of `app_id` (POST or upsert): 400 `NoBackingApplicationObject`
/// while the application has not replicated, 409 when one exists.
fn create_for(ctx: &Ctx, app_id: &str, body: &serde_json::Map<String, Value>) -> Response {
    let app_id = app_id.to_string();
    let mut state = ctx.tenant.lock();
    let msg = format!(
        "The appId '{app_id}' of the service principal does not reference a valid application object."
    );
    let app = state
        .app_by_app_id(&app_id)
        .filter(|a| state.visible(str_field(a, "id").unwrap_or_default(), ctx.now))
        .cloned();
    let Some(app) = app else {
        // Also what a just-created app answers during the replication delay
        // (https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals and
        // Microsoft's eventual-consistency guidance: retry, never re-create the application).
        return errors::error_with(
            ctx,
            StatusCode::BAD_REQUEST,
            "Request_BadRequest",
            &msg,
            Some(
                json!([{ "code": "NoBackingApplicationObject", "message": msg, "target": "appId" }]),
            ),
        );
    };
    if state.sp_by_app_id(&app_id).is_some() {
        return errors::error(
            ctx,
            StatusCode::CONFLICT,
            "Request_MultipleObjectsWithSameKeyValue",
            &format!(
                "The service principal cannot be created, updated, or restored because the service principal name {app_id} is already in use."
            ),
        );
    }
    let object_id = str_field(&app, "id").unwrap_or_default().to_string();
    if let Some(uid) = access::user_id(ctx) {
        let owner = state
            .owners
            .get(&object_id)
            .is_some_and(|o| o.contains(&uid));
        if !owner && let Err(r) = access::role(ctx, access::APP_ADMINS) {
            return r;
        }
    }
    let id = new_id();
    let name = app.get("displayName").cloned().unwrap_or(Value::Null);
    let sp = json!({
        "id": id,
        "accountEnabled": true,
        "appId": app_id,
        "appDisplayName": name,
        "displayName": name,
        "appOwnerOrganizationId": TENANT_ID,
        "createdDateTime": iso(ctx.now),
        "servicePrincipalType": "Application",
        "signInAudience": app.get("signInAudience").cloned().unwrap_or(Value::Null),
        "servicePrincipalNames": [app_id],
        "tags": body.get("tags").cloned().unwrap_or(json!([])),
        "appRoleAssignmentRequired": body.get("appRoleAssignmentRequired").cloned().unwrap_or(Value::Bool(false)),
        "appRoles": app.get("appRoles").cloned().unwrap_or(json!([])),
        "oauth2PermissionScopes": app.get("api").and_then(|a| a.get("oauth2PermissionScopes")).cloned().unwrap_or(json!([])),
        "keyCredentials": [],
        "passwordCredentials": [],
    });
    let Value::Object(sp) = sp else {
        return errors::bad_request(ctx, &msg);
    };
    state
        .visible_at
        .insert(id.clone(), ctx.now + ctx.tenant.options.faults.replication);
    state.service_principals.push(sp.clone());
    drop(state);
    odata::entity_response(
        ctx,
        StatusCode::CREATED,
        "servicePrincipals/$entity",
        Value::Object(sp),
    )
}

/// `PATCH /servicePrincipals(appId='…')` with `Prefer: create-if-missing`: 201 with the object
/// when created, 204 when updated (https://learn.microsoft.com/graph/api/serviceprincipal-upsert).
/// Like the application's upsert by uniqueName, the alternate key finds a service principal
/// that has not replicated yet; a plain PATCH (no Prefer) does not.
pub fn upsert(ctx: &Ctx, key: SpKey) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = access::member_scope(ctx, WRITE).and_then(|_| check_sp_body(ctx, &body)) {
        return r;
    }
    let upsert = ctx.header("prefer").is_some_and(|p| {
        p.split(',')
            .any(|x| x.trim().eq_ignore_ascii_case("create-if-missing"))
    });
    let state = ctx.tenant.lock();
    let found = match &key {
        SpKey::AppId(a) => state
            .service_principals
            .iter()
            .find(|s| str_field(s, "appId").is_some_and(|x| x.eq_ignore_ascii_case(a)))
            .filter(|s| upsert || state.visible(str_field(s, "id").unwrap_or_default(), ctx.now))
            .cloned(),
        SpKey::Id(id) => visible_sp(ctx, &state, id).ok().cloned(),
    };
    let Some(sp) = found else {
        drop(state);
        return match (&key, upsert) {
            (SpKey::AppId(a), true) => {
                if let Some(given) = body.get("appId").and_then(Value::as_str)
                    && !given.eq_ignore_ascii_case(a)
                {
                    return errors::bad_request(
                        ctx,
                        "The appId in the request body does not match the key.",
                    );
                }
                create_for(ctx, a, &body)
            }
            (SpKey::AppId(v) | SpKey::Id(v), _) => errors::not_found(ctx, v),
        };
    };
    drop(state);
    let sp_id = str_field(&sp, "id").unwrap_or_default().to_string();
    let app_id = str_field(&sp, "appId").unwrap_or_default().to_string();
    if body
        .get("appId")
        .and_then(Value::as_str)
        .is_some_and(|given| !given.eq_ignore_ascii_case(&app_id))
    {
        return errors::bad_request(ctx, "Property 'appId' is read-only and cannot be set.");
    }
    let mut state = ctx.tenant.lock();
    if let Err(r) = may_manage_sp(ctx, &state, &app_id) {
        return r;
    }
    if let Some(s) = state
        .service_principals
        .iter_mut()
        .find(|s| str_field(s, "id") == Some(sp_id.as_str()))
    {
        for (k, v) in body {
            if k != "appId" && !k.starts_with("@odata.") {
                s.insert(k, v);
            }
        }
    }
    no_content()
}

/// The signed-in user may change or remove the service principal of `app_id`: as an owner of
/// its app, or as an application administrator.
fn may_manage_sp(ctx: &Ctx, state: &State, app_id: &str) -> Result<(), Response> {
    let owner = match (
        access::user_id(ctx),
        state.app_by_app_id(app_id).and_then(|a| str_field(a, "id")),
    ) {
        (Some(uid), Some(oid)) => state.owners.get(oid).is_some_and(|o| o.contains(&uid)),
        _ => false,
    };
    if owner {
        Ok(())
    } else {
        access::role(ctx, access::APP_ADMINS)
    }
}

/// Removes a service principal with its app role assignments and delegated grants.
pub fn remove_sp(state: &mut State, sp_id: &str) {
    state
        .service_principals
        .retain(|s| str_field(s, "id") != Some(sp_id));
    state.app_role_assignments.retain(|a| {
        str_field(a, "principalId") != Some(sp_id) && str_field(a, "resourceId") != Some(sp_id)
    });
    state.grants.retain(|g| {
        str_field(g, "clientId") != Some(sp_id) && str_field(g, "resourceId") != Some(sp_id)
    });
}

pub fn delete(ctx: &Ctx, id: &str) -> Response {
    if let Err(r) = access::member_scope(ctx, WRITE) {
        return r;
    }
    let mut state = ctx.tenant.lock();
    let app_id = match visible_sp(ctx, &state, id) {
        Ok(sp) => str_field(sp, "appId").unwrap_or_default().to_string(),
        Err(r) => return r,
    };
    if let Err(r) = may_manage_sp(ctx, &state, &app_id) {
        return r;
    }
    remove_sp(&mut state, id);
    no_content()
}

pub fn list_assignments(ctx: &Ctx, id: &str, field: &str) -> Response {
    let read: Vec<&str> = READ.iter().chain(ASSIGN).copied().collect();
    if let Err(r) = access::member_scope(ctx, &read)
        .and_then(|_| odata::check_select(ctx, "appRoleAssignment", schema::APP_ROLE_ASSIGNMENT))
    {
        return r;
    }
    let state = ctx.tenant.lock();
    if let Err(r) = visible_sp(ctx, &state, id) {
        return r;
    }
    // "Assignments … might not be immediately available in the list" (API reference, List
    // appRoleAssignments, https://learn.microsoft.com/graph/api/serviceprincipal-list-approleassignments):
    // a new assignment is missing until the replication delay has passed.
    let items: Vec<Value> = state
        .app_role_assignments
        .iter()
        .filter(|a| {
            str_field(a, field) == Some(id)
                && state.visible(str_field(a, "id").unwrap_or_default(), ctx.now)
        })
        .map(|a| odata::select(a, ctx.q("$select")))
        .collect();
    drop(state);
    let entity_set = format!("servicePrincipals('{id}')/appRoleAssignments");
    odata::collection_response(ctx, &entity_set, items)
}

/// A principal or resource referenced by a write: 404 when it does not exist, 400 "Not a valid
/// reference update." while it has not replicated.
pub(super) fn referenced_sp(ctx: &Ctx, state: &State, id: &str) -> Result<Object, Response> {
    match state.sp(id) {
        None => Err(errors::not_found(ctx, id)),
        Some(_) if !state.visible(id, ctx.now) => Err(errors::invalid_reference(ctx)),
        Some(sp) => Ok(sp.clone()),
    }
}

/// `POST /servicePrincipals/{id}/appRoleAssignments` (or `appRoleAssignedTo`).
/// Permissions: `AppRoleAssignment.ReadWrite.All` and read access to applications
/// (`Application.Read.All` or more), delegated or application
/// (https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignments).
pub fn assign(ctx: &Ctx, path_id: &str, relation: &str) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = access::member_scope(ctx, ASSIGN)
        .and_then(|_| access::member_scope(ctx, READ))
        .and_then(|_| {
            odata::check_body(ctx, &body, "appRoleAssignment", schema::APP_ROLE_ASSIGNMENT)
        })
    {
        return r;
    }
    let field = |k: &str| body.get(k).and_then(Value::as_str).map(String::from);
    let (Some(principal_id), Some(resource_id), Some(app_role_id)) = (
        field("principalId"),
        field("resourceId"),
        field("appRoleId"),
    ) else {
        return errors::bad_request(
            ctx,
            "Invalid value specified for property 'principalId', 'resourceId' or 'appRoleId' of resource 'AppRoleAssignment'.",
        );
    };
    // UNDOCUMENTED CHOICE: the path names the principal (appRoleAssignments) or the resource
    // (appRoleAssignedTo); a body naming another object is refused.
    let path_field = if relation == "appRoleAssignments" {
        &principal_id
    } else {
        &resource_id
    };
    if !path_field.eq_ignore_ascii_case(path_id) {
        return errors::bad_request(
            ctx,
            &format!(
                "The {} of the assignment must be the service principal of the request URL.",
                if relation == "appRoleAssignments" {
                    "principalId"
                } else {
                    "resourceId"
                }
            ),
        );
    }
    let mut state = ctx.tenant.lock();
    // Addressed by object id: 404 Request_ResourceNotFound until it has replicated.
    if let Err(r) = visible_sp(ctx, &state, path_id) {
        return r;
    }
    let principal = match referenced_sp(ctx, &state, &principal_id) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let resource = match referenced_sp(ctx, &state, &resource_id) {
        Ok(r) => r,
        Err(r) => return r,
    };
    // Only Global Administrator and Privileged Role Administrator may grant Microsoft Graph
    // app roles; Application and Cloud Application Administrators may grant other resources'
    // (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent).
    let allowed = if str_field(&resource, "appId") == Some(GRAPH_APP_ID) {
        access::PRIVILEGED
    } else {
        access::CONSENT_ADMINS
    };
    if let Err(r) = access::role(ctx, allowed) {
        return r;
    }
    let role_exists = resource
        .get("appRoles")
        .and_then(Value::as_array)
        .is_some_and(|roles| {
            roles
                .iter()
                .any(|r| r.get("id").and_then(Value::as_str) == Some(app_role_id.as_str()))
        });
    if !role_exists {
        return errors::bad_request(
            ctx,
            &format!(
                "Permission being assigned was not found on application '{}'.",
                str_field(&resource, "appId").unwrap_or_default()
            ),
        );
    }
    let dup = state.app_role_assignments.iter().any(|a| {
        str_field(a, "principalId") == Some(principal_id.as_str())
            && str_field(a, "resourceId") == Some(resource_id.as_str())
            && str_field(a, "appRoleId") == Some(app_role_id.as_str())
    });
    if dup {
        // 400, not 409 (github.com/MicrosoftDocs/azure-docs issue 22700,
        // github.com/hashicorp/terraform-provider-azuread issue 690). Also while the first
        // assignment is still missing from lists.
        return errors::bad_request(
            ctx,
            "Permission being assigned already exists on the object",
        );
    }
    let id = grant_id();
    let a = json!({
        "id": id,
        "appRoleId": app_role_id,
        "createdDateTime": iso(ctx.now),
        "deletedDateTime": null,
        "principalDisplayName": principal.get("displayName").cloned().unwrap_or(Value::Null),
        "principalId": principal_id,
        "principalType": "ServicePrincipal",
        "resourceDisplayName": resource.get("displayName").cloned().unwrap_or(Value::Null),
        "resourceId": resource_id,
    });
    let Value::Object(a) = a else {
        return errors::bad_request(ctx, "");
    };
    state
        .visible_at
        .insert(id, ctx.now + ctx.tenant.options.faults.replication);
    state.app_role_assignments.push(a.clone());
    drop(state);
    odata::entity_response(
        ctx,
        StatusCode::CREATED,
        &format!("servicePrincipals('{path_id}')/{relation}/$entity"),
        Value::Object(a),
    )
}

pub fn unassign(ctx: &Ctx, sp_id: &str, assignment_id: &str) -> Response {
    if let Err(r) = access::member_scope(ctx, ASSIGN) {
        return r;
    }
    let mut state = ctx.tenant.lock();
    let Some(pos) = state.app_role_assignments.iter().position(|a| {
        str_field(a, "id") == Some(assignment_id) && str_field(a, "principalId") == Some(sp_id)
    }) else {
        return errors::not_found(ctx, assignment_id);
    };
    let resource_app = state
        .sp(str_field(&state.app_role_assignments[pos], "resourceId").unwrap_or_default())
        .and_then(|s| str_field(s, "appId"))
        .map(String::from);
    let allowed = if resource_app.as_deref() == Some(GRAPH_APP_ID) {
        access::PRIVILEGED
    } else {
        access::CONSENT_ADMINS
    };
    if let Err(r) = access::role(ctx, allowed) {
        return r;
    }
    state.app_role_assignments.remove(pos);
    no_content()
}
