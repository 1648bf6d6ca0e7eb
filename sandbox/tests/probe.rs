//! The probe API: after a registration, one app under its uniqueName, exactly these
//! permissions on its service principal, and a secret that gets a token once propagated.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::probe::{AppRoleHeld, DelegatedHeld};
use sandbox_tenant::tenant::seed;
use serde_json::json;

const GRAPH: &str = "00000003-0000-0000-c000-000000000000";

#[tokio::test]
async fn a_registration_is_checked_without_graph() {
    let env = env_with("secret-propagation=10s");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let c = graph_h(
        &env,
        "PATCH",
        "/applications(uniqueName='backup')",
        &token,
        Some(json!({ "displayName": "Backup" })),
        &[("Prefer", "create-if-missing")],
    )
    .await;
    assert_eq!(c.status, StatusCode::CREATED);
    let app = c.json();
    let app_id = app["appId"].as_str().unwrap();
    let sp_id = create_sp(&env, &token, &app["appId"]).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let graph_sp = sp_of(&env, &token, GRAPH).await;
    assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    grant_delegated(&env, &token, json!({ "clientId": sp_id, "consentType": "AllPrincipals", "resourceId": graph_sp["id"], "scope": "User.Read Sites.Read.All" })).await;
    assign_directory_role(&env, &token, &sp_id).await;
    let secret = add_password(
        &env,
        &token,
        app["id"].as_str().unwrap(),
        json!({ "displayName": "s" }),
    )
    .await
    .json();
    let apps = env.tenant.apps_by_unique_name("BACKUP");
    assert_eq!(apps.len(), 1);
    assert_eq!(
        apps[0].secret_key_ids,
        vec![secret["keyId"].as_str().unwrap().to_string()]
    );
    let consent = env.tenant.consent_of(app_id).unwrap();
    assert_eq!(
        consent.app_roles,
        vec![AppRoleHeld {
            resource_app_id: GRAPH.into(),
            value: "Mail.ReadWrite".into()
        }]
    );
    assert_eq!(
        consent.delegated,
        vec![DelegatedHeld {
            resource_app_id: GRAPH.into(),
            consent_type: "AllPrincipals".into(),
            principal_id: None,
            scopes: vec!["Sites.Read.All".into(), "User.Read".into()]
        }]
    );
    assert_eq!(
        consent.directory_roles,
        vec!["29232cdf-9323-42fd-ade2-1d097af3e4de".to_string()]
    );
    let s = secret["secretText"].as_str().unwrap();
    let scope = "https://graph.microsoft.com/.default";
    assert_eq!(
        env.tenant.client_secret_token(app_id, s, scope),
        Err(7000215)
    );
    advance(&env, 11);
    assert_eq!(
        env.tenant.client_secret_token(app_id, s, scope),
        Ok(vec!["Mail.ReadWrite".to_string()])
    );
    assert_eq!(
        env.tenant.client_secret_token(app_id, "wrong", scope),
        Err(7000215)
    );
}
