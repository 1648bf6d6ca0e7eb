//! "Need admin approval": what a user who may not consent brings back to the redirect URI when
//! they choose "Return to the application without granting consent", and what an administrator
//! who declines brings back. The client must be able to tell them apart by the AADSTS code.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;

/// The "Need admin approval" page's way out, pressed by `upn`: returns the redirect's parameters.
async fn return_without_consent(env: &Env, upn: &str) -> std::collections::HashMap<String, String> {
    let page = pick_account(env, ADMIN_SCOPES, upn).await;
    let html = page.text();
    assert!(html.contains("Need admin approval"), "{html}");
    assert!(
        html.contains("Return to the application without granting consent"),
        "{html}"
    );
    assert!(!html.contains("id=\"accept\""), "no Accept for {upn}");
    let back = answer_consent(env, &html, &[("consent", "return")]).await;
    assert_eq!(back.status, StatusCode::FOUND, "{}", back.text());
    assert!(
        back.location().starts_with(&format!("{REDIRECT}?")),
        "back to the app: {}",
        back.location()
    );
    params(&back.location())
}

#[tokio::test]
async fn a_plain_user_returning_from_need_admin_approval_brings_back_aadsts90094() {
    let env = env();
    let p = return_without_consent(&env, seed::PLAIN_USER).await;
    assert_eq!(p["error"], "access_denied");
    assert_eq!(p["error_subcode"], "cancel");
    let description = &p["error_description"];
    assert!(description.starts_with("AADSTS90094: "), "{description}");
    assert!(
        description.contains("only an admin can grant"),
        "{description}"
    );
    assert!(description.contains("Correlation ID: "), "{description}");
    assert_eq!(p["state"], "st-123");
    assert!(!p.contains_key("code"));
}

#[tokio::test]
async fn an_administrator_of_another_service_may_not_consent_either_and_brings_back_90094() {
    // Application and Cloud Application Administrators may grant delegated permissions
    // tenant-wide (consent.rs) and see the consent page; an Exchange Administrator may not.
    let env = env();
    let p = return_without_consent(&env, seed::EXCHANGE_ADMIN).await;
    assert!(p["error_description"].starts_with("AADSTS90094: "));
}

#[tokio::test]
async fn whatever_the_button_says_the_user_decides_the_answer() {
    // A user who may not consent is answered 90094 even if the form claims a decline.
    let env = env();
    let page = pick_account(&env, ADMIN_SCOPES, seed::PLAIN_USER).await;
    let back = answer_consent(&env, &page.text(), &[("consent", "decline")]).await;
    assert!(params(&back.location())["error_description"].starts_with("AADSTS90094: "));

    // An administrator who declines is answered 65004, as before.
    let page = pick_account(&env, ADMIN_SCOPES, seed::GLOBAL_ADMIN).await;
    let html = page.text();
    assert!(html.contains("id=\"accept\""), "{html}");
    let back = answer_consent(&env, &html, &[("consent", "decline")]).await;
    let p = params(&back.location());
    assert_eq!(p["error"], "access_denied");
    assert_eq!(p["error_subcode"], "cancel");
    assert!(p["error_description"].starts_with("AADSTS65004: "));
}

#[tokio::test]
async fn a_plain_user_may_still_decline_scopes_they_could_have_accepted() {
    // Only admin-only scopes make the page "Need admin approval": for User.Read a plain user
    // sees Accept, and declining is the plain 65004.
    let env = env();
    let page = pick_account(&env, "openid profile User.Read", seed::PLAIN_USER).await;
    let html = page.text();
    assert!(html.contains("id=\"accept\""), "{html}");
    let back = answer_consent(&env, &html, &[("consent", "decline")]).await;
    assert!(params(&back.location())["error_description"].starts_with("AADSTS65004: "));
}
