//! customKeyIdentifier: kept as sent, the SHA-1 thumbprint when not sent, at most 40 characters.

mod common;

use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::certs::{cert, kc, year};
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

#[tokio::test]
async fn custom_key_identifier_kept_as_sent_or_the_thumbprint() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Identifier").await;
    let (a, b) = (cert("A", year(), false), cert("B", year(), true));
    // The how-to's example: the hex thumbprint as sent (valid base64 of 30 bytes).
    let mut sent = kc(&a);
    sent["customKeyIdentifier"] = json!("52ED9B5038A47B9E2E2190715CC238359D4F8F73");
    let r = patch_app(
        &env,
        &token,
        &app,
        json!({ "keyCredentials": [sent, kc(&b)] }),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let got = graph_json(
        &env,
        &format!("/applications/{}", app["id"].as_str().unwrap()),
        &token,
    )
    .await;
    assert_eq!(
        got["keyCredentials"][0]["customKeyIdentifier"],
        "52ED9B5038A47B9E2E2190715CC238359D4F8F73"
    );
    assert_eq!(
        got["keyCredentials"][1]["customKeyIdentifier"],
        STANDARD.encode(b.sha1())
    );
    // A SHA-256 thumbprint in base64 is 44 characters: more than the 40 the type holds.
    let mut long = kc(&a);
    long["customKeyIdentifier"] = json!(STANDARD.encode(a.sha256()));
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [long] })).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
}
