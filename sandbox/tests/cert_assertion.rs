//! The client-credentials check accepts a client assertion signed with a new certificate's key
//! (RS256 + x5t, PS256 + x5t#S256) and refuses unknown, expired or wrongly signed ones with
//! Entra's AADSTS codes.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::certs::{Alg, assertion, cert, claims, kc};
use common::*;
use sandbox_tenant::tenant::clock::unix;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn assertion_with_the_new_key() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let (app, _sp) = app_with_sp(&env, &token, "Assertion").await;
    let app_id = app["appId"].as_str().unwrap();
    let c = cert("Assertion", Duration::from_secs(30 * 86_400), false);
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [kc(&c)] })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let aud = env.tenant.token_endpoint();
    let now = unix(env.tenant.now());
    let scope = GRAPH_DEFAULT;
    let t = &env.tenant;
    let (key, other) = common::certs::keys();
    for alg in [Alg::Rs256X5t, Alg::Ps256X5tS256] {
        let jwt = assertion(alg, key, &c, claims(app_id, &aud, now));
        assert_eq!(t.client_assertion_token(app_id, &jwt, scope), Ok(vec![]));
    }
    // Another key under the registered thumbprint.
    let jwt = assertion(Alg::Rs256X5t, other, &c, claims(app_id, &aud, now));
    assert_eq!(t.client_assertion_token(app_id, &jwt, scope), Err(700027));
    // A certificate the app does not have.
    let unknown = cert("Unknown", Duration::from_secs(86_400), true);
    let jwt = assertion(Alg::Rs256X5t, other, &unknown, claims(app_id, &aud, now));
    assert_eq!(t.client_assertion_token(app_id, &jwt, scope), Err(700027));
    // aud not the token endpoint; sub not iss; iss not the client.
    let jwt = assertion(
        Alg::Rs256X5t,
        key,
        &c,
        claims(app_id, "https://example.com/token", now),
    );
    assert_eq!(t.client_assertion_token(app_id, &jwt, scope), Err(700023));
    let mut cl = claims(app_id, &aud, now);
    cl["sub"] = json!("someone-else");
    let jwt = assertion(Alg::Rs256X5t, key, &c, cl);
    assert_eq!(t.client_assertion_token(app_id, &jwt, scope), Err(50048));
    let other_app = "11111111-2222-3333-4444-555555555555";
    let jwt = assertion(Alg::Rs256X5t, key, &c, claims(other_app, &aud, now));
    assert_eq!(t.client_assertion_token(app_id, &jwt, scope), Err(700021));
    // No jti.
    let mut cl = claims(app_id, &aud, now);
    cl.as_object_mut().unwrap().remove("jti");
    let jwt = assertion(Alg::Rs256X5t, key, &c, cl);
    assert_eq!(t.client_assertion_token(app_id, &jwt, scope), Err(50027));
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let (app, _sp) = app_with_sp(&env, &token, "Expiring").await;
    let app_id = app["appId"].as_str().unwrap();
    let c = cert("Expiring", Duration::from_secs(2 * 86_400), false);
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [kc(&c)] })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    advance(&env, 3 * 86_400);
    let now = unix(env.tenant.now());
    let jwt = assertion(
        Alg::Rs256X5t,
        &common::certs::keys().0,
        &c,
        claims(app_id, &env.tenant.token_endpoint(), now),
    );
    let r = post_token(
        &env,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", app_id),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", &jwt),
            ("scope", GRAPH_DEFAULT),
        ],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["error_codes"][0], 700027);
    assert!(
        r.text().contains("The key used is expired."),
        "{}",
        r.text()
    );
}
