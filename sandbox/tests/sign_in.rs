//! Entra ID v2.0 sign-in: authorize, consent, token endpoint, PKCE, CORS, error shapes.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::entra::token::s256;
use sandbox_tenant::tenant::seed;

#[test]
fn pkce_matches_rfc7636_appendix_b() {
    assert_eq!(s256(VERIFIER), CHALLENGE);
}

#[tokio::test]
async fn sign_in_page_lists_users_escaped_and_refuses_framing() {
    let env = env();
    let page = get(&env.login, &authorize_uri(ADMIN_SCOPES, &[])).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("x-frame-options").as_deref(), Some("DENY"));
    assert_eq!(
        page.header("cross-origin-opener-policy").as_deref(),
        Some("same-origin")
    );
    assert!(page.header("access-control-allow-origin").is_none());
    let html = page.text();
    for upn in [
        seed::GLOBAL_ADMIN,
        seed::PRIVILEGED_ROLE_ADMIN,
        seed::APPLICATION_ADMIN,
        seed::PLAIN_USER,
        seed::PERSONAL_ACCOUNT,
    ] {
        assert!(
            html.contains(&format!("data-upn=\"{upn}\"")),
            "{upn} missing"
        );
    }
    assert!(html.contains("data-upn=\"gwen_fabrikam.example#EXT#@"));
    assert!(
        !html.contains("<img src=x onerror"),
        "hostile markup must be escaped"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[tokio::test]
async fn global_admin_signs_in_with_pkce_and_gets_real_tokens() {
    let env = env();
    let r = sign_in_redirect(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES, &[]).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let loc = r.location();
    assert!(
        loc.starts_with(&format!("{REDIRECT}?")),
        "default response_mode is query: {loc}"
    );
    let p = params(&loc);
    assert_eq!(p["state"], "st-123");
    let t = redeem(&env, &p["code"]).await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.text());
    assert_eq!(
        t.header("access-control-allow-origin").as_deref(),
        Some(APP)
    );
    let body = t.json();
    assert_eq!(body["token_type"], "Bearer");
    assert!(
        body["refresh_token"].is_string(),
        "offline_access was asked"
    );
    assert_eq!(body["refresh_token_expires_in"], 86400);
    let id = claims(body["id_token"].as_str().unwrap());
    assert_eq!(
        id["iss"],
        format!("http://login.localhost:8400/{}/v2.0", seed::TENANT_ID)
    );
    assert_eq!(id["aud"], seed::ONBOARDING_CLIENT_ID);
    assert_eq!(id["nonce"], "nonce-456");
    assert_eq!(id["tid"], seed::TENANT_ID);
    assert_eq!(id["preferred_username"], seed::GLOBAL_ADMIN);
    assert!(id["oid"].is_string() && id["name"].is_string());
    let (iat, exp, nbf) = (
        id["iat"].as_i64().unwrap(),
        id["exp"].as_i64().unwrap(),
        id["nbf"].as_i64().unwrap(),
    );
    assert!(nbf <= iat && exp > iat);
    let header = jwt_part(body["id_token"].as_str().unwrap(), 0);
    assert_eq!(header["alg"], "RS256");
    let at = claims(body["access_token"].as_str().unwrap());
    let scp = at["scp"].as_str().unwrap();
    assert!(
        scp.split(' ').any(|s| s == "Application.ReadWrite.All"),
        "{scp}"
    );
    assert!(
        scp.split(' ').any(|s| s == "User.Read"),
        "prefixed scope normalised: {scp}"
    );
    assert!(
        at["wids"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "62e90394-69f5-4237-9190-012177145e10")
    );
}

#[tokio::test]
async fn fragment_response_mode_and_graph_base_prefixed_scopes() {
    let env = env();
    let r = sign_in_redirect(
        &env,
        seed::GLOBAL_ADMIN,
        "openid http://graph.localhost:8400/User.Read",
        &[("response_mode", "fragment")],
    )
    .await;
    assert!(
        r.location().starts_with(&format!("{REDIRECT}#code=")),
        "{}",
        r.location()
    );
}

#[tokio::test]
async fn redirect_uri_mismatch_is_an_error_page_never_a_redirect() {
    let env = env();
    for bad in [
        "http://app.localhost:8400/redirect.html/",
        "http://evil.localhost:8400/redirect.html",
        "HTTP://app.localhost:8400/redirect.html",
    ] {
        let r = get(
            &env.login,
            &authorize_uri(ADMIN_SCOPES, &[("redirect_uri", bad)]),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.header("location").is_none());
        assert!(r.text().contains("AADSTS50011"), "{}", r.text());
        assert_eq!(r.header("x-frame-options").as_deref(), Some("DENY"));
    }
}

#[tokio::test]
async fn unknown_client_gets_700016_page() {
    let env = env();
    let r = get(
        &env.login,
        &authorize_uri(
            ADMIN_SCOPES,
            &[("client_id", "11111111-2222-3333-4444-555555555555")],
        ),
    )
    .await;
    assert!(r.header("location").is_none());
    assert!(r.text().contains("AADSTS700016"));
}

