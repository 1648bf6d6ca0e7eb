//! The backup-server stand-in proves a bundle's credentials against the sandbox tenant: a real
//! app's secret and certificate are accepted, a wrong secret or a key that is not the
//! certificate's is refused in words. Each hand-off carries an onboarding id the server issued
//! (`POST /api/onboarding`), accepted for one bundle, once.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::certs::{cert, kc, keys};
use common::*;
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use sandbox_tenant::backup_server::{self, BackupServer};
use sandbox_tenant::tenant::seed::{self, TENANT_ID};
use serde_json::{Value, json};

fn pem(der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

/// A fresh onboarding id from the server, as the dashboard asks for one.
async fn issue(server: &Arc<BackupServer>) -> String {
    let request = Request::post("/api/onboarding")
        .body(Body::empty())
        .unwrap();
    let r = send(&backup_server::router(server.clone()), request).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["onboardingId"]
        .as_str()
        .expect("an id")
        .to_string()
}

/// Posts `bundle` unsealed for `onboarding_id`, as the dashboard posts the result it received.
async fn post_for(
    server: &Arc<BackupServer>,
    onboarding_id: &str,
    bundle: &Value,
) -> (StatusCode, Value) {
    let mut bundle = bundle.clone();
    bundle["onboardingId"] = json!(onboarding_id);
    let result = json!({
        "type": "m365-registrar.result", "version": 1, "resultId": "r-1",
        "onboardingId": onboarding_id, "sealed": false, "bundle": bundle,
    });
    let request = Request::post("/api/handoff")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({ "onboardingId": onboarding_id, "result": result }).to_string(),
        ))
        .unwrap();
    let r = send(&backup_server::router(server.clone()), request).await;
    (r.status, r.json())
}

/// Posts `bundle` for a fresh onboarding.
async fn post(server: &Arc<BackupServer>, bundle: &Value) -> (StatusCode, Value) {
    let id = issue(server).await;
    post_for(server, &id, bundle).await
}

#[tokio::test]
async fn a_real_apps_secret_and_certificate_are_proved() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let (app, _sp) = app_with_sp(&env, &token, "Backup Proof").await;
    let app_id = app["appId"].as_str().unwrap();
    let r = add_password(
        &env,
        &token,
        app["id"].as_str().unwrap(),
        json!({ "displayName": "backup" }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let secret = r.json()["secretText"].as_str().unwrap().to_string();
    let c = cert("Backup Proof", Duration::from_secs(30 * 86_400), false);
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [kc(&c)] })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());

    let authority = env
        .tenant
        .token_endpoint()
        .trim_end_matches("/oauth2/v2.0/token")
        .to_string();
    let key_pem = c.key.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    let thumbprint: String = c.sha1().iter().map(|b| format!("{b:02X}")).collect();
    let mut bundle = json!({
        "format": "m365-registrar.bundle", "version": 1, "onboardingId": null,
        "tenantId": TENANT_ID, "clientId": app_id, "authority": authority,
        "graph": "https://graph.microsoft.com",
        "clientSecret": { "value": secret, "keyId": "k", "expires": "2027-05-29T17:02:10Z" },
        "certificate": {
            "keyId": "c", "thumbprintSha1": thumbprint, "expires": "2027-11-30T17:01:11Z",
            "certificatePem": pem(&c.der), "privateKeyPem": key_pem,
        },
        "permissions": [], "directoryRoles": [],
    });
    let server = BackupServer::new(env.tenant.clone());
    let id = issue(&server).await;
    let (status, answer) = post_for(&server, &id, &bundle).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["onboardingId"], id.as_str());
    assert_eq!(
        answer["checks"],
        json!({ "secret": "accepted", "certificate": "accepted" })
    );
    assert_eq!(answer["stored"]["certificateThumbprint"], thumbprint);
    assert_eq!(answer["stored"]["secretHint"], format!("{}…", &secret[..3]));
    assert!(!answer.to_string().contains(&secret));
    assert_eq!(server.handoffs_received(), vec![answer.clone()]);
    // "Send again": the same answer, nothing new stored. Another bundle for the spent id: no.
    let (status, again) = post_for(&server, &id, &bundle).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again, answer);
    assert_eq!(server.handoffs_received().len(), 1);
    let mut replay = bundle.clone();
    replay["clientSecret"]["value"] = json!("Q~another");
    let (status, refused) = post_for(&server, &id, &replay).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert_eq!(
        refused["error"],
        format!("onboarding {id} already received its bundle")
    );
    // An id another server issued is unknown here.
    let elsewhere = BackupServer::new(env.tenant.clone()).start_onboarding();
    let (status, refused) = post_for(&server, &elsewhere, &bundle).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert!(
        refused["error"]
            .as_str()
            .is_some_and(|e| e.contains("not an onboarding this server started")),
        "{refused}"
    );

    // A wrong secret; a key that is not the certificate's; a wrong thumbprint; no key at all.
    bundle["clientSecret"]["value"] = json!(format!("{secret}x"));
    let other_key = keys().1.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    bundle["certificate"]["privateKeyPem"] = json!(other_key);
    let (_, answer) = post(&server, &bundle).await;
    assert_eq!(
        answer["checks"]["secret"],
        "refused: AADSTS7000215 (invalid client secret, or one not yet known everywhere)"
    );
    assert_eq!(
        answer["checks"]["certificate"],
        "refused: privateKeyPem is not the certificate's key"
    );
    bundle["certificate"]["privateKeyPem"] = json!(key_pem);
    bundle["certificate"]["thumbprintSha1"] = json!("00");
    let (_, answer) = post(&server, &bundle).await;
    assert_eq!(
        answer["checks"]["certificate"],
        "refused: thumbprintSha1 is not the certificate's"
    );
    bundle["clientSecret"] = Value::Null;
    bundle["certificate"] =
        json!({ "keyId": "c", "thumbprintSha1": thumbprint, "expires": "2027-11-30T17:01:11Z" });
    let (_, answer) = post(&server, &bundle).await;
    assert_eq!(
        answer["checks"],
        json!({ "secret": "none", "certificate": "none" })
    );
    assert_eq!(answer["stored"]["secretHint"], Value::Null);
    assert_eq!(server.handoffs_received().len(), 4);
}

#[tokio::test]
async fn a_bundle_for_another_tenant_is_not_tried() {
    let env = env();
    let server = BackupServer::new(env.tenant.clone());
    let bundle = json!({
        "format": "m365-registrar.bundle", "version": 1,
        "tenantId": "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e",
        "clientId": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "clientSecret": { "value": "Q~x", "expires": null }, "certificate": null,
    });
    let (status, answer) = post(&server, &bundle).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let secret = answer["checks"]["secret"].as_str().unwrap_or_default();
    assert!(secret.contains("is not the sandbox tenant"), "{secret}");
}
