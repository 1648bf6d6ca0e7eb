//! `PATCH /servicePrincipals(appId='…')` with `Prefer: create-if-missing`: 201 then 204.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn creates_then_updates() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Backup").await;
    let path = format!(
        "/servicePrincipals(appId='{}')",
        app["appId"].as_str().unwrap()
    );
    let prefer = [("Prefer", "create-if-missing")];
    let missing = graph(&env, "PATCH", &path, &token, Some(json!({}))).await;
    assert_eq!(
        missing.status,
        StatusCode::NOT_FOUND,
        "no Prefer: no create"
    );
    let c = graph_h(
        &env,
        "PATCH",
        &path,
        &token,
        Some(json!({ "tags": ["backup"] })),
        &prefer,
    )
    .await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.text());
    assert_eq!(c.json()["appId"], app["appId"]);
    let u = graph_h(
        &env,
        "PATCH",
        &path,
        &token,
        Some(json!({ "notes": "n" })),
        &prefer,
    )
    .await;
    assert_eq!(u.status, StatusCode::NO_CONTENT);
    let got = graph_json(&env, &format!("{path}?$select=id,appId"), &token).await;
    assert_eq!(got["id"], c.json()["id"]);
    let r = graph_h(
        &env,
        "PATCH",
        "/servicePrincipals(appId='11111111-1111-1111-1111-111111111111')",
        &token,
        Some(json!({})),
        &prefer,
    )
    .await;
    assert_eq!(
        r.json()["error"]["details"][0]["code"],
        "NoBackingApplicationObject"
    );
}
