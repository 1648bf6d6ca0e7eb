//! Inspection and proof: a read-only view of what exists in the tenant. Secrets are shown only
//! as SHA-256 hashes, certificates as thumbprints; never a secret value.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::Tenant;
use super::clock::iso;
use super::entra::client_credentials::thumbprints;
use super::html::{esc, page};
use super::respond;
use super::store::{Object, State as TenantState, str_field};

pub fn router(tenant: Arc<Tenant>) -> Router {
    Router::new()
        .route("/", get(html))
        .route("/api/state", get(state_json))
        .with_state(tenant)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn app_json(state: &TenantState, a: &Object, now: std::time::SystemTime) -> Value {
    let id = str_field(a, "id").unwrap_or_default();
    let secrets: Vec<Value> = state
        .secrets
        .iter()
        .filter(|s| s.app_object_id == id)
        .map(|s| {
            let meta = a
                .get("passwordCredentials")
                .and_then(Value::as_array)
                .and_then(|l| l.iter().find(|c| c.get("keyId").and_then(Value::as_str) == Some(s.key_id.as_str())));
            json!({
                "keyId": s.key_id,
                "displayName": meta.and_then(|m| m.get("displayName")).cloned().unwrap_or(Value::Null),
                "hint": meta.and_then(|m| m.get("hint")).cloned().unwrap_or(Value::Null),
                "sha256": hex(&s.sha256),
                "startDateTime": iso(s.start),
                "endDateTime": iso(s.end),
                "expired": now >= s.end,
            })
        })
        .collect();
    let certs: Vec<Value> = a
        .get("keyCredentials")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|k| {
            let key_id = k.get("keyId").and_then(Value::as_str).unwrap_or_default();
            let (s1, s256) = state
                .cert_keys
                .get(key_id)
                .map(|d| thumbprints(d))
                .unwrap_or(([0; 20], [0; 32]));
            json!({
                "keyId": key_id,
                "displayName": k.get("displayName"),
                "thumbprintSha1": hex(&s1).to_uppercase(),
                "thumbprintSha256": hex(&s256),
                "startDateTime": k.get("startDateTime"),
                "endDateTime": k.get("endDateTime"),
            })
        })
        .collect();
    json!({
        "id": id,
        "appId": a.get("appId"),
        "displayName": a.get("displayName"),
        "uniqueName": a.get("uniqueName"),
        "signInAudience": a.get("signInAudience"),
        "requiredResourceAccess": a.get("requiredResourceAccess"),
        "createdDateTime": a.get("createdDateTime"),
        "replicated": state.visible(id, now),
        "owners": state.owners.get(id).map(|o| o.iter().filter_map(|u| state.user(u)).map(|u| u.upn.clone()).collect::<Vec<_>>()).unwrap_or_default(),
        "secrets": secrets,
        "certificates": certs,
    })
}

fn role_value(state: &TenantState, resource_id: &str, role_id: &str) -> Value {
    state
        .app_role(resource_id, role_id)
        .and_then(|r| r.get("value").cloned())
        .unwrap_or(Value::Null)
}

