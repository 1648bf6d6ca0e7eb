//! A certificate on an application is `AsymmetricX509Cert` with usage `Verify`; `Sign` is refused
//! with Graph's wording.

mod common;

use axum::http::StatusCode;
use common::certs::{cert, kc, year};
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn sign_usage_is_refused_and_verify_accepted() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Usage").await;
    let c = cert("Usage", year(), false);
    let mut sign = kc(&c);
    sign["usage"] = json!("Sign");
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [sign] })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error_message(&r),
        "The value for the property \"usage\" in one of your credentials is invalid. Acceptable values are Sign, Verify."
    );
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [kc(&c)] })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let got = graph_json(
        &env,
        &format!("/applications/{}", app["id"].as_str().unwrap()),
        &token,
    )
    .await;
    assert_eq!(got["keyCredentials"][0]["usage"], "Verify");
    assert_eq!(got["keyCredentials"][0]["type"], "AsymmetricX509Cert");
}
