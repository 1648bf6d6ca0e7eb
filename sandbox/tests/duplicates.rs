//! Duplicates: an app role assignment 400, a delegated grant 409, a role assignment 400.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn second_writes_of_the_same_permission_are_refused() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let (_, sp_id) = app_with_sp(&env, &token, "Backup").await;
    let graph_sp = sp_of(&env, &token, "00000003-0000-0000-c000-000000000000").await;
    let a = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(a.status, StatusCode::CREATED);
    let a = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&a), "Request_BadRequest");
    assert_eq!(
        error_message(&a),
        "Permission being assigned already exists on the object"
    );
    let grant = json!({ "clientId": sp_id, "consentType": "AllPrincipals", "resourceId": graph_sp["id"], "scope": "User.Read" });
    assert_eq!(
        grant_delegated(&env, &token, grant.clone()).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        grant_delegated(&env, &token, grant).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        assign_directory_role(&env, &token, &sp_id).await.status,
        StatusCode::CREATED
    );
    let ra = assign_directory_role(&env, &token, &sp_id).await;
    assert_eq!(ra.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&ra), "Request_BadRequest");
}
