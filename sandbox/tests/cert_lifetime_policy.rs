//! `certificates=max:30d`: the default app management policy restricts certificate lifetimes
//! (`asymmetricKeyLifetime`), and a longer certificate is refused.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::certs::{cert, kc, year};
use common::*;
use sandbox_tenant::tenant::clock::iso;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn policy_limits_certificate_lifetime() {
    let env = env_with("certificates=max:30d");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let policy = app_policy(&env, &token).await;
    assert_eq!(policy["isEnabled"], true);
    let r = &policy["applicationRestrictions"]["keyCredentials"][0];
    assert_eq!(r["restrictionType"], "asymmetricKeyLifetime");
    assert_eq!(r["maxLifetime"], "P30D");

    let app = create_app(&env, &token, "Short certs").await;
    let c = cert("Short certs", year(), false);
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [kc(&c)] })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&r), "CredentialInvalidLifetimeAsPerAppPolicy");
    // Also at creation.
    let body = json!({ "displayName": "Short certs 2", "keyCredentials": [kc(&c)] });
    let r = graph(&env, "POST", "/applications", &token, Some(body)).await;
    assert_eq!(error_code(&r), "CredentialInvalidLifetimeAsPerAppPolicy");

    let mut short = kc(&c);
    short["endDateTime"] = json!(iso(
        std::time::SystemTime::now() + Duration::from_secs(20 * 86_400)
    ));
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [short] })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
}

#[test]
fn the_plan_item_is_parsed_and_a_bad_one_quoted() {
    let p = sandbox_tenant::tenant::FaultPlan::parse("certificates=max:365d").unwrap();
    assert_eq!(p.certificates, Some(Duration::from_secs(365 * 86_400)));
    let e = sandbox_tenant::tenant::FaultPlan::parse("certificates=never").unwrap_err();
    assert!(e.contains("certificates=never"), "{e}");
}
