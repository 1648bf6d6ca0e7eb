//! `/{tenant}/oauth2/v2.0/token`: authorization code (PKCE), refresh token, and (in
//! client_credentials.rs) the client-credentials proof. CORS as Entra: cross-origin only for
//! SPA redirect URIs.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::super::Tenant;
use super::super::jwt::b64url;
use super::super::seed::TENANT_ID;
use super::super::store::{RefreshRecord, User};
use super::authorize::{parse_pairs, tenant_segment_ok, unknown_client, unknown_tenant};
use super::errors::EntraError;
use super::{client_credentials, clients, scopes, tokens};

/// SPA refresh tokens live 24 hours and cannot be extended.
const SPA_REFRESH_LIFETIME_SECS: u64 = 86_400;

pub async fn token(
    State(tenant): State<Arc<Tenant>>,
    Path(seg): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let form = parse_pairs(&body);
    let correlation = headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok());
    let mut r = match handle(&tenant, &seg, &form, origin.as_deref()) {
        Ok(v) => {
            let mut r = super::super::respond::json(StatusCode::OK, &v);
            r.headers_mut()
                .insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
            r
        }
        Err(e) => e.json_response(&tenant, correlation),
    };
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, no-cache"),
    );
    if let Some(o) = origin
        && let Ok(v) = HeaderValue::from_str(&o)
    {
        // The body tells whether cross-origin redemption was allowed (AADSTS9002326):
        // the browser may read it either way, as MSAL reports that error text.
        r.headers_mut()
            .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        r.headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    r
}

/// OPTIONS preflight of the token endpoint.
pub async fn preflight(headers: HeaderMap) -> Response {
    let mut r = StatusCode::OK.into_response();
    let h = r.headers_mut();
    if let Some(o) = headers.get(header::ORIGIN) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o.clone());
    }
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, OPTIONS"),
    );
    let req = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("content-type"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, req);
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    r
}

fn handle(
    tenant: &Tenant,
    seg: &str,
    form: &HashMap<String, String>,
    origin: Option<&str>,
) -> Result<Value, EntraError> {
    if !tenant_segment_ok(seg) {
        return Err(unknown_tenant(seg));
    }
    let grant = required(form, "grant_type")?;
    match grant.as_str() {
        "authorization_code" => authorization_code(tenant, form, origin),
        "refresh_token" => refresh_token(tenant, form, origin),
        "client_credentials" => client_credentials::handle(tenant, seg, form, origin),
        g => Err(EntraError::new(
            "unsupported_grant_type",
            70003,
            format!("The app requested an unsupported grant type '{g}'."),
        )),
    }
}

pub fn cross_origin_refused(origin: &str) -> EntraError {
    EntraError::new(
        "invalid_request",
        9002326,
        format!(
            "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{origin}'."
        ),
    )
}

fn spa_origin_checks(is_spa: bool, origin: Option<&str>) -> Result<(), EntraError> {
    match (is_spa, origin) {
        (true, None) => Err(EntraError::new(
            "invalid_request",
            9002327,
            "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
        )),
        (false, Some(o)) => Err(cross_origin_refused(o)),
        _ => Ok(()),
    }
}

fn invalid_grant(code: u32, msg: &str) -> EntraError {
    EntraError::new("invalid_grant", code, msg)
}

/// A form parameter the request must carry, or Entra's AADSTS900144.
pub fn required<'a>(
    form: &'a HashMap<String, String>,
    param: &str,
) -> Result<&'a String, EntraError> {
    form.get(param).ok_or_else(|| EntraError::missing(param))
}

/// AADSTS9002313: an unknown code or refresh token, or one whose user is gone.
fn malformed_grant() -> EntraError {
    invalid_grant(9002313, "Invalid request. Request is malformed or invalid.")
}

/// A code or refresh token is redeemable only by the client it was issued to (AADSTS70000).
fn same_client(issued_to: &str, client: &clients::Client) -> Result<(), EntraError> {
    if issued_to.eq_ignore_ascii_case(&client.client_id) {
        Ok(())
    } else {
        Err(invalid_grant(
            70000,
            "Provided grant is invalid or malformed.",
        ))
    }
}

/// A new SPA refresh token value.
fn new_refresh_token() -> String {
    format!("1.A{}", random_b64(48))
}

/// RFC 7636: BASE64URL(SHA256(ASCII(code_verifier))).
pub fn s256(verifier: &str) -> String {
    b64url(&Sha256::digest(verifier.as_bytes()))
}

