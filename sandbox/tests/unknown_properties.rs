//! Undeclared properties in a write body and in `$select` are refused with 400.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn unknown_body_properties_are_refused() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = graph(
        &env,
        "POST",
        "/applications",
        &token,
        Some(json!({ "displayName": "x", "foo": 1 })),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let m = error_message(&r);
    assert!(
        m.contains("'foo'") && m.contains("microsoft.graph.application"),
        "{m}"
    );
    let (app, sp_id) = app_with_sp(&env, &token, "Backup").await;
    let sp = graph(
        &env,
        "POST",
        "/servicePrincipals",
        &token,
        Some(json!({ "appId": app["appId"], "foo": 1 })),
    )
    .await;
    assert_eq!(sp.status, StatusCode::BAD_REQUEST);
    let graph_sp = sp_of(&env, &token, "00000003-0000-0000-c000-000000000000").await;
    let a = graph(&env, "POST", &format!("/servicePrincipals/{sp_id}/appRoleAssignments"), &token,
        Some(json!({ "principalId": sp_id, "resourceId": graph_sp["id"], "appRoleId": role_id(&graph_sp, "Mail.ReadWrite"), "foo": 1 }))).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let g = grant_delegated(&env, &token, json!({ "clientId": sp_id, "consentType": "AllPrincipals", "resourceId": graph_sp["id"], "scope": "User.Read", "foo": 1 })).await;
    assert_eq!(g.status, StatusCode::BAD_REQUEST);
    let pw = graph(
        &env,
        "POST",
        &format!("/applications/{}/addPassword", app["id"].as_str().unwrap()),
        &token,
        Some(json!({ "passwordCredential": {}, "foo": 1 })),
    )
    .await;
    assert_eq!(pw.status, StatusCode::BAD_REQUEST);
    assert!(
        env.tenant
            .consent_of(app["appId"].as_str().unwrap())
            .unwrap()
            .app_roles
            .is_empty()
    );
}

#[tokio::test]
async fn unknown_select_properties_are_refused() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = graph(&env, "GET", "/applications?$select=id,foo", &token, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        error_message(&r).contains(
            "Could not find a property named 'foo' on type 'microsoft.graph.application'."
        )
    );
    for path in [
        "/servicePrincipals?$select=bar",
        "/oauth2PermissionGrants?$select=bar",
        "/roleManagement/directory/roleAssignments?$select=bar",
    ] {
        assert_eq!(
            graph(&env, "GET", path, &token, None).await.status,
            StatusCode::BAD_REQUEST,
            "{path}"
        );
    }
    let ok = graph(
        &env,
        "GET",
        "/servicePrincipals?$select=id,appId,displayName,appRoles,oauth2PermissionScopes",
        &token,
        None,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK);
}
