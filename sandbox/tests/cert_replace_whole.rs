//! PATCH keyCredentials replaces the list; an existing certificate is kept only when sent again
//! with its key; without its key it is refused.

mod common;

use axum::http::StatusCode;
use common::certs::{cert, kc, year};
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn existing_certificates_are_kept_only_with_their_key() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Rollover").await;
    let (old, new) = (cert("Old", year(), false), cert("New", year(), true));
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [kc(&old)] })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let id = app["id"].as_str().unwrap();
    let app_id = app["appId"].as_str().unwrap();
    let read = graph_json(
        &env,
        &format!("/applications/{id}?$select=keyCredentials"),
        &token,
    )
    .await;
    let mut existing = read["keyCredentials"][0].clone();

    // Sent back as a list read without $select (key null): refused, nothing changes.
    existing["key"] = json!(null);
    let r = patch_app(
        &env,
        &token,
        &app,
        json!({ "keyCredentials": [existing.clone(), kc(&new)] }),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let key_id = existing["keyId"].as_str().unwrap().to_string();
    assert_eq!(
        error_message(&r),
        format!("Update to existing credential with KeyId '{key_id}' is not allowed.")
    );
    assert_eq!(env.tenant.certificates_of(app_id).len(), 1);

    // Sent back with its key beside the new one: both kept, the old one under its keyId.
    let kept = read["keyCredentials"][0].clone();
    let r = patch_app(
        &env,
        &token,
        &app,
        json!({ "keyCredentials": [kept, kc(&new)] }),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let certs = env.tenant.certificates_of(app_id);
    assert_eq!(certs.len(), 2);
    assert_eq!(certs[0].key_id, key_id);
    assert_eq!(certs[0].der, old.der);
    assert_eq!(certs[1].der, new.der);

    // Only the new one: the list is replaced as a whole.
    let only_new = graph_json(
        &env,
        &format!("/applications/{id}?$select=keyCredentials"),
        &token,
    )
    .await["keyCredentials"][1]
        .clone();
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [only_new] })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let certs = env.tenant.certificates_of(app_id);
    assert_eq!(certs.len(), 1);
    assert_eq!(certs[0].der, new.der);

    // The same keyId with another certificate is an update: refused.
    let mut swapped = kc(&old);
    swapped["keyId"] = json!(certs[0].key_id);
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [swapped] })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(error_message(&r).starts_with("Update to existing credential with KeyId"));
}