#[tokio::test]
async fn unknown_tenant_and_plain_pkce_and_bad_scope_are_refused() {
    let env = env();
    let r = get(
        &env.login,
        &authorize_uri(ADMIN_SCOPES, &[]).replace("/organizations/", "/contoso.example/"),
    )
    .await;
    assert!(r.text().contains("AADSTS90002"));
    let r = get(
        &env.login,
        &authorize_uri(
            ADMIN_SCOPES,
            &[
                ("code_challenge_method", "plain"),
                ("code_challenge", VERIFIER),
            ],
        ),
    )
    .await;
    let p = params(&r.location());
    assert_eq!(p["error"], "invalid_request");
    assert_eq!(p["state"], "st-123");
    let r = get(&env.login, &authorize_uri("openid Mail.Teleport.All", &[])).await;
    let p = params(&r.location());
    assert_eq!(p["error"], "invalid_scope");
    assert!(p["error_description"].starts_with("AADSTS70011:"));
    let r = get(
        &env.login,
        &authorize_uri(ADMIN_SCOPES, &[("response_type", "token")]),
    )
    .await;
    assert_eq!(params(&r.location())["error"], "unsupported_response_type");
    let r = get(
        &env.login,
        &authorize_uri(ADMIN_SCOPES, &[("prompt", "none")]),
    )
    .await;
    assert_eq!(params(&r.location())["error"], "login_required");
}

#[tokio::test]
async fn tenant_id_and_domain_segments_are_accepted() {
    let env = env();
    for seg in [seed::TENANT_ID, seed::TENANT_DOMAIN, "common"] {
        let r = get(
            &env.login,
            &authorize_uri(ADMIN_SCOPES, &[]).replace("/organizations/", &format!("/{seg}/")),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{seg}");
    }
}

#[tokio::test]
async fn code_is_single_use_with_entra_error_shape() {
    let env = env();
    let r = sign_in_redirect(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES, &[]).await;
    let code = code_of(&r);
    assert_eq!(redeem(&env, &code).await.status, StatusCode::OK);
    let again = redeem(&env, &code).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    let e = again.json();
    assert_eq!(e["error"], "invalid_grant");
    assert_eq!(e["error_codes"][0], 54005);
    let d = e["error_description"].as_str().unwrap();
    assert!(d.starts_with("AADSTS54005: "), "{d}");
    assert!(
        d.contains("Trace ID: ") && d.contains("Correlation ID: ") && d.contains("Timestamp: "),
        "{d}"
    );
    for k in ["timestamp", "trace_id", "correlation_id", "error_uri"] {
        assert!(e[k].is_string(), "{k}");
    }
}

#[tokio::test]
async fn code_expires() {
    let env = env();
    let r = sign_in_redirect(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES, &[]).await;
    let code = code_of(&r);
    advance(&env, 11 * 60);
    let t = redeem(&env, &code).await;
    assert_eq!(t.json()["error_codes"][0], 70008, "{}", t.text());
}

#[tokio::test]
async fn wrong_or_missing_verifier_is_refused() {
    let env = env();
    let r = sign_in_redirect(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES, &[]).await;
    let code = code_of(&r);
    let base = [
        ("grant_type", "authorization_code"),
        ("client_id", seed::ONBOARDING_CLIENT_ID),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let mut wrong = base.to_vec();
    wrong.push((
        "code_verifier",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ));
    let t = post_token(&env, &wrong, Some(APP)).await;
    assert_eq!(t.json()["error_codes"][0], 50148);
    let t = post_token(&env, &base, Some(APP)).await;
    assert_eq!(t.json()["error_codes"][0], 900144);
    // The code survives failed attempts and still works with the right verifier.
    assert_eq!(redeem(&env, &code).await.status, StatusCode::OK);
}

#[tokio::test]
async fn token_endpoint_cors_rules() {
    let env = env();
    // Preflight.
    let pre = preflight(&env.login, TOKEN, APP, "content-type").await;
    assert_eq!(pre.status, StatusCode::OK);
    assert_eq!(
        pre.header("access-control-allow-origin").as_deref(),
        Some(APP)
    );
    // A SPA code redeemed without Origin.
    let r = sign_in_redirect(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES, &[]).await;
    let t = redeem_with(&env, &code_of(&r), REDIRECT, None).await;
    assert_eq!(t.json()["error_codes"][0], 9002327, "{}", t.text());
    // A web redirect URI redeemed cross-origin.
    let r = sign_in_redirect(
        &env,
        seed::GLOBAL_ADMIN,
        ADMIN_SCOPES,
        &[("redirect_uri", WEB_REDIRECT)],
    )
    .await;
    let t = redeem_with(&env, &code_of(&r), WEB_REDIRECT, Some(APP)).await;
    assert_eq!(t.json()["error_codes"][0], 9002326, "{}", t.text());
    // Client credentials with an Origin header.
    let t = post_token(
        &env,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "x"),
            ("client_secret", "y"),
            ("scope", "https://graph.microsoft.com/.default"),
        ],
        Some(APP),
    )
    .await;
    assert_eq!(t.json()["error_codes"][0], 9002326);
}

