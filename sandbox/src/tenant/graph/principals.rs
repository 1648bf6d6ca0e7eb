//! Service principals and app role assignments (application permissions).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::super::clock::iso;
use super::super::entra::consent::grant_id;
use super::super::permissions::GRAPH_APP_ID;
use super::super::seed::TENANT_ID;
use super::super::store::{Object, State, new_id, str_field};
use super::{Ctx, access, errors, no_content, odata};

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
    if let Err(r) = access::member_scope(ctx, READ) {
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
    let top = odata::top(ctx);
    let state = ctx.tenant.lock();
    let items: Vec<Value> = state
        .service_principals
        .iter()
        .filter(|s| state.visible(str_field(s, "id").unwrap_or_default(), ctx.now))
        .filter(|s| filter.as_ref().is_none_or(|f| f.matches(s)))
        .take(top)
        .map(|s| odata::select(s, ctx.q("$select")))
        .collect();
    odata::collection_response(ctx, "servicePrincipals", items)
}

pub fn get(ctx: &Ctx, key: SpKey) -> Response {
    if let Err(r) = access::member_scope(ctx, READ) {
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

pub fn create(ctx: &Ctx) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = access::member_scope(ctx, WRITE) {
        return r;
    }
    let Some(app_id) = body.get("appId").and_then(Value::as_str).map(String::from) else {
        return errors::bad_request(
            ctx,
            "Invalid value specified for property 'appId' of resource 'ServicePrincipal'.",
        );
    };
    let mut state = ctx.tenant.lock();
    let msg = format!(
        "The appId '{app_id}' of the service principal does not reference a valid application object."
    );
    let app = state
        .app_by_app_id(&app_id)
        .filter(|a| state.visible(str_field(a, "id").unwrap_or_default(), ctx.now))
        .cloned();
    let Some(app) = app else {
        // Also what a just-created app answers during the replication delay.
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
    let owner = match (
        access::user_id(ctx),
        state
            .app_by_app_id(&app_id)
            .and_then(|a| str_field(a, "id")),
    ) {
        (Some(uid), Some(oid)) => state.owners.get(oid).is_some_and(|o| o.contains(&uid)),
        _ => false,
    };
    if !owner && let Err(r) = access::role(ctx, access::APP_ADMINS) {
        return r;
    }
    remove_sp(&mut state, id);
    no_content()
}

pub fn list_assignments(ctx: &Ctx, id: &str, field: &str) -> Response {
    let read: Vec<&str> = READ.iter().chain(ASSIGN).copied().collect();
    if let Err(r) = access::member_scope(ctx, &read) {
        return r;
    }
    let state = ctx.tenant.lock();
    if let Err(r) = visible_sp(ctx, &state, id) {
        return r;
    }
    let items: Vec<Value> = state
        .app_role_assignments
        .iter()
        .filter(|a| {
            str_field(a, field) == Some(id)
                && state.visible(str_field(a, "id").unwrap_or_default(), ctx.now)
        })
        .map(|a| odata::select(a, ctx.q("$select")))
        .collect();
    let entity_set = format!("servicePrincipals('{id}')/appRoleAssignments");
    odata::collection_response(ctx, &entity_set, items)
}

/// `POST /servicePrincipals/{id}/appRoleAssignments` (or `appRoleAssignedTo`).
pub fn assign(ctx: &Ctx, path_id: &str) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = access::member_scope(ctx, ASSIGN) {
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
    let mut state = ctx.tenant.lock();
    if let Err(r) = visible_sp(ctx, &state, path_id) {
        return r;
    }
    let principal = match visible_sp(ctx, &state, &principal_id) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let resource = match visible_sp(ctx, &state, &resource_id) {
        Ok(r) => r.clone(),
        Err(r) => return r,
    };
    // Only Global Administrator and Privileged Role Administrator may grant Microsoft Graph
    // app roles; Application and Cloud Application Administrators may grant other resources'.
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
        return errors::error(
            ctx,
            StatusCode::CONFLICT,
            "Request_BadRequest",
            "Permission being assigned already exists on the object",
        );
    }
    let a = json!({
        "id": grant_id(),
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
    state.app_role_assignments.push(a.clone());
    drop(state);
    odata::entity_response(
        ctx,
        StatusCode::CREATED,
        &format!("servicePrincipals('{path_id}')/appRoleAssignments/$entity"),
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
