//! Delegated permission grants (oauth2PermissionGrants) and directory role assignments.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::super::entra::consent::grant_id;
use super::super::permissions::roles;
use super::super::store::{Object, State, new_id, str_field};
use super::{Ctx, access, errors, no_content, odata, principals, schema};

const GRANT_READ: &[&str] = &[
    "DelegatedPermissionGrant.ReadWrite.All",
    "DelegatedPermissionGrant.Read.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
];
const GRANT_WRITE: &[&str] = &["DelegatedPermissionGrant.ReadWrite.All"];
const ROLE_READ: &[&str] = &[
    "RoleManagement.ReadWrite.Directory",
    "RoleManagement.Read.Directory",
    "RoleManagement.Read.All",
    "Directory.Read.All",
];
const ROLE_WRITE: &[&str] = &["RoleManagement.ReadWrite.Directory"];

fn visible_sp(ctx: &Ctx, state: &State, id: &str) -> Result<Object, Response> {
    principals::visible_sp(ctx, state, id).cloned()
}

/// Who may write a grant. A grant for all principals is tenant-wide admin consent to delegated
/// permissions, which Application and Cloud Application Administrators may give for any API,
/// Microsoft Graph included (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent,
/// "Prerequisites": their exception is Microsoft Graph app roles only).
fn grant_admins(_consent_type: Option<&str>) -> &'static [&'static str] {
    access::CONSENT_ADMINS
}

/// The index of grant `id`, once the caller's roles allow changing it.
fn grant_to_change(ctx: &Ctx, state: &State, id: &str) -> Result<usize, Response> {
    let i = state
        .grants
        .iter()
        .position(|g| str_field(g, "id") == Some(id) && state.visible(id, ctx.now))
        .ok_or_else(|| errors::not_found(ctx, id))?;
    access::role(
        ctx,
        grant_admins(str_field(&state.grants[i], "consentType")),
    )?;
    Ok(i)
}

/// A list call on `objects` of the state, with `$filter` on `filterable`, `$select` checked
/// against `properties` of `type_name`, and paging. A new object is missing until it has
/// replicated (as new app role assignments are: API reference, List appRoleAssignments).
fn filtered_list(
    ctx: &Ctx,
    (resource, type_name, properties): (&str, &str, &[&str]),
    filterable: &[&str],
    entity_set: &str,
    objects: fn(&State) -> &Vec<Object>,
) -> Response {
    if let Err(r) = odata::check_select(ctx, type_name, properties) {
        return r;
    }
    let filter = match odata::request_filter(ctx, resource, filterable) {
        Ok(filter) => filter,
        Err(response) => return response,
    };
    let state = ctx.tenant.lock();
    let items: Vec<Value> = objects(&state)
        .iter()
        .filter(|o| state.visible(str_field(o, "id").unwrap_or_default(), ctx.now))
        .filter(|o| filter.as_ref().is_none_or(|f| f.matches(o)))
        .map(|o| odata::select(o, ctx.q("$select")))
        .collect();
    drop(state);
    odata::collection_response(ctx, entity_set, items)
}

pub fn list_grants(ctx: &Ctx) -> Response {
    if let Err(r) = access::member_scope(ctx, GRANT_READ) {
        return r;
    }
    filtered_list(
        ctx,
        (
            "OAuth2PermissionGrant",
            "oAuth2PermissionGrant",
            schema::OAUTH2_PERMISSION_GRANT,
        ),
        &["clientId", "resourceId", "principalId", "consentType"],
        "oauth2PermissionGrants",
        |state| &state.grants,
    )
}

pub fn get_grant(ctx: &Ctx, id: &str) -> Response {
    if let Err(r) = access::member_scope(ctx, GRANT_READ).and_then(|_| {
        odata::check_select(
            ctx,
            "oAuth2PermissionGrant",
            schema::OAUTH2_PERMISSION_GRANT,
        )
    }) {
        return r;
    }
    let state = ctx.tenant.lock();
    match state
        .grants
        .iter()
        .find(|g| str_field(g, "id") == Some(id) && state.visible(id, ctx.now))
    {
        Some(g) => odata::entity_response(
            ctx,
            StatusCode::OK,
            "oauth2PermissionGrants/$entity",
            odata::select(g, ctx.q("$select")),
        ),
        None => errors::not_found(ctx, id),
    }
}

