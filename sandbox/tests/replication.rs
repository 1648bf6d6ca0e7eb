//! `replication=Ns`: for N seconds a new app or service principal answers the real refusals
//! on dependent calls, and new assignments and grants are missing from lists.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

const GRAPH: &str = "00000003-0000-0000-c000-000000000000";
const REF: &str = "Not a valid reference update.";

#[tokio::test]
async fn a_new_app_is_404_by_object_id_but_found_by_unique_name() {
    let env = env_with("replication=5s");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let path = "/applications(uniqueName='backup-contoso')";
    let body = json!({ "displayName": "Backup" });
    let prefer = [("Prefer", "create-if-missing")];
    let c = graph_h(&env, "PATCH", path, &token, Some(body.clone()), &prefer).await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.text());
    let app = c.json();
    let id = app["id"].as_str().unwrap();
    let r = graph(&env, "GET", &format!("/applications/{id}"), &token, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        error_message(&r),
        format!(
            "Resource '{id}' does not exist or one of its queried reference-property objects are not present."
        )
    );
    let r = patch_app(&env, &token, &app, json!({ "notes": "x" })).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = add_password(&env, &token, id, json!({ "displayName": "x" })).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = graph(
        &env,
        "POST",
        &format!("/applications/{id}/removePassword"),
        &token,
        Some(json!({ "keyId": id })),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let (listed, _) = get_all(&env, &token, "/applications").await;
    assert!(listed.is_empty(), "missing from lists");
    let again = graph_h(&env, "PATCH", path, &token, Some(body), &prefer).await;
    assert_eq!(
        again.status,
        StatusCode::NO_CONTENT,
        "the alternate key finds it"
    );
    assert_eq!(env.tenant.apps_by_unique_name("backup-contoso").len(), 1);
    advance(&env, 6);
    let r = graph(&env, "GET", &format!("/applications/{id}"), &token, None).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn a_service_principal_for_a_new_app_has_no_backing_application() {
    let env = env_with("replication=5s");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Backup").await;
    let app_id = app["appId"].as_str().unwrap();
    let post = create_sp(&env, &token, &app["appId"]).await;
    let upsert = graph_h(
        &env,
        "PATCH",
        &format!("/servicePrincipals(appId='{app_id}')"),
        &token,
        Some(json!({})),
        &[("Prefer", "create-if-missing")],
    )
    .await;
    for r in [post, upsert] {
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(error_code(&r), "Request_BadRequest");
        assert_eq!(
            r.json()["error"]["details"][0]["code"],
            "NoBackingApplicationObject"
        );
    }
    assert!(
        env.tenant.consent_of(app_id).is_none(),
        "nothing was created"
    );
}

#[tokio::test]
async fn references_to_a_new_service_principal_are_not_valid_yet() {
    let env = env_with("replication=5s");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Backup").await;
    advance(&env, 6);
    let sp = create_sp(&env, &token, &app["appId"]).await;
    assert_eq!(sp.status, StatusCode::CREATED);
    let sp_id = sp.json()["id"].as_str().unwrap().to_string();
    let graph_sp = sp_of(&env, &token, GRAPH).await;
    let graph_id = graph_sp["id"].as_str().unwrap().to_string();
    // Addressed by object id: 404.
    let r = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = graph(
        &env,
        "GET",
        &format!(
            "/servicePrincipals(appId='{}')",
            app["appId"].as_str().unwrap()
        ),
        &token,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Referenced from an object that exists: 400 "Not a valid reference update."
    let via_resource = graph(
        &env,
        "POST",
        &format!("/servicePrincipals/{graph_id}/appRoleAssignedTo"),
        &token,
        Some(json!({ "principalId": sp_id, "resourceId": graph_id, "appRoleId": role_id(&graph_sp, "Mail.ReadWrite") })),
    )
    .await;
    let grant = grant_delegated(&env, &token, json!({ "clientId": sp_id, "consentType": "AllPrincipals", "resourceId": graph_id, "scope": "User.Read" })).await;
    let role = assign_directory_role(&env, &token, &sp_id).await;
    for r in [via_resource, grant, role] {
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        assert_eq!(error_code(&r), "Request_BadRequest");
        assert_eq!(error_message(&r), REF);
    }
    advance(&env, 6);
    let r = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn new_assignments_and_grants_are_missing_from_lists_for_a_while() {
    let env = env_with("replication=5s");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Backup").await;
    advance(&env, 6);
    let sp_id = create_sp(&env, &token, &app["appId"]).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    advance(&env, 6);
    let graph_sp = sp_of(&env, &token, GRAPH).await;
    let r = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(r.status, StatusCode::CREATED);
    let g = grant_delegated(&env, &token, json!({ "clientId": sp_id, "consentType": "AllPrincipals", "resourceId": graph_sp["id"], "scope": "User.Read" })).await;
    assert_eq!(g.status, StatusCode::CREATED);
    let ra = assign_directory_role(&env, &token, &sp_id).await;
    assert_eq!(ra.status, StatusCode::CREATED);
    let lists = [
        format!("/servicePrincipals/{sp_id}/appRoleAssignments"),
        format!("/oauth2PermissionGrants?$filter=clientId eq '{sp_id}'").replace(' ', "%20"),
        format!("/roleManagement/directory/roleAssignments?$filter=principalId eq '{sp_id}'")
            .replace(' ', "%20"),
    ];
    for l in &lists {
        assert!(get_all(&env, &token, l).await.0.is_empty(), "{l}: not yet");
    }
    // The write side knows: a second write is a duplicate even now.
    let dup = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(dup.status, StatusCode::BAD_REQUEST);
    advance(&env, 6);
    for l in &lists {
        assert_eq!(get_all(&env, &token, l).await.0.len(), 1, "{l}");
    }
}