pub fn snapshot(tenant: &Tenant) -> Value {
    let now = tenant.now();
    let state = tenant.lock();
    let seeded = |s: &Object| {
        matches!(
            str_field(s, "appId"),
            Some(
                super::permissions::GRAPH_APP_ID
                    | super::permissions::EXCHANGE_APP_ID
                    | super::permissions::SHAREPOINT_APP_ID
            )
        )
    };
    json!({
        "tenantId": super::seed::TENANT_ID,
        "now": iso(now),
        "applications": state.applications.iter().map(|a| app_json(&state, a, now)).collect::<Vec<_>>(),
        "servicePrincipals": state.service_principals.iter().map(|s| json!({
            "id": s.get("id"), "appId": s.get("appId"), "displayName": s.get("displayName"),
            "seeded": seeded(s), "replicated": state.visible(str_field(s, "id").unwrap_or_default(), now),
        })).collect::<Vec<_>>(),
        "appRoleAssignments": state.app_role_assignments.iter().map(|a| json!({
            "id": a.get("id"), "principalId": a.get("principalId"), "principalDisplayName": a.get("principalDisplayName"),
            "resourceId": a.get("resourceId"), "resourceDisplayName": a.get("resourceDisplayName"), "appRoleId": a.get("appRoleId"),
            "permission": role_value(&state, str_field(a, "resourceId").unwrap_or_default(), str_field(a, "appRoleId").unwrap_or_default()),
        })).collect::<Vec<_>>(),
        "oauth2PermissionGrants": state.grants.clone(),
        "roleAssignments": state.role_assignments.iter().map(|r| {
            let mut v = Value::Object(r.clone());
            v["roleName"] = json!(super::permissions::roles::name(str_field(r, "roleDefinitionId").unwrap_or_default()));
            v
        }).collect::<Vec<_>>(),
        "users": state.users.iter().map(|u| json!({
            "id": u.id, "userPrincipalName": u.upn, "displayName": u.display_name,
            "roles": u.roles.iter().filter_map(|r| super::permissions::roles::name(r)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "calls": state.calls.iter().rev().take(100).collect::<Vec<_>>(),
    })
}

async fn state_json(State(tenant): State<Arc<Tenant>>) -> Response {
    let mut r = respond::json(StatusCode::OK, &snapshot(&tenant));
    respond::set(&mut r, "cache-control", "no-store");
    r
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => esc(s),
        other => esc(&other.to_string()),
    }
}

fn table(rows: &[Value], cols: &[&str], id: &str) -> String {
    let mut s = format!("<table id=\"{id}\"><tr>");
    for c in cols {
        s.push_str(&format!("<th>{}</th>", esc(c)));
    }
    s.push_str("</tr>");
    for r in rows {
        s.push_str("<tr>");
        for c in cols {
            s.push_str(&format!(
                "<td>{}</td>",
                cell(r.get(*c).unwrap_or(&Value::Null))
            ));
        }
        s.push_str("</tr>");
    }
    s.push_str("</table>");
    s
}

async fn html(State(tenant): State<Arc<Tenant>>) -> Response {
    let snap = snapshot(&tenant);
    let arr = |k: &str| {
        snap.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let apps = arr("applications");
    let mut secrets = vec![];
    let mut certs = vec![];
    for a in &apps {
        for s in a
            .get("secrets")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let mut s = s.clone();
            s["app"] = a.get("displayName").cloned().unwrap_or(Value::Null);
            secrets.push(s);
        }
        for c in a
            .get("certificates")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let mut c = c.clone();
            c["app"] = a.get("displayName").cloned().unwrap_or(Value::Null);
            certs.push(c);
        }
    }
    let body = format!(
        "<h1>Sandbox tenant</h1><p>Tenant {tid} · {now} · <a href=\"/api/state\">JSON</a></p>\
<h2>Applications</h2>{apps}<h2>Secrets (SHA-256 of the value; the value is never kept)</h2>{secrets}\
<h2>Certificates</h2>{certs}<h2>Service principals</h2>{sps}<h2>App role assignments</h2>{ara}\
<h2>Delegated permission grants</h2>{grants}<h2>Directory role assignments</h2>{roles}<h2>Recent calls</h2>{calls}",
        tid = esc(super::seed::TENANT_ID),
        now = cell(snap.get("now").unwrap_or(&Value::Null)),
        apps = table(
            &apps,
            &[
                "displayName",
                "appId",
                "id",
                "uniqueName",
                "signInAudience",
                "createdDateTime",
                "replicated",
                "owners"
            ],
            "applications"
        ),
        secrets = table(
            &secrets,
            &[
                "app",
                "displayName",
                "keyId",
                "hint",
                "sha256",
                "startDateTime",
                "endDateTime",
                "expired"
            ],
            "secrets"
        ),
        certs = table(
            &certs,
            &[
                "app",
                "displayName",
                "keyId",
                "thumbprintSha1",
                "thumbprintSha256",
                "startDateTime",
                "endDateTime"
            ],
            "certificates"
        ),
        sps = table(
            &arr("servicePrincipals"),
            &["displayName", "appId", "id", "seeded", "replicated"],
            "service-principals"
        ),
        ara = table(
            &arr("appRoleAssignments"),
            &[
                "principalDisplayName",
                "resourceDisplayName",
                "permission",
                "appRoleId",
                "principalId"
            ],
            "app-role-assignments"
        ),
        grants = table(
            &arr("oauth2PermissionGrants"),
            &[
                "clientId",
                "consentType",
                "principalId",
                "resourceId",
                "scope"
            ],
            "grants"
        ),
        roles = table(
            &arr("roleAssignments"),
            &[
                "principalId",
                "roleName",
                "roleDefinitionId",
                "directoryScopeId"
            ],
            "role-assignments"
        ),
        calls = table(
            &arr("calls"),
            &["host", "method", "path", "status", "fault"],
            "calls"
        ),
    );
    let mut r = Html(page("Sandbox tenant", &body)).into_response();
    respond::set(&mut r, "cache-control", "no-store");
    respond::set(&mut r, "x-content-type-options", "nosniff");
    r
}
