//! The stand-in opens JWEs sealed here with RustCrypto primitives, written independently of
//! jwe.rs (one Concat KDF round spelled out, RFC 7518 §4.6.2), and refuses tampered ones.

use std::sync::{Arc, OnceLock};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use p256::elliptic_curve::sec1::{FromEncodedPoint, ToEncodedPoint};
use rand::RngCore;
use rsa::BigUint;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

use super::jwe::concat_kdf;
use super::*;
use crate::tenant::jwt::{b64url, b64url_decode};
use crate::tenant::seed::TENANT_ID;
use crate::tenant::{Tenant, TenantOptions};

const CLIENT_ID: &str = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

/// One server for every test of this binary: its RSA key is made once.
fn server() -> Arc<BackupServer> {
    static SERVER: OnceLock<Arc<BackupServer>> = OnceLock::new();
    SERVER
        .get_or_init(|| BackupServer::new(Tenant::new(TenantOptions::default())))
        .clone()
}

fn bundle(onboarding_id: Option<&str>) -> Value {
    json!({
        "format": "m365-registrar.bundle", "version": 1, "onboardingId": onboarding_id,
        "createdAt": "2026-11-30T17:02:11Z", "cloud": "global",
        "tenantId": TENANT_ID, "clientId": CLIENT_ID,
        "authority": format!("http://login.localhost:8400/{TENANT_ID}"),
        "graph": "https://graph.microsoft.com",
        "clientSecret": { "value": "Q~abcdefghijklmnop", "keyId": "k", "expires": "2027-05-29T17:02:10Z" },
        "certificate": null,
        "permissions": [
            { "resource": "Microsoft Graph", "permission": "Mail.ReadWrite" },
            { "resource": "Microsoft Graph", "permission": "Sites.Read.All" }
        ],
        "directoryRoles": ["Exchange Administrator"],
    })
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    rand::thread_rng().fill_bytes(&mut b);
    b
}

/// The compact JWE of `plaintext` with `header` (to which `enc` is added), the CEK wrapped by
/// `wrap`.
fn seal(mut header: Value, plaintext: &[u8], wrap: impl FnOnce(&[u8; 32]) -> Vec<u8>) -> String {
    header["enc"] = json!("A256GCM");
    let protected = b64url(header.to_string().as_bytes());
    let cek = random::<32>();
    let iv = random::<12>();
    let sealed = Aes256Gcm::new(&cek.into())
        .encrypt(
            Nonce::from_slice(&iv),
            Payload {
                msg: plaintext,
                aad: protected.as_bytes(),
            },
        )
        .expect("AES-GCM seals");
    let (ciphertext, tag) = sealed.split_at(sealed.len() - 16);
    format!(
        "{protected}.{}.{}.{}.{}",
        b64url(&wrap(&cek)),
        b64url(&iv),
        b64url(ciphertext),
        b64url(tag)
    )
}

