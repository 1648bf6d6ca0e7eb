//! Helpers for the sandbox tenant's tests: requests through `oneshot`, the sign-in dance, tokens.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http_body_util::BodyExt;
use sandbox_tenant::tenant::{self, FaultPlan, ManualClock, Tenant, TenantOptions, seed};
use serde_json::{Value, json};
use tower::ServiceExt;

pub const APP: &str = "http://app.localhost:8400";
pub const REDIRECT: &str = "http://app.localhost:8400/redirect.html";
pub const WEB_REDIRECT: &str = "http://dashboard.localhost:8400/callback";
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
pub const ADMIN_SCOPES: &str = "openid profile offline_access https://graph.microsoft.com/User.Read Application.ReadWrite.All AppRoleAssignment.ReadWrite.All DelegatedPermissionGrant.ReadWrite.All RoleManagement.ReadWrite.Directory Organization.Read.All Policy.Read.All User.Read.All Group.Read.All Sites.Read.All";

pub struct Env {
    pub tenant: Arc<Tenant>,
    pub clock: Arc<ManualClock>,
    pub login: Router,
    pub graph: Router,
    pub inspect: Router,
}

pub fn env_with(faults: &str) -> Env {
    let clock = Arc::new(ManualClock::new(SystemTime::now()));
    let plan = match FaultPlan::parse(faults) {
        Ok(p) => p,
        Err(e) => panic!("bad plan in test: {e}"),
    };
    let tenant = Tenant::new(TenantOptions {
        web_redirect_uris: vec![WEB_REDIRECT.into()],
        faults: plan,
        clock: clock.clone(),
        ..Default::default()
    });
    Env {
        login: tenant::login_router(tenant.clone()),
        graph: tenant::graph_router(tenant.clone()),
        inspect: tenant::inspection_router(tenant.clone()),
        tenant,
        clock,
    }
}

pub fn env() -> Env {
    env_with("")
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    pub fn header(&self, k: &str) -> Option<String> {
        self.headers
            .get(k)
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    }
    pub fn location(&self) -> String {
        self.header("location").unwrap_or_default()
    }
}

pub async fn send(router: &Router, req: Request<Body>) -> Resp {
    let resp = router.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_else(|_| b"<<dropped>>".to_vec());
    Resp {
        status,
        headers,
        body,
    }
}

pub fn enc(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

pub async fn get(router: &Router, uri: &str) -> Resp {
    send(router, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub async fn post_form(
    router: &Router,
    uri: &str,
    pairs: &[(&str, &str)],
    origin: Option<&str>,
) -> Resp {
    let mut b =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(o) = origin {
        b = b.header(header::ORIGIN, o);
    }
    send(router, b.body(Body::from(enc(pairs))).unwrap()).await
}

/// Extracts `name="ctx" value="…"` from a sign-in page.
pub fn ctx_of(html: &str) -> String {
    let i = html.find("name=\"ctx\" value=\"").expect("ctx field") + 18;
    html[i..i + html[i..].find('"').unwrap()].to_string()
}

pub fn authorize_uri(scopes: &str, extra: &[(&str, &str)]) -> String {
    let mut p = vec![
        ("client_id", seed::ONBOARDING_CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
        ("scope", scopes),
        ("state", "st-123"),
        ("nonce", "nonce-456"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ];
    for (k, v) in extra {
        p.retain(|(pk, _)| pk != k);
        if !v.is_empty() {
            p.push((k, v));
        }
    }
    format!("/organizations/oauth2/v2.0/authorize?{}", enc(&p))
}

/// Parameters of a redirect Location (query or fragment).
pub fn params(location: &str) -> HashMap<String, String> {
    let part = location
        .split_once('#')
        .map(|x| x.1)
        .or_else(|| location.split_once('?').map(|x| x.1))
        .unwrap_or("");
    form_urlencoded::parse(part.as_bytes())
        .into_owned()
        .collect()
}

/// Signs `upn` in up to the redirect (accepting consent on behalf of the organization when asked).
pub async fn sign_in_redirect(env: &Env, upn: &str, scopes: &str, extra: &[(&str, &str)]) -> Resp {
    let page = get(&env.login, &authorize_uri(scopes, extra)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let ctx = ctx_of(&page.text());
    let r = post_form(
        &env.login,
        "/organizations/oauth2/v2.0/authorize/select",
        &[("ctx", &ctx), ("upn", upn)],
        None,
    )
    .await;
    if r.status == StatusCode::OK && r.text().contains("id=\"accept\"") {
        let ctx = ctx_of(&r.text());
        return post_form(
            &env.login,
            "/organizations/oauth2/v2.0/authorize/consent",
            &[("ctx", &ctx), ("consent", "accept"), ("on_behalf", "1")],
            None,
        )
        .await;
    }
    r
}

pub async fn redeem(env: &Env, code: &str) -> Resp {
    post_form(
        &env.login,
        "/organizations/oauth2/v2.0/token",
        &[
            ("grant_type", "authorization_code"),
            ("client_id", seed::ONBOARDING_CLIENT_ID),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ],
        Some(APP),
    )
    .await
}

/// The full sign-in: returns the token response.
pub async fn sign_in(env: &Env, upn: &str, scopes: &str) -> Value {
    let r = sign_in_redirect(env, upn, scopes, &[]).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    let p = params(&r.location());
    let code = p
        .get("code")
        .unwrap_or_else(|| panic!("no code in {}", r.location()));
    let t = redeem(env, code).await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.text());
    t.json()
}

pub async fn token_for(env: &Env, upn: &str) -> String {
    sign_in(env, upn, ADMIN_SCOPES).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

pub fn claims(jwt: &str) -> Value {
    let part = jwt.split('.').nth(1).expect("jwt");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("b64")).expect("json")
}

pub async fn graph(env: &Env, method: &str, path: &str, token: &str, body: Option<Value>) -> Resp {
    graph_h(env, method, path, token, body, &[]).await
}

pub async fn graph_h(
    env: &Env,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Resp {
    let mut b = Request::builder()
        .method(method)
        .uri(format!("/v1.0{path}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let body = match body {
        Some(v) => {
            b = b.header(header::CONTENT_TYPE, "application/json");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    send(&env.graph, b.body(body).unwrap()).await
}

pub async fn create_app(env: &Env, token: &str, name: &str) -> Value {
    let r = graph(
        env,
        "POST",
        "/applications",
        token,
        Some(json!({ "displayName": name, "signInAudience": "AzureADMyOrg" })),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()
}

pub async fn sp_of(env: &Env, token: &str, app_id: &str) -> Value {
    let r = graph(env, "GET", &format!("/servicePrincipals?$filter=appId%20eq%20'{app_id}'&$select=id,appId,appRoles,oauth2PermissionScopes"), token, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["value"][0].clone()
}

pub fn role_id(sp: &Value, value: &str) -> String {
    sp["appRoles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["value"] == value)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub fn advance(env: &Env, secs: u64) {
    env.clock.advance(Duration::from_secs(secs));
}

pub fn error_code(r: &Resp) -> String {
    r.json()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}
