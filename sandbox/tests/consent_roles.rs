//! Who may consent (grant-admin-consent docs): Application and Cloud Application
//! Administrators may grant delegated permissions and non-Graph app roles, not Graph app roles
//! nor directory roles; assignments also need read access to applications.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn cloud_application_administrator_consents_except_graph_app_roles() {
    let env = env();
    let token = token_for(&env, seed::CLOUD_APPLICATION_ADMIN).await;
    let (_, sp_id) = app_with_sp(&env, &token, "Backup").await;
    let graph_sp = sp_of(&env, &token, "00000003-0000-0000-c000-000000000000").await;
    let g = grant_delegated(&env, &token, json!({ "clientId": sp_id, "consentType": "AllPrincipals", "resourceId": graph_sp["id"], "scope": "User.Read" })).await;
    assert_eq!(g.status, StatusCode::CREATED, "{}", g.text());
    let r = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(error_code(&r), "Authorization_RequestDenied");
    let exo = sp_of(&env, &token, "00000002-0000-0ff1-ce00-000000000000").await;
    let r = assign_app_role(&env, &token, &sp_id, &exo, "Exchange.ManageAsApp").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(
        assign_directory_role(&env, &token, &sp_id).await.status,
        StatusCode::FORBIDDEN
    );
    let pra = token_for(&env, seed::PRIVILEGED_ROLE_ADMIN).await;
    assert_eq!(
        assign_directory_role(&env, &pra, &sp_id).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn an_assignment_needs_read_access_to_applications_too() {
    let env = env();
    let admin = token_for(&env, seed::GLOBAL_ADMIN).await;
    let (_, sp_id) = app_with_sp(&env, &admin, "Backup").await;
    let exo = sp_of(&env, &admin, "00000002-0000-0ff1-ce00-000000000000").await;
    let narrow = sign_in(
        &env,
        seed::GLOBAL_ADMIN,
        "openid AppRoleAssignment.ReadWrite.All",
    )
    .await;
    let narrow = narrow["access_token"].as_str().unwrap();
    let scp = claims(narrow)["scp"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!scp.contains("Application."), "{scp}");
    let r = assign_app_role(&env, narrow, &sp_id, &exo, "Exchange.ManageAsApp").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
}