fn authorization_code(
    tenant: &Tenant,
    form: &HashMap<String, String>,
    origin: Option<&str>,
) -> Result<Value, EntraError> {
    let client_id = required(form, "client_id")?;
    let code = required(form, "code")?;
    let mut state = tenant.lock();
    let client =
        clients::find(tenant, &state, client_id).ok_or_else(|| unknown_client(client_id))?;
    let now = tenant.now();
    let Some(rec) = state.codes.get(code).cloned() else {
        return Err(malformed_grant());
    };
    if rec.redeemed {
        return Err(invalid_grant(
            54005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
        ));
    }
    if now >= rec.expires {
        return Err(invalid_grant(
            70008,
            "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
        ));
    }
    same_client(&rec.client_id, &client)?;
    let redirect_uri = required(form, "redirect_uri")?;
    if *redirect_uri != rec.redirect_uri {
        return Err(EntraError::new(
            "invalid_grant",
            50011,
            format!(
                "The redirect URI '{redirect_uri}' specified in the request does not match the redirect URI specified in the authorization request."
            ),
        ));
    }
    spa_origin_checks(rec.redirect_is_spa, origin)?;
    match (&rec.code_challenge, form.get("code_verifier")) {
        (None, _) if rec.redirect_is_spa => {
            return Err(EntraError::new(
                "invalid_request",
                9002325,
                "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
            ));
        }
        (Some(_), None) => return Err(EntraError::missing("code_verifier")),
        (Some(ch), Some(v)) => {
            let valid_chars = v
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c));
            if !(43..=128).contains(&v.len()) || !valid_chars || s256(v) != *ch {
                return Err(invalid_grant(
                    50148,
                    "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.",
                ));
            }
        }
        (None, _) => {}
    }
    if let Some(r) = state.codes.get_mut(code) {
        r.redeemed = true;
    }
    let user = state
        .user(&rec.user_id)
        .cloned()
        .ok_or_else(malformed_grant)?;
    let refresh = rec.scopes.iter().any(|s| s == "offline_access").then(|| {
        let rt = new_refresh_token();
        state.refresh_tokens.insert(
            rt.clone(),
            RefreshRecord {
                client_id: client.client_id.clone(),
                user_id: user.id.clone(),
                scopes: rec.scopes.clone(),
                expires: now + std::time::Duration::from_secs(SPA_REFRESH_LIFETIME_SECS),
            },
        );
        rt
    });
    drop(state);
    Ok(token_response(
        tenant,
        &user,
        &client,
        &rec.scopes,
        rec.nonce.as_deref(),
        refresh,
        rec.redirect_is_spa,
        form,
    ))
}

fn refresh_token(
    tenant: &Tenant,
    form: &HashMap<String, String>,
    origin: Option<&str>,
) -> Result<Value, EntraError> {
    let client_id = required(form, "client_id")?;
    let rt = required(form, "refresh_token")?;
    let mut state = tenant.lock();
    let client =
        clients::find(tenant, &state, client_id).ok_or_else(|| unknown_client(client_id))?;
    let rec = state
        .refresh_tokens
        .get(rt)
        .cloned()
        .ok_or_else(malformed_grant)?;
    same_client(&rec.client_id, &client)?;
    // Refresh tokens handed out here are SPA ones: cross-origin only.
    spa_origin_checks(true, origin)?;
    if tenant.now() >= rec.expires {
        return Err(invalid_grant(
            700084,
            "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.",
        ));
    }
    let scopes = match form.get("scope") {
        Some(s) => {
            let asked = scopes::normalize(tenant, &client, s)?;
            if let Some(extra) = asked.iter().find(|s| !rec.scopes.contains(s)) {
                return Err(EntraError::new(
                    "invalid_grant",
                    65001,
                    format!(
                        "The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource. (scope {extra})",
                        client.client_id, client.display_name
                    ),
                ));
            }
            asked
        }
        None => rec.scopes.clone(),
    };
    let user = state
        .user(&rec.user_id)
        .cloned()
        .ok_or_else(malformed_grant)?;
    state.refresh_tokens.remove(rt);
    let new_rt = new_refresh_token();
    state.refresh_tokens.insert(
        new_rt.clone(),
        RefreshRecord {
            scopes: rec.scopes.clone(),
            ..rec
        },
    );
    drop(state);
    Ok(token_response(
        tenant,
        &user,
        &client,
        &scopes,
        None,
        Some(new_rt),
        true,
        form,
    ))
}

#[allow(clippy::too_many_arguments)]
fn token_response(
    tenant: &Tenant,
    user: &User,
    client: &clients::Client,
    granted: &[String],
    nonce: Option<&str>,
    refresh: Option<String>,
    spa: bool,
    form: &HashMap<String, String>,
) -> Value {
    let lifetime = tenant.options.token_lifetime.as_secs();
    let access = tokens::delegated_access_token(
        tenant,
        user,
        &client.client_id,
        &client.display_name,
        granted,
    );
    let mut v = json!({
        "token_type": "Bearer",
        "scope": granted.join(" "),
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": access,
    });
    if granted.iter().any(|s| s == "openid") {
        v["id_token"] = Value::String(tokens::id_token(tenant, user, &client.client_id, nonce));
    }
    if let Some(rt) = refresh {
        v["refresh_token"] = Value::String(rt);
        if spa {
            v["refresh_token_expires_in"] = json!(SPA_REFRESH_LIFETIME_SECS);
        }
    }
    if form.get("client_info").map(String::as_str) == Some("1") {
        v["client_info"] = Value::String(b64url(
            json!({ "uid": user.id, "utid": TENANT_ID })
                .to_string()
                .as_bytes(),
        ));
    }
    v
}

fn random_b64(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::Rng::fill(&mut rand::thread_rng(), bytes.as_mut_slice());
    b64url(&bytes)
}