#[tokio::test]
async fn declining_consent_redirects_access_denied_cancel() {
    let env = env();
    let r = pick_account(&env, ADMIN_SCOPES, seed::GLOBAL_ADMIN).await;
    let html = r.text();
    assert!(html.contains("id=\"accept\"") && html.contains("id=\"decline\""));
    assert!(html.contains("Application.ReadWrite.All"));
    let d = answer_consent(&env, &html, &[("consent", "decline")]).await;
    let p = params(&d.location());
    assert_eq!(p["error"], "access_denied");
    assert_eq!(p["error_subcode"], "cancel");
    assert!(p["error_description"].starts_with("AADSTS65004:"));
    assert_eq!(p["state"], "st-123");
}

#[tokio::test]
async fn plain_user_cannot_consent_to_admin_scopes() {
    let env = env();
    let r = pick_account(&env, ADMIN_SCOPES, seed::PLAIN_USER).await;
    let html = r.text();
    assert!(html.contains("Need admin approval"));
    assert!(!html.contains("id=\"accept\""));
    // A forged Accept is refused.
    let forged = answer_consent(&env, &html, &[("consent", "accept")]).await;
    assert!(forged.text().contains("AADSTS90094"), "{}", forged.text());
    assert!(forged.header("location").is_none());
}

#[tokio::test]
async fn plain_user_may_consent_to_user_scopes_and_second_sign_in_skips_consent() {
    let env = env();
    let t = sign_in(&env, seed::PLAIN_USER, "openid profile User.Read").await;
    assert!(
        claims(t["access_token"].as_str().unwrap())["wids"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let r = pick_account(&env, "openid profile User.Read", seed::PLAIN_USER).await;
    assert_eq!(r.status, StatusCode::FOUND, "consent already given");
}

#[tokio::test]
async fn admin_consent_on_behalf_of_org_covers_other_users() {
    let env = env();
    sign_in(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES).await;
    let r = pick_account(&env, ADMIN_SCOPES, seed::APPLICATION_ADMIN).await;
    assert_eq!(
        r.status,
        StatusCode::FOUND,
        "tenant-wide consent applies: {}",
        r.text()
    );
}

#[tokio::test]
async fn personal_account_is_refused_at_the_redirect_uri() {
    let env = env();
    let r = sign_in_redirect(&env, seed::PERSONAL_ACCOUNT, ADMIN_SCOPES, &[]).await;
    let p = params(&r.location());
    assert!(
        p["error_description"].starts_with("AADSTS50020:"),
        "{:?}",
        p
    );
    assert!(!p.contains_key("code"));
}

#[tokio::test]
async fn guest_id_token_names_home_idp() {
    let env = env();
    let t = sign_in(&env, seed::GUEST, "openid profile User.Read").await;
    let id = claims(t["id_token"].as_str().unwrap());
    assert_eq!(
        id["idp"],
        format!("https://sts.windows.net/{}/", seed::GUEST_HOME_TENANT_ID)
    );
    assert_eq!(id["tid"], seed::TENANT_ID);
}

#[tokio::test]
async fn refresh_token_is_cross_origin_only_and_rotates() {
    let env = env();
    let t = sign_in(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES).await;
    let rt = t["refresh_token"].as_str().unwrap();
    let pairs = [
        ("grant_type", "refresh_token"),
        ("client_id", seed::ONBOARDING_CLIENT_ID),
        ("refresh_token", rt),
    ];
    let r = post_token(&env, &pairs, None).await;
    assert_eq!(r.json()["error_codes"][0], 9002327);
    let r = post_token(&env, &pairs, Some(APP)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_ne!(r.json()["refresh_token"].as_str().unwrap(), rt);
    advance(&env, 86_401);
    let rt2 = r.json()["refresh_token"].as_str().unwrap().to_string();
    let pairs = [
        ("grant_type", "refresh_token"),
        ("client_id", seed::ONBOARDING_CLIENT_ID),
        ("refresh_token", rt2.as_str()),
    ];
    let r = post_token(&env, &pairs, Some(APP)).await;
    assert_eq!(r.json()["error_codes"][0], 700084);
}

#[tokio::test]
async fn discovery_documents() {
    let env = env();
    let r = get(
        &env.login,
        "/organizations/v2.0/.well-known/openid-configuration",
    )
    .await;
    assert_eq!(r.json()["code_challenge_methods_supported"][0], "S256");
    let k = get(&env.login, "/common/discovery/v2.0/keys").await;
    assert_eq!(k.json()["keys"][0]["kty"], "RSA");
}
