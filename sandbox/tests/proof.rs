//! $batch, faults, the client-credentials proof (secret and certificate) and inspection.

mod common;

use std::str::FromStr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::*;
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use sandbox_tenant::tenant::seed;
use serde_json::{Value, json};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::Encode;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;

const GRAPH: &str = "00000003-0000-0000-c000-000000000000";

// ---------- $batch ----------

#[tokio::test]
async fn batch_limits_and_failed_dependencies() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let many: Vec<Value> = (1..=21)
        .map(|i| part(&i.to_string(), "GET", "/me"))
        .collect();
    let r = batch(&env, &token, json!(many)).await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "21 requests are too many"
    );
    let twenty: Vec<Value> = (1..=20)
        .map(|i| part(&i.to_string(), "GET", "/me"))
        .collect();
    let r = batch(&env, &token, json!(twenty)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["responses"].as_array().unwrap().len(), 20);
    let r = batch(
        &env,
        &token,
        json!([part("1", "GET", "/me"), part("1", "GET", "/organization")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "ids must be unique");
    let r = batch(&env, &token, json!([{ "id": "1", "method": "POST", "url": "/applications", "body": { "displayName": "x" } }])).await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "a write needs a Content-Type header: {}",
        r.text()
    );
    let mut dependent = part("2", "GET", "/organization");
    dependent["dependsOn"] = json!(["1"]);
    let mut unknown = part("4", "GET", "/me");
    unknown["dependsOn"] = json!(["9"]);
    let r = batch(&env, &token, json!([part("1", "GET", "/me"), unknown])).await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "dependsOn must name a request of the batch"
    );
    // Fully sequential: a failed request fails its dependents with 424.
    let r = batch(
        &env,
        &token,
        json!([
            part(
                "1",
                "GET",
                "/applications/00000000-0000-0000-0000-00000000dead"
            ),
            dependent
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let res = r.json()["responses"].as_array().unwrap().clone();
    let by_id = |id: &str| res.iter().find(|x| x["id"] == id).unwrap().clone();
    assert_eq!(by_id("1")["status"], 404);
    assert_eq!(
        by_id("1")["body"]["error"]["code"],
        "Request_ResourceNotFound"
    );
    assert_eq!(by_id("2")["status"], 424);
    // Fully parallel.
    let r = batch(&env, &token, json!([
            { "id": "3", "method": "POST", "url": "applications", "headers": { "Content-Type": "application/json" }, "body": { "displayName": "Batched" } },
            part("5", "GET", "https://graph.microsoft.com/v1.0/me"),
        ])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let res = r.json()["responses"].as_array().unwrap().clone();
    let by_id = |id: &str| res.iter().find(|x| x["id"] == id).unwrap().clone();
    assert_eq!(by_id("3")["status"], 201);
    assert_eq!(by_id("3")["body"]["displayName"], "Batched");
    assert_eq!(by_id("5")["status"], 400, "relative URLs only");
}

#[tokio::test]
async fn batch_parts_are_faulted_on_their_own() {
    let env = env_with("429@GET /organization#1");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = batch(
        &env,
        &token,
        json!([
            part("a", "GET", "/organization"),
            part("b", "GET", "/organization")
        ]),
    )
    .await;
    let res = r.json()["responses"].as_array().unwrap().clone();
    let by_id = |id: &str| res.iter().find(|x| x["id"] == id).unwrap().clone();
    assert_eq!(by_id("a")["status"], 429);
    assert_eq!(by_id("a")["headers"]["retry-after"], "1");
    assert_eq!(by_id("b")["status"], 200);
}

// ---------- faults ----------

#[tokio::test]
async fn nth_call_faults_with_and_without_retry_after() {
    let env = env_with(
        "429@GET /organization#1; 429(no-retry-after)@GET /organization#2; 503(retry-after=7)@GET /me#2; 504@GET /me#3",
    );
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = graph(&env, "GET", "/organization", &token, None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    assert_eq!(error_code(&r), "TooManyRequests");
    let r = graph(&env, "GET", "/organization", &token, None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.header("retry-after").is_none());
    assert_eq!(
        graph(&env, "GET", "/organization", &token, None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        graph(&env, "GET", "/me", &token, None).await.status,
        StatusCode::OK
    );
    let r = graph(&env, "GET", "/me", &token, None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.header("retry-after").as_deref(), Some("7"));
    assert_eq!(
        graph(&env, "GET", "/me", &token, None).await.status,
        StatusCode::GATEWAY_TIMEOUT
    );
    assert_eq!(
        graph(&env, "GET", "/me", &token, None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn latency_random_faults_and_sign_in_faults() {
    let env = env_with("latency=150ms@GET /organization; seed=3");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let t = Instant::now();
    assert_eq!(
        graph(&env, "GET", "/organization", &token, None)
            .await
            .status,
        StatusCode::OK
    );
    assert!(t.elapsed() >= Duration::from_millis(150));

    let env = env_with("seed=3;random-503=1");
    let r = graph(&env, "GET", "/organization", "x", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);

    let env = env_with("503@POST /*/oauth2/v2.0/token#1");
    let r = sign_in_redirect(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES, &[]).await;
    let code = code_of(&r);
    let t = redeem(&env, &code).await;
    assert_eq!(t.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(t.json()["error"], "temporarily_unavailable");
    assert_eq!(
        redeem(&env, &code).await.status,
        StatusCode::OK,
        "the code was not consumed by the fault"
    );
}

#[tokio::test]
async fn dropped_connection_has_no_response_body() {
    let env = env_with("drop@GET /organization#1");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = graph(&env, "GET", "/organization", &token, None).await;
    assert_eq!(r.text(), "<<dropped>>");
    assert_eq!(
        graph(&env, "GET", "/organization", &token, None)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn dropped_connection_over_loopback_closes_without_a_response() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let env = env_with("drop@GET /organization#1");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = env.graph.clone();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let request =
        "GET /v1.0/organization HTTP/1.1\r\nHost: graph.localhost\r\nConnection: close\r\n\r\n";
    let read = |req: &'static str| async move {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(req.as_bytes()).await.unwrap();
        let mut buf = vec![];
        let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf))
            .await
            .expect("server answered or closed");
        buf
    };
    let first = read(request).await;
    assert!(
        first.is_empty(),
        "expected no bytes, got {:?}",
        String::from_utf8_lossy(&first)
    );
    let second = read(request).await;
    assert!(
        String::from_utf8_lossy(&second).starts_with("HTTP/1.1 401"),
        "{}",
        String::from_utf8_lossy(&second)
    );
    server.abort();
}

// ---------- client credentials proof ----------

struct Registered {
    app_object_id: String,
    app_id: String,
    admin: String,
}

async fn register(env: &Env, roles: &[&str], key_credentials: Option<Value>) -> Registered {
    let admin = token_for(env, seed::GLOBAL_ADMIN).await;
    let mut body = json!({ "displayName": "Backup proof", "signInAudience": "AzureADMyOrg" });
    if let Some(k) = key_credentials {
        body["keyCredentials"] = k;
    }
    let r = graph(env, "POST", "/applications", &admin, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let app = r.json();
    let app_id = app["appId"].as_str().unwrap().to_string();
    let sp = create_sp(env, &admin, &app["appId"]).await.json();
    let graph_sp = sp_of(env, &admin, GRAPH).await;
    for role in roles {
        let r = assign_app_role(env, &admin, sp["id"].as_str().unwrap(), &graph_sp, role).await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    Registered {
        app_object_id: app["id"].as_str().unwrap().to_string(),
        app_id,
        admin,
    }
}

async fn add_secret(env: &Env, reg: &Registered, end: Option<&str>) -> Value {
    let mut pc = json!({ "displayName": "backup proof" });
    if let Some(e) = end {
        pc["endDateTime"] = json!(e);
    }
    let r = add_password(env, &reg.admin, &reg.app_object_id, pc).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

async fn secret_token(env: &Env, app_id: &str, secret: &str, scope: &str) -> Resp {
    post_token(
        env,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", app_id),
            ("client_secret", secret),
            ("scope", scope),
        ],
        None,
    )
    .await
}

#[tokio::test]
async fn client_credentials_with_a_secret_carry_the_granted_roles() {
    let env = env();
    let reg = register(&env, &["Mail.ReadWrite", "Sites.FullControl.All"], None).await;
    let secret = add_secret(&env, &reg, None).await["secretText"]
        .as_str()
        .unwrap()
        .to_string();
    for scope in [GRAPH_DEFAULT, "http://graph.localhost:8400/.default"] {
        let r = secret_token(&env, &reg.app_id, &secret, scope).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let c = claims(r.json()["access_token"].as_str().unwrap());
        let roles: Vec<&str> = c["roles"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            roles.contains(&"Mail.ReadWrite") && roles.contains(&"Sites.FullControl.All"),
            "{roles:?}"
        );
        assert_eq!(c["appid"], reg.app_id.as_str());
        assert_eq!(c["appidacr"], "1");
    }
    let app_token = claims_token(&secret_token(&env, &reg.app_id, &secret, GRAPH_DEFAULT).await);
    assert_eq!(
        graph(&env, "GET", "/sites?search=*", &app_token, None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        graph(&env, "GET", "/applications", &app_token, None)
            .await
            .status,
        StatusCode::FORBIDDEN,
        "no Application.Read.All role"
    );
    let r = secret_token(&env, &reg.app_id, "wrong-secret", GRAPH_DEFAULT).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["error_codes"][0], 7000215);
    let r = secret_token(
        &env,
        &reg.app_id,
        &secret,
        "https://graph.microsoft.com/User.Read",
    )
    .await;
    assert_eq!(r.json()["error_codes"][0], 1002012);
    let r = secret_token(
        &env,
        "11111111-1111-1111-1111-111111111111",
        &secret,
        GRAPH_DEFAULT,
    )
    .await;
    assert_eq!(r.json()["error_codes"][0], 700016);
}

fn claims_token(r: &Resp) -> String {
    r.json()["access_token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn secrets_expire_and_propagate() {
    let env = env_with("secret-propagation=10s");
    let reg = register(&env, &[], None).await;
    let end = sandbox_tenant::tenant::clock::iso(env.tenant.now() + Duration::from_secs(3600));
    let secret = add_secret(&env, &reg, Some(&end)).await["secretText"]
        .as_str()
        .unwrap()
        .to_string();
    let r = secret_token(&env, &reg.app_id, &secret, GRAPH_DEFAULT).await;
    assert_eq!(r.json()["error_codes"][0], 7000215, "not yet propagated");
    advance(&env, 11);
    let r = secret_token(&env, &reg.app_id, &secret, GRAPH_DEFAULT).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(
        claims(r.json()["access_token"].as_str().unwrap())
            .get("roles")
            .is_none(),
        "no roles granted"
    );
    advance(&env, 3600);
    let r = secret_token(&env, &reg.app_id, &secret, GRAPH_DEFAULT).await;
    assert_eq!(r.json()["error_codes"][0], 7000222);
}

#[tokio::test]
async fn app_without_service_principal_is_refused() {
    let env = env();
    let admin = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &admin, "No SP").await;
    let r = graph(
        &env,
        "POST",
        &format!("/applications/{}/addPassword", app["id"].as_str().unwrap()),
        &admin,
        Some(json!({})),
    )
    .await;
    let secret = r.json()["secretText"].as_str().unwrap().to_string();
    let r = secret_token(&env, app["appId"].as_str().unwrap(), &secret, GRAPH_DEFAULT).await;
    assert_eq!(r.json()["error_codes"][0], 7000229, "{}", r.text());
}

struct TestCert {
    key: RsaPrivateKey,
    der: Vec<u8>,
}

fn new_cert(cn: &str) -> TestCert {
    let mut rng = rand::thread_rng();
    let key = RsaPrivateKey::new(&mut rng, 2048).unwrap();
    let signer = SigningKey::<Sha256>::new(key.clone());
    let spki = SubjectPublicKeyInfoOwned::from_key(key.to_public_key()).unwrap();
    let builder = CertificateBuilder::new(
        Profile::Root,
        SerialNumber::from(42u32),
        Validity::from_now(Duration::from_secs(365 * 86_400)).unwrap(),
        Name::from_str(&format!("CN={cn}")).unwrap(),
        spki,
        &signer,
    )
    .unwrap();
    let cert = builder.build::<rsa::pkcs1v15::Signature>().unwrap();
    TestCert {
        key,
        der: cert.to_der().unwrap(),
    }
}

fn certs() -> &'static (TestCert, TestCert) {
    static C: OnceLock<(TestCert, TestCert)> = OnceLock::new();
    C.get_or_init(|| (new_cert("Backup Proof"), new_cert("Impostor")))
}

fn assertion(
    signing: &RsaPrivateKey,
    thumb_der: &[u8],
    app_id: &str,
    aud: &str,
    exp_offset: i64,
    now: i64,
) -> String {
    let header = json!({ "alg": "RS256", "typ": "JWT", "x5t": URL_SAFE_NO_PAD.encode(Sha1::digest(thumb_der)) });
    let claims = json!({ "aud": aud, "iss": app_id, "sub": app_id, "jti": "j-1", "nbf": now - 5, "iat": now - 5, "exp": now + exp_offset });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let sig = SigningKey::<Sha256>::new(signing.clone()).sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
}

async fn cert_token(env: &Env, app_id: &str, jwt: &str) -> Resp {
    post_token(
        env,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", app_id),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", jwt),
            ("scope", GRAPH_DEFAULT),
        ],
        None,
    )
    .await
}

#[tokio::test]
async fn client_credentials_with_a_certificate() {
    let env = env();
    let (cert, impostor) = certs();
    let kc = json!([{ "type": "AsymmetricX509Cert", "usage": "Verify", "key": STANDARD.encode(&cert.der), "displayName": "CN=Backup Proof" }]);
    let reg = register(&env, &["Mail.ReadWrite"], Some(kc)).await;
    let app = graph_json(
        &env,
        &format!("/applications/{}", reg.app_object_id),
        &reg.admin,
    )
    .await;
    assert_eq!(
        app["keyCredentials"][0]["key"],
        Value::Null,
        "reads never return the key"
    );
    let now = sandbox_tenant::tenant::clock::unix(env.tenant.now());
    let aud = format!(
        "http://login.localhost:8400/{}/oauth2/v2.0/token",
        seed::TENANT_ID
    );
    let r = cert_token(
        &env,
        &reg.app_id,
        &assertion(&cert.key, &cert.der, &reg.app_id, &aud, 600, now),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let c = claims(r.json()["access_token"].as_str().unwrap());
    assert_eq!(c["appidacr"], "2");
    assert_eq!(c["roles"][0], "Mail.ReadWrite");
    // Signed by another key under the same thumbprint.
    let r = cert_token(
        &env,
        &reg.app_id,
        &assertion(&impostor.key, &cert.der, &reg.app_id, &aud, 600, now),
    )
    .await;
    assert_eq!(r.json()["error_codes"][0], 700027, "{}", r.text());
    // An unknown certificate.
    let r = cert_token(
        &env,
        &reg.app_id,
        &assertion(&impostor.key, &impostor.der, &reg.app_id, &aud, 600, now),
    )
    .await;
    assert_eq!(r.json()["error_codes"][0], 700027);
    // Expired assertion.
    let r = cert_token(
        &env,
        &reg.app_id,
        &assertion(&cert.key, &cert.der, &reg.app_id, &aud, -600, now),
    )
    .await;
    assert_eq!(r.json()["error_codes"][0], 700024);
    // Wrong audience.
    let r = cert_token(
        &env,
        &reg.app_id,
        &assertion(
            &cert.key,
            &cert.der,
            &reg.app_id,
            "https://example.com/token",
            600,
            now,
        ),
    )
    .await;
    assert_eq!(r.status.as_u16() / 100, 4);
    assert!(r.json()["access_token"].is_null());
    // A certificate that is not base64 DER is refused at registration.
    let bad = graph(
        &env,
        "POST",
        "/applications",
        &reg.admin,
        Some(json!({ "displayName": "x", "keyCredentials": [{ "type": "AsymmetricX509Cert", "usage": "Verify", "key": "bm90IGEgY2VydA==" }] })),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

// ---------- inspection ----------

#[tokio::test]
async fn inspection_shows_hashes_never_secret_values() {
    let env = env();
    let (cert, _) = certs();
    let kc = json!([{ "type": "AsymmetricX509Cert", "usage": "Verify", "key": STANDARD.encode(&cert.der) }]);
    let reg = register(&env, &["Mail.ReadWrite"], Some(kc)).await;
    let p = graph(
        &env,
        "PATCH",
        &format!("/applications/{}", reg.app_object_id),
        &reg.admin,
        Some(json!({ "displayName": "<img src=x onerror=alert(1)>" })),
    )
    .await;
    assert_eq!(p.status, StatusCode::NO_CONTENT);
    let secret = add_secret(&env, &reg, None).await["secretText"]
        .as_str()
        .unwrap()
        .to_string();
    let hash: String = Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let state = get(&env.inspect, "/api/state").await;
    assert_eq!(state.status, StatusCode::OK);
    let text = state.text();
    assert!(!text.contains(&secret));
    assert!(text.contains(&hash));
    let s = state.json();
    let app = s["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["appId"] == reg.app_id.as_str())
        .unwrap()
        .clone();
    let tp: String = Sha1::digest(&cert.der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    assert_eq!(app["certificates"][0]["thumbprintSha1"], tp);
    assert_eq!(s["appRoleAssignments"][0]["permission"], "Mail.ReadWrite");
    let html = get(&env.inspect, "/").await.text();
    assert!(!html.contains(&secret));
    assert!(html.contains(&hash));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}