fn check_scopes(ctx: &Ctx, resource: &Object, scope: &str) -> Result<(), Response> {
    let known: Vec<&str> = resource
        .get("oauth2PermissionScopes")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.get("value").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    match scope
        .split_whitespace()
        .find(|s| !known.iter().any(|k| k.eq_ignore_ascii_case(s)))
    {
        Some(bad) => Err(errors::bad_request(
            ctx,
            &format!(
                "Invalid value specified for property 'scope' of resource 'OAuth2PermissionGrant': '{bad}' is not a delegated permission of the resource."
            ),
        )),
        None => Ok(()),
    }
}

pub fn create_grant(ctx: &Ctx) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = access::member_scope(ctx, GRANT_WRITE).and_then(|_| {
        odata::check_body(
            ctx,
            &body,
            "oAuth2PermissionGrant",
            schema::OAUTH2_PERMISSION_GRANT,
        )
    }) {
        return r;
    }
    let f = |k: &str| body.get(k).and_then(Value::as_str).map(String::from);
    let (Some(client_id), Some(resource_id), Some(consent_type)) =
        (f("clientId"), f("resourceId"), f("consentType"))
    else {
        return errors::bad_request(
            ctx,
            "Invalid value specified for property 'clientId', 'resourceId' or 'consentType' of resource 'OAuth2PermissionGrant'.",
        );
    };
    let principal_id = f("principalId");
    let scope = f("scope").unwrap_or_default();
    match (consent_type.as_str(), &principal_id) {
        ("AllPrincipals", None) | ("Principal", Some(_)) => {}
        _ => {
            return errors::bad_request(
                ctx,
                "Invalid value specified for property 'consentType' or 'principalId' of resource 'OAuth2PermissionGrant'.",
            );
        }
    }
    let allowed = grant_admins(Some(&consent_type));
    let mut state = ctx.tenant.lock();
    // A client or resource created moments ago: 400 "Not a valid reference update."
    if let Err(r) = principals::referenced_sp(ctx, &state, &client_id) {
        return r;
    }
    let resource = match principals::referenced_sp(ctx, &state, &resource_id) {
        Ok(r) => r,
        Err(r) => return r,
    };
    if let Some(p) = &principal_id
        && state.user(p).is_none()
    {
        return errors::not_found(ctx, p);
    }
    if let Err(r) = access::role(ctx, allowed).and_then(|_| check_scopes(ctx, &resource, &scope)) {
        return r;
    }
    let dup = state.grants.iter().any(|g| {
        str_field(g, "clientId") == Some(client_id.as_str())
            && str_field(g, "resourceId") == Some(resource_id.as_str())
            && str_field(g, "consentType") == Some(consent_type.as_str())
            && str_field(g, "principalId") == principal_id.as_deref()
    });
    if dup {
        // 409 (github.com/hashicorp/terraform-provider-azuread issue 690), also while the first
        // grant is still missing from lists.
        // UNDOCUMENTED CHOICE: the code and wording of the 409 body.
        return errors::error(
            ctx,
            StatusCode::CONFLICT,
            "Request_MultipleObjectsWithSameKeyValue",
            "Permission entry already exists.",
        );
    }
    let id = grant_id();
    state
        .visible_at
        .insert(id.clone(), ctx.now + ctx.tenant.options.faults.replication);
    let g = json!({
        "id": id,
        "clientId": client_id,
        "consentType": consent_type,
        "principalId": principal_id,
        "resourceId": resource_id,
        "scope": scope,
    });
    let Value::Object(g) = g else {
        return errors::bad_request(ctx, "");
    };
    state.grants.push(g.clone());
    drop(state);
    odata::entity_response(
        ctx,
        StatusCode::CREATED,
        "oauth2PermissionGrants/$entity",
        Value::Object(g),
    )
}

pub fn patch_grant(ctx: &Ctx, id: &str) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = access::member_scope(ctx, GRANT_WRITE) {
        return r;
    }
    let mut state = ctx.tenant.lock();
    let i = match grant_to_change(ctx, &state, id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    if let Some(scope) = body.get("scope").and_then(Value::as_str) {
        let resource = match visible_sp(
            ctx,
            &state,
            str_field(&state.grants[i], "resourceId").unwrap_or_default(),
        ) {
            Ok(r) => r,
            Err(r) => return r,
        };
        if let Err(r) = check_scopes(ctx, &resource, scope) {
            return r;
        }
        state.grants[i].insert("scope".into(), Value::String(scope.to_string()));
    }
    no_content()
}

