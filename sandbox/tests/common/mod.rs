//! Helpers for the sandbox tenant's tests: requests through `oneshot`, the sign-in dance, tokens.
#![allow(dead_code)]

pub mod certs;

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
/// The token endpoint every grant posts to.
pub const TOKEN: &str = "/organizations/oauth2/v2.0/token";
/// The `.default` scope of Microsoft Graph (client credentials).
pub const GRAPH_DEFAULT: &str = "https://graph.microsoft.com/.default";
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

/// POSTs `pairs` to the token endpoint, cross-origin from `origin` when given.
pub async fn post_token(env: &Env, pairs: &[(&str, &str)], origin: Option<&str>) -> Resp {
    post_form(&env.login, TOKEN, pairs, origin).await
}

/// A CORS preflight of a POST to `uri` from `origin` that asks to send `request_headers`.
pub async fn preflight(router: &Router, uri: &str, origin: &str, request_headers: &str) -> Resp {
    send(
        router,
        Request::options(uri)
            .header(header::ORIGIN, origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", request_headers)
            .body(Body::empty())
            .unwrap(),
    )
    .await
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

/// Picks `upn` on the sign-in page `page_html` (posting back its `ctx`).
pub async fn select_account(env: &Env, page_html: &str, upn: &str) -> Resp {
    post_form(
        &env.login,
        "/organizations/oauth2/v2.0/authorize/select",
        &[("ctx", &ctx_of(page_html)), ("upn", upn)],
        None,
    )
    .await
}

/// Opens the sign-in page for `scopes` and picks `upn` on it.
pub async fn pick_account(env: &Env, scopes: &str, upn: &str) -> Resp {
    let page = get(&env.login, &authorize_uri(scopes, &[])).await;
    select_account(env, &page.text(), upn).await
}

/// Answers the consent page `page_html` with `fields` (its `ctx` is added).
pub async fn answer_consent(env: &Env, page_html: &str, fields: &[(&str, &str)]) -> Resp {
    let ctx = ctx_of(page_html);
    let mut pairs = vec![("ctx", ctx.as_str())];
    pairs.extend_from_slice(fields);
    post_form(
        &env.login,
        "/organizations/oauth2/v2.0/authorize/consent",
        &pairs,
        None,
    )
    .await
}

/// Signs `upn` in up to the redirect (accepting consent on behalf of the organization when asked).
pub async fn sign_in_redirect(env: &Env, upn: &str, scopes: &str, extra: &[(&str, &str)]) -> Resp {
    let page = get(&env.login, &authorize_uri(scopes, extra)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let r = select_account(env, &page.text(), upn).await;
    if r.status == StatusCode::OK && r.text().contains("id=\"accept\"") {
        return answer_consent(env, &r.text(), &[("consent", "accept"), ("on_behalf", "1")]).await;
    }
    r
}

/// The code of a sign-in's redirect.
pub fn code_of(r: &Resp) -> String {
    params(&r.location())["code"].clone()
}

/// Redeems `code` as the app does: SPA redirect URI, cross-origin from the app.
pub async fn redeem(env: &Env, code: &str) -> Resp {
    redeem_with(env, code, REDIRECT, Some(APP)).await
}

/// Redeems `code` (with the PKCE verifier) for `redirect_uri`, from `origin` when given.
pub async fn redeem_with(env: &Env, code: &str, redirect_uri: &str, origin: Option<&str>) -> Resp {
    post_token(
        env,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", seed::ONBOARDING_CLIENT_ID),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", VERIFIER),
        ],
        origin,
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

/// The `n`th JSON part of a JWT: 0 is the header, 1 the claims.
pub fn jwt_part(jwt: &str, n: usize) -> Value {
    let part = jwt.split('.').nth(n).expect("jwt");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("b64")).expect("json")
}

pub fn claims(jwt: &str) -> Value {
    jwt_part(jwt, 1)
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

/// GET `path` and its JSON body.
pub async fn graph_json(env: &Env, path: &str, token: &str) -> Value {
    graph(env, "GET", path, token, None).await.json()
}

/// POST /oauth2PermissionGrants: a delegated permission grant.
pub async fn grant_delegated(env: &Env, token: &str, grant: Value) -> Resp {
    graph(env, "POST", "/oauth2PermissionGrants", token, Some(grant)).await
}

/// PATCH the application `app` (as created) with `changes`.
pub async fn patch_app(env: &Env, token: &str, app: &Value, changes: Value) -> Resp {
    let path = format!("/applications/{}", app["id"].as_str().unwrap());
    graph(env, "PATCH", &path, token, Some(changes)).await
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

/// POST /servicePrincipals: the service principal of `app_id`.
pub async fn create_sp(env: &Env, token: &str, app_id: &Value) -> Resp {
    graph(
        env,
        "POST",
        "/servicePrincipals",
        token,
        Some(json!({ "appId": app_id })),
    )
    .await
}

/// Grants `sp_id` the app role `role` of the service principal `resource`.
pub async fn assign_app_role(
    env: &Env,
    token: &str,
    sp_id: &str,
    resource: &Value,
    role: &str,
) -> Resp {
    graph(
        env,
        "POST",
        &format!("/servicePrincipals/{sp_id}/appRoleAssignments"),
        token,
        Some(json!({ "principalId": sp_id, "resourceId": resource["id"], "appRoleId": role_id(resource, role) })),
    )
    .await
}

/// POST …/addPassword of the application `app_object_id` with this `passwordCredential`.
pub async fn add_password(env: &Env, token: &str, app_object_id: &str, credential: Value) -> Resp {
    graph(
        env,
        "POST",
        &format!("/applications/{app_object_id}/addPassword"),
        token,
        Some(json!({ "passwordCredential": credential })),
    )
    .await
}

/// Assigns `principal_id` the Exchange Administrator directory role, tenant-wide.
pub async fn assign_directory_role(env: &Env, token: &str, principal_id: &str) -> Resp {
    graph(
        env,
        "POST",
        "/roleManagement/directory/roleAssignments",
        token,
        Some(json!({ "principalId": principal_id, "roleDefinitionId": "29232cdf-9323-42fd-ade2-1d097af3e4de", "directoryScopeId": "/" })),
    )
    .await
}

/// The tenant's default app management policy.
pub async fn app_policy(env: &Env, token: &str) -> Value {
    graph(
        env,
        "GET",
        "/policies/defaultAppManagementPolicy",
        token,
        None,
    )
    .await
    .json()
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

/// The Graph path (after `/v1.0`) of an absolute `@odata.nextLink` on the sandbox's Graph host.
pub fn next_path(link: &str) -> String {
    let prefix = "http://graph.localhost:8400/v1.0";
    assert!(
        link.starts_with(prefix),
        "nextLink on the Graph host: {link}"
    );
    link[prefix.len()..].to_string()
}

/// GETs `path` and every following page; returns all items and the number of pages.
pub async fn get_all(env: &Env, token: &str, path: &str) -> (Vec<Value>, usize) {
    let mut items = vec![];
    let mut pages = 0;
    let mut next = Some(path.to_string());
    while let Some(p) = next {
        let r = graph(env, "GET", &p, token, None).await;
        assert_eq!(r.status, StatusCode::OK, "{p}: {}", r.text());
        let body = r.json();
        items.extend(body["value"].as_array().cloned().unwrap_or_default());
        pages += 1;
        next = body["@odata.nextLink"].as_str().map(next_path);
        assert!(pages < 100, "endless paging");
    }
    (items, pages)
}

/// POST /$batch with these `requests`.
pub async fn batch(env: &Env, token: &str, requests: Value) -> Resp {
    graph(
        env,
        "POST",
        "/$batch",
        token,
        Some(json!({ "requests": requests })),
    )
    .await
}

/// A `$batch` part without body.
pub fn part(id: &str, method: &str, url: &str) -> Value {
    json!({ "id": id, "method": method, "url": url })
}

/// The Graph error message of a response.
pub fn error_message(r: &Resp) -> String {
    r.json()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Creates an app and its service principal as the Global Administrator: (app, sp id).
pub async fn app_with_sp(env: &Env, token: &str, name: &str) -> (Value, String) {
    let app = create_app(env, token, name).await;
    let sp = create_sp(env, token, &app["appId"]).await;
    assert_eq!(sp.status, StatusCode::CREATED, "{}", sp.text());
    (app, sp.json()["id"].as_str().unwrap().to_string())
}