/// ECDH-ES+A256KW to the public JWK `to`, with `extra` header members.
fn seal_ecdh(to: &Value, extra: Value, plaintext: &[u8]) -> String {
    let coord = |k: &str| b64url_decode(to[k].as_str().unwrap_or_default()).unwrap_or_default();
    let (x, y) = (coord("x"), coord("y"));
    let point = p256::EncodedPoint::from_affine_coordinates(
        p256::FieldBytes::from_slice(&x),
        p256::FieldBytes::from_slice(&y),
        false,
    );
    let recipient = p256::PublicKey::from_encoded_point(&point).unwrap();
    let ephemeral = p256::ecdh::EphemeralSecret::random(&mut rand::rngs::OsRng);
    let epk = ephemeral.public_key().to_encoded_point(false);
    let z = ephemeral.diffie_hellman(&recipient);
    // One round: SHA-256(00000001 ‖ Z ‖ len‖"ECDH-ES+A256KW" ‖ 0 ‖ 0 ‖ 256).
    let mut round = Sha256::new();
    round.update([0, 0, 0, 1]);
    round.update(z.raw_secret_bytes());
    round.update([0, 0, 0, 14]);
    round.update(b"ECDH-ES+A256KW");
    round.update([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    let kek: [u8; 32] = round.finalize().into();
    let mut header = json!({
        "alg": "ECDH-ES+A256KW", "cty": "application/json", "kid": to["kid"],
        "epk": { "kty": "EC", "crv": "P-256", "x": b64url(epk.x().unwrap()), "y": b64url(epk.y().unwrap()) },
    });
    for (k, v) in extra.as_object().into_iter().flatten() {
        header[k] = v.clone();
    }
    seal(header, plaintext, |cek| {
        let mut out = [0u8; 40];
        aes_kw::KekAes256::from(kek)
            .wrap(cek, &mut out)
            .expect("AES-KW wraps");
        out.to_vec()
    })
}

/// RSA-OAEP-256 to the public JWK `to`.
fn seal_rsa(to: &Value, extra: Value, plaintext: &[u8]) -> String {
    let big = |k: &str| {
        BigUint::from_bytes_be(&b64url_decode(to[k].as_str().unwrap_or_default()).unwrap())
    };
    let public = rsa::RsaPublicKey::new(big("n"), big("e")).unwrap();
    let mut header = json!({ "alg": "RSA-OAEP-256", "cty": "application/json", "kid": to["kid"] });
    for (k, v) in extra.as_object().into_iter().flatten() {
        header[k] = v.clone();
    }
    seal(header, plaintext, |cek| {
        public
            .encrypt(
                &mut rand::rngs::OsRng,
                rsa::Oaep::new::<Sha256>(),
                cek.as_slice(),
            )
            .unwrap()
    })
}

fn result_message(onboarding_id: Option<&str>, sealed: Option<String>, b: Value) -> Value {
    let mut m = json!({
        "type": "m365-registrar.result", "version": 1, "resultId": "r-1",
        "onboardingId": onboarding_id, "sealed": sealed.is_some(),
    });
    match sealed {
        Some(jwe) => m["jwe"] = json!(jwe),
        None => m["bundle"] = b,
    }
    m
}

async fn call(request: Request<Body>) -> (StatusCode, Option<String>, Value) {
    let response = router(server()).oneshot(request).await.unwrap();
    let status = response.status();
    let cache = response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        cache,
        serde_json::from_slice(&body).unwrap_or(Value::Null),
    )
}

/// A fresh onboarding id from `POST /api/onboarding`, as the dashboard asks for one.
async fn issue() -> String {
    let (status, cache, answer) = call(
        Request::post("/api/onboarding")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(cache.as_deref(), Some("no-store"));
    answer["onboardingId"].as_str().expect("an id").to_string()
}

async fn post(onboarding_id: Option<&str>, result: Value) -> (StatusCode, Value) {
    let body = json!({ "onboardingId": onboarding_id, "result": result });
    let request = Request::post("/api/handoff")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, _, answer) = call(request).await;
    (status, answer)
}

async fn key(alg: &str) -> (StatusCode, Option<String>, Value) {
    call(
        Request::get(format!("/api/handoff-key{alg}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

fn ec_public() -> Value {
    server().public_jwk("ECDH-ES+A256KW")
}

#[tokio::test]
async fn the_public_keys_are_served_without_cache_and_without_private_members() {
    let (status, cache, jwk) = key("").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cache.as_deref(), Some("no-store"));
    assert_eq!(jwk, ec_public());
    assert_eq!(jwk["kty"], "EC");
    let (_, _, same) = key("?alg=ECDH-ES%2BA256KW").await;
    assert_eq!(same, jwk);
    let (status, _, rsa) = key("?alg=RSA-OAEP-256").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rsa["kty"], "RSA");
    assert_eq!(rsa["alg"], "RSA-OAEP-256");
    assert_eq!(rsa["use"], "enc");
    assert!(
        rsa["kid"]
            .as_str()
            .is_some_and(|k| k.starts_with("backup-server-rsa-"))
    );
    for private in ["d", "p", "q", "dp", "dq", "qi"] {
        assert!(rsa.get(private).is_none(), "{private} is private");
        assert!(
            server().private_jwk("RSA-OAEP-256").get(private).is_some(),
            "{private}"
        );
    }
    let (status, _, error) = key("?alg=A256KW").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error["error"].as_str().is_some(), "{error}");
}

#[tokio::test]
async fn onboarding_ids_are_fresh_unguessable_and_not_cached() {
    let (a, b) = (issue().await, issue().await);
    assert_ne!(a, b);
    for id in [&a, &b] {
        let random = id.strip_prefix("onb-").expect("onb- first");
        assert_eq!(random.len(), 22, "{id}");
        assert_eq!(b64url_decode(random).map(|r| r.len()), Some(16), "{id}");
    }
    let (status, _, _) = call(Request::get("/api/onboarding").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn a_sealed_bundle_is_opened_and_what_a_backup_server_keeps_is_answered() {
    let id = issue().await;
    let plaintext = bundle(Some(&id)).to_string();
    let jwe = seal_ecdh(
        &ec_public(),
        json!({ "onboardingId": id }),
        plaintext.as_bytes(),
    );
    let (status, answer) = post(Some(&id), result_message(Some(&id), Some(jwe), Value::Null)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["sealed"], true);
    assert_eq!(answer["kid"], ec_public()["kid"]);
    assert_eq!(answer["onboardingId"], id.as_str());
    assert_eq!(
        answer["stored"],
        json!({
            "tenantId": TENANT_ID, "clientId": CLIENT_ID, "secretHint": "Q~a…",
            "secretExpires": "2027-05-29T17:02:10Z", "certificateThumbprint": null,
            "certificateExpires": null, "permissions": 2,
            "directoryRoles": ["Exchange Administrator"],
        })
    );
    // No such app in this tenant: the secret is refused, in words, without quoting it.
    let secret = answer["checks"]["secret"].as_str().unwrap_or_default();
    assert!(secret.starts_with("refused: AADSTS700016"), "{secret}");
    assert_eq!(answer["checks"]["certificate"], "none");
    assert!(!answer.to_string().contains("abcdefghijklmnop"));
    assert!(
        server()
            .handoffs_received()
            .iter()
            .any(|h| h["onboardingId"] == id.as_str() && h["sealed"] == true)
    );
}

#[tokio::test]
async fn an_rsa_oaep_256_bundle_is_opened_by_the_rsa_key() {
    let id = issue().await;
    let rsa = server().public_jwk("RSA-OAEP-256");
    let jwe = seal_rsa(
        &rsa,
        json!({ "onboardingId": id }),
        bundle(Some(&id)).to_string().as_bytes(),
    );
    let (status, answer) = post(Some(&id), result_message(Some(&id), Some(jwe), Value::Null)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["kid"], rsa["kid"]);
    assert_eq!(answer["onboardingId"], id.as_str());
}

#[tokio::test]
async fn an_unsealed_bundle_is_taken_as_is() {
    let id = issue().await;
    let (status, answer) = post(
        Some(&id),
        result_message(Some(&id), None, bundle(Some(&id))),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["sealed"], false);
    assert_eq!(answer["kid"], Value::Null);
}

#[tokio::test]
async fn an_id_this_server_did_not_issue_is_refused() {
    // Well formed, sealed to this server's key, and for an onboarding the page made up.
    let made_up = "onb-AAAAAAAAAAAAAAAAAAAAAA";
    let jwe = seal_ecdh(
        &ec_public(),
        json!({ "onboardingId": made_up }),
        bundle(Some(made_up)).to_string().as_bytes(),
    );
    let (status, answer) = post(
        Some(made_up),
        result_message(Some(made_up), Some(jwe), Value::Null),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let error = answer["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("not an onboarding this server started"),
        "{error}"
    );
    let (status, _) = post(
        Some(made_up),
        result_message(Some(made_up), None, bundle(Some(made_up))),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_hand_off_without_an_onboarding_id_is_refused() {
    for body in [
        json!({ "onboardingId": null, "result": result_message(None, None, bundle(None)) }),
        json!({ "result": result_message(None, None, bundle(None)) }),
    ] {
        let (status, _, answer) = call(
            Request::post("/api/handoff")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        let error = answer["error"].as_str().unwrap_or_default();
        assert!(error.contains("onboardingId is missing"), "{error}");
    }
    let (status, answer) = post(None, json!(42)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
}

#[tokio::test]
async fn an_onboarding_takes_one_bundle_once_and_an_identical_repeat_gets_the_same_answer() {
    let id = issue().await;
    let plaintext = bundle(Some(&id)).to_string();
    let seal_once = || {
        seal_ecdh(
            &ec_public(),
            json!({ "onboardingId": id }),
            plaintext.as_bytes(),
        )
    };
    let jwe = seal_once();
    let result = result_message(Some(&id), Some(jwe), Value::Null);
    let (status, first) = post(Some(&id), result.clone()).await;
    assert_eq!(status, StatusCode::OK, "{first}");

    // The registrar's "Send again": the very same JWE, the same answer, remembered once.
    let (status, again) = post(Some(&id), result).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again, first);
    let remembered = server()
        .handoffs_received()
        .iter()
        .filter(|h| h["onboardingId"] == id.as_str())
        .count();
    assert_eq!(remembered, 1);

    // Anything else for the spent id: the same bundle sealed again (a replay by someone who
    // holds a bundle for this id), or another bundle, sealed or not.
    let mut other = bundle(Some(&id));
    other["clientId"] = json!("11111111-2222-4333-8444-555555555555");
    let replays = [
        result_message(Some(&id), Some(seal_once()), Value::Null),
        result_message(Some(&id), None, bundle(Some(&id))),
        result_message(Some(&id), None, other),
    ];
    for replay in replays {
        let (status, answer) = post(Some(&id), replay).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert_eq!(
            answer["error"],
            format!("onboarding {id} already received its bundle")
        );
    }
}

#[tokio::test]
async fn an_unsealed_identical_repeat_gets_the_same_answer() {
    let id = issue().await;
    let result = result_message(Some(&id), None, bundle(Some(&id)));
    let (status, first) = post(Some(&id), result.clone()).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    // The same bundle, its members written in another order: the same bundle.
    let b = bundle(Some(&id));
    let reversed: Vec<String> = b
        .as_object()
        .unwrap()
        .iter()
        .rev()
        .map(|(k, v)| format!("{}:{v}", json!(k)))
        .collect();
    let mut body = json!({ "onboardingId": id, "result": result }).to_string();
    body = body.replace(&b.to_string(), &format!("{{{}}}", reversed.join(",")));
    assert!(!body.contains(&b.to_string()));
    let (status, _, again) = call(
        Request::post("/api/handoff")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again, first);
}

/// Flips one base64url character of part `index` of a compact JWE.
fn tamper(jwe: &str, index: usize) -> String {
    let mut parts: Vec<String> = jwe.split('.').map(String::from).collect();
    let part = &mut parts[index];
    let last = part.pop().unwrap_or('A');
    // Flip a middle character, so the part still decodes.
    let middle = part.len() / 2;
    let c = part.as_bytes()[middle];
    let flipped = if c == b'A' { 'B' } else { 'A' };
    part.replace_range(middle..=middle, &flipped.to_string());
    part.push(last);
    parts.join(".")
}

#[tokio::test]
async fn tampered_headers_and_ciphertexts_are_refused() {
    let (one, two) = (issue().await, issue().await);
    let jwe = seal_ecdh(
        &ec_public(),
        json!({ "onboardingId": one }),
        bundle(Some(&one)).to_string().as_bytes(),
    );
    // A header rewritten to name another onboarding (re-encoded, so it parses): the AAD differs.
    let mut parts: Vec<&str> = jwe.split('.').collect();
    let mut header: Value = serde_json::from_slice(&b64url_decode(parts[0]).unwrap()).unwrap();
    header["onboardingId"] = json!(two);
    let rewritten = b64url(header.to_string().as_bytes());
    parts[0] = &rewritten;
    let forged = parts.join(".");
    for bad in [forged, tamper(&jwe, 3), tamper(&jwe, 4), tamper(&jwe, 1)] {
        let onboarding = if bad.starts_with(&rewritten) {
            two.as_str()
        } else {
            one.as_str()
        };
        let (status, answer) = post(
            Some(onboarding),
            result_message(Some(onboarding), Some(bad), Value::Null),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        let error = answer["error"].as_str().unwrap_or_default();
        assert!(error.contains("cannot be opened"), "{error}");
    }
    let (status, answer) = post(
        Some(&one),
        result_message(Some(&one), Some("not.a.jwe".into()), Value::Null),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    // Refusals spend nothing: the genuine JWE is still taken.
    let (status, answer) = post(
        Some(&one),
        result_message(Some(&one), Some(jwe), Value::Null),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

#[tokio::test]
async fn a_bundle_sealed_for_another_onboarding_is_refused() {
    let (mine, other) = (issue().await, issue().await);
    let jwe = seal_ecdh(
        &ec_public(),
        json!({ "onboardingId": other }),
        bundle(Some(&other)).to_string().as_bytes(),
    );
    // The message claims the expected id; the sealed header says otherwise.
    let (status, answer) = post(
        Some(&mine),
        result_message(Some(&mine), Some(jwe), Value::Null),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let error = answer["error"].as_str().unwrap_or_default();
    assert!(
        error.contains(&format!("sealed bundle is for onboarding \"{other}\"")),
        "{error}"
    );
    // No onboarding id sealed in at all.
    let jwe = seal_ecdh(
        &ec_public(),
        json!({}),
        bundle(Some(&mine)).to_string().as_bytes(),
    );
    let (status, answer) = post(
        Some(&mine),
        result_message(Some(&mine), Some(jwe), Value::Null),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    // The message's id differs from the one the dashboard posts with.
    let (status, answer) = post(
        Some(&mine),
        result_message(Some(&other), None, bundle(Some(&mine))),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(
        answer["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("the result is for onboarding")),
        "{answer}"
    );
}

#[tokio::test]
async fn unknown_keys_and_malformed_bundles_are_refused_in_plain_words() {
    let issued = issue().await;
    let id = Some(issued.as_str());
    let mut other = ec_public();
    other["kid"] = json!("someone-else");
    let jwe = seal_ecdh(
        &other,
        json!({ "onboardingId": id }),
        bundle(id).to_string().as_bytes(),
    );
    let (status, answer) = post(id, result_message(id, Some(jwe), Value::Null)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["error"]
            .as_str()
            .is_some_and(|e| e.contains("not one of this server's keys")),
        "{answer}"
    );
    let mut wrong = bundle(id);
    wrong["clientId"] = json!("not-a-guid");
    let (status, answer) = post(id, result_message(id, None, wrong)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["error"], "the bundle's clientId is not a GUID");
    let mut wrong = bundle(id);
    wrong["format"] = json!("something-else");
    let (status, _) = post(id, result_message(id, None, wrong)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, answer) = post(id, json!({ "type": "m365-registrar.error" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer["error"].is_string());
    // Not JSON at all.
    let (status, _, answer) = call(
        Request::post("/api/handoff")
            .body(Body::from("secret=1"))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["error"], "the request body is not a JSON object");
}

/// RFC 7518 Appendix C: Z from Bob's key and Alice's ephemeral key, then the Concat KDF
/// (ECDH-ES with A128GCM, apu "Alice", apv "Bob", 128 bits).
#[test]
fn rfc7518_appendix_c_concat_kdf() {
    let d = |s: &str| b64url_decode(s).unwrap();
    let bob =
        p256::SecretKey::from_slice(&d("VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw")).unwrap();
    let alice = p256::EncodedPoint::from_affine_coordinates(
        p256::FieldBytes::from_slice(&d("gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0")),
        p256::FieldBytes::from_slice(&d("SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps")),
        false,
    );
    let alice = p256::PublicKey::from_encoded_point(&alice).unwrap();
    let z = p256::ecdh::diffie_hellman(bob.to_nonzero_scalar(), alice.as_affine());
    assert_eq!(
        z.raw_secret_bytes().as_slice(),
        [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49,
            110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196
        ]
    );
    let derived = concat_kdf(z.raw_secret_bytes(), "A128GCM", b"Alice", b"Bob", 128);
    assert_eq!(b64url(&derived), "VqqN6vgjbSBcIijNcacQGg");
}