pub fn delete_grant(ctx: &Ctx, id: &str) -> Response {
    if let Err(r) = access::member_scope(ctx, GRANT_WRITE) {
        return r;
    }
    let mut state = ctx.tenant.lock();
    let i = match grant_to_change(ctx, &state, id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    state.grants.remove(i);
    no_content()
}

pub fn list_role_assignments(ctx: &Ctx) -> Response {
    if let Err(r) = access::member_scope(ctx, ROLE_READ) {
        return r;
    }
    filtered_list(
        ctx,
        (
            "UnifiedRoleAssignment",
            "unifiedRoleAssignment",
            schema::UNIFIED_ROLE_ASSIGNMENT,
        ),
        &["principalId", "roleDefinitionId", "directoryScopeId"],
        "roleManagement/directory/roleAssignments",
        |state| &state.role_assignments,
    )
}

pub fn create_role_assignment(ctx: &Ctx) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    // RoleManagement.ReadWrite.Directory, and for a user: Global Administrator or Privileged
    // Role Administrator (https://learn.microsoft.com/graph/api/rbacapplication-post-roleassignments).
    if let Err(r) = access::member_scope(ctx, ROLE_WRITE)
        .and_then(|_| access::role(ctx, access::PRIVILEGED))
        .and_then(|_| {
            odata::check_body(
                ctx,
                &body,
                "unifiedRoleAssignment",
                schema::UNIFIED_ROLE_ASSIGNMENT,
            )
        })
    {
        return r;
    }
    let f = |k: &str| body.get(k).and_then(Value::as_str).map(String::from);
    let (Some(principal_id), Some(role_id)) = (f("principalId"), f("roleDefinitionId")) else {
        return errors::bad_request(
            ctx,
            "Invalid value specified for property 'principalId' or 'roleDefinitionId' of resource 'UnifiedRoleAssignment'.",
        );
    };
    let scope = f("directoryScopeId").unwrap_or_else(|| "/".into());
    if roles::name(&role_id).is_none() {
        return errors::not_found(ctx, &role_id);
    }
    let mut state = ctx.tenant.lock();
    let is_user = state.user(&principal_id).is_some();
    if !is_user && let Err(r) = principals::referenced_sp(ctx, &state, &principal_id) {
        return r;
    }
    let dup = state.role_assignments.iter().any(|a| {
        str_field(a, "principalId") == Some(principal_id.as_str())
            && str_field(a, "roleDefinitionId") == Some(role_id.as_str())
            && str_field(a, "directoryScopeId") == Some(scope.as_str())
    });
    if dup {
        // 400 Request_BadRequest, as reported in github.com/dod-ccpo/atat pull request 1554.
        return errors::bad_request(
            ctx,
            "A conflicting object with one or more of the specified property values is present in the directory.",
        );
    }
    let id = new_id();
    state
        .visible_at
        .insert(id.clone(), ctx.now + ctx.tenant.options.faults.replication);
    let a = json!({ "id": id, "principalId": principal_id, "roleDefinitionId": role_id, "directoryScopeId": scope });
    let Value::Object(a) = a else {
        return errors::bad_request(ctx, "");
    };
    state.role_assignments.push(a.clone());
    if let Some(u) = state.users.iter_mut().find(|u| u.id == principal_id)
        && !u.roles.contains(&role_id)
    {
        u.roles.push(role_id);
    }
    drop(state);
    odata::entity_response(
        ctx,
        StatusCode::CREATED,
        "roleManagement/directory/roleAssignments/$entity",
        Value::Object(a),
    )
}

pub fn role_definitions(ctx: &Ctx) -> Response {
    if let Err(r) = access::member_scope(ctx, ROLE_READ) {
        return r;
    }
    let items: Vec<Value> = roles::ALL
        .iter()
        .map(|(id, name, desc)| json!({ "id": id, "templateId": id, "displayName": name, "description": desc, "isBuiltIn": true, "isEnabled": true }))
        .collect();
    odata::collection_response(ctx, "roleManagement/directory/roleDefinitions", items)
}
