//! startDateTime/endDateTime come from the certificate when not given; given ones outside its
//! validity are refused.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::certs::{cert, kc};
use common::*;
use sandbox_tenant::tenant::clock::iso;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn dates_from_the_certificate_and_within_it() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Dates").await;
    let days = |n: u64| Duration::from_secs(n * 86_400);
    let c = cert("Dates", days(730), false);
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [kc(&c)] })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let app_id = app["appId"].as_str().unwrap();
    let held = &env.tenant.certificates_of(app_id)[0];
    let parsed = |s: &str| sandbox_tenant::tenant::clock::parse_iso(s).unwrap();
    let lifetime = parsed(&held.end)
        .duration_since(parsed(&held.start))
        .unwrap();
    assert_eq!(lifetime, days(730), "two years, as the certificate says");

    let now = std::time::SystemTime::now();
    let mut late = kc(&c);
    late["endDateTime"] = json!(iso(now + days(800)));
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [late] })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_message(&r), "Key credential end date is invalid.");

    let mut early = kc(&c);
    early["startDateTime"] = json!(iso(now - days(2)));
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [early] })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let mut inside = kc(&c);
    inside["endDateTime"] = json!(iso(now + days(30)));
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [inside] })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
}
