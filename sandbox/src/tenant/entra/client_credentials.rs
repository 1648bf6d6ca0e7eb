//! `grant_type=client_credentials`: proves that a created app's secret or certificate works.
//! Refused with an `Origin` header (a browser can never test a secret).

use std::collections::HashMap;

use axum::http::StatusCode;
use rsa::RsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use serde_json::{Value, json};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode};

use super::super::Tenant;
use super::super::clock::{parse_iso, unix};
use super::super::jwt;
use super::super::permissions::{EXCHANGE_APP_ID, GRAPH_APP_ID, SHAREPOINT_APP_ID};
use super::super::seed::TENANT_ID;
use super::super::store::{State, str_field};
use super::authorize::unknown_client;
use super::errors::EntraError;
use super::token::{cross_origin_refused, required};
use super::tokens;

pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

fn invalid_client(code: u32, msg: String) -> EntraError {
    EntraError::new("invalid_client", code, msg).status(StatusCode::UNAUTHORIZED)
}

/// Resolves `{resource}/.default` to (resource appId, token audience).
fn resource(tenant: &Tenant, scope: &str) -> Result<(&'static str, String), EntraError> {
    let Some(res) = scope.strip_suffix("/.default") else {
        return Err(EntraError::new(
            "invalid_scope",
            1002012,
            format!(
                "The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."
            ),
        ));
    };
    let r = res.trim_end_matches('/');
    if r.eq_ignore_ascii_case("https://graph.microsoft.com")
        || r == tenant.options.graph_base
        || r == GRAPH_APP_ID
    {
        return Ok((GRAPH_APP_ID, tokens::GRAPH_AUDIENCE.to_string()));
    }
    if r.eq_ignore_ascii_case("https://outlook.office365.com") || r == EXCHANGE_APP_ID {
        return Ok((EXCHANGE_APP_ID, "https://outlook.office365.com".into()));
    }
    if (r.starts_with("https://") && r.ends_with(".sharepoint.com")) || r == SHAREPOINT_APP_ID {
        return Ok((SHAREPOINT_APP_ID, r.to_string()));
    }
    Err(EntraError::new(
        "invalid_resource",
        500011,
        format!(
            "The resource principal named {r} was not found in the tenant named {TENANT_ID}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant."
        ),
    ))
}

pub fn handle(
    tenant: &Tenant,
    seg: &str,
    form: &HashMap<String, String>,
    origin: Option<&str>,
) -> Result<Value, EntraError> {
    if let Some(o) = origin {
        return Err(cross_origin_refused(o));
    }
    let client_id = required(form, "client_id")?;
    let scope = required(form, "scope")?;
    let state = tenant.lock();
    let now = tenant.now();
    let app = state
        .app_by_app_id(client_id)
        .filter(|a| state.visible(str_field(a, "id").unwrap_or_default(), now))
        .ok_or_else(|| unknown_client(client_id))?
        .clone();
    let app_object_id = str_field(&app, "id").unwrap_or_default().to_string();
    let (resource_app, audience) = resource(tenant, scope)?;
    let acr = if let Some(secret) = form.get("client_secret") {
        check_secret(&state, &app_object_id, client_id, secret, now)?;
        "1"
    } else if let Some(assertion) = form.get("client_assertion") {
        if form.get("client_assertion_type").map(String::as_str) != Some(JWT_BEARER) {
            return Err(EntraError::new(
                "invalid_request",
                700023,
                format!("Client assertion type must be '{JWT_BEARER}'."),
            ));
        }
        check_assertion(tenant, &state, &app, seg, client_id, assertion, now)?;
        "2"
    } else {
        return Err(invalid_client(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.".into()));
    };
    let Some(sp) = state
        .sp_by_app_id(client_id)
        .filter(|s| state.visible(str_field(s, "id").unwrap_or_default(), now))
    else {
        return Err(EntraError::new(
            "invalid_client",
            7000229,
            format!(
                "The client application {client_id} is missing service principal in the tenant {TENANT_ID}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119"
            ),
        ));
    };
    let sp_id = str_field(sp, "id").unwrap_or_default().to_string();
    let roles = granted_roles(&state, &sp_id, resource_app, now);
    drop(state);
    let lifetime = tenant.options.token_lifetime.as_secs();
    Ok(json!({
        "token_type": "Bearer",
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": tokens::app_access_token(tenant, client_id, &sp_id, &audience, &roles, acr),
    }))
}

/// The values of the app roles of `resource_app` assigned to the service principal `sp_id`.
/// An assignment made less than the replication delay ago is not yet in tokens ("new app roles
/// can be missing from tokens for a while": API reference, List appRoleAssignments, and
/// https://learn.microsoft.com/entra/identity-platform/howto-add-app-roles-in-apps).
pub fn granted_roles(
    state: &State,
    sp_id: &str,
    resource_app: &str,
    now: std::time::SystemTime,
) -> Vec<String> {
    let Some(res) = state.sp_by_app_id(resource_app) else {
        return vec![];
    };
    let res_id = str_field(res, "id").unwrap_or_default();
    let roles = res
        .get("appRoles")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    state
        .app_role_assignments
        .iter()
        .filter(|a| {
            str_field(a, "principalId") == Some(sp_id)
                && str_field(a, "resourceId") == Some(res_id)
                && state.visible(str_field(a, "id").unwrap_or_default(), now)
        })
        .filter_map(|a| {
            let rid = str_field(a, "appRoleId")?;
            roles
                .iter()
                .find(|r| r.get("id").and_then(Value::as_str) == Some(rid))?
                .get("value")?
                .as_str()
                .map(String::from)
        })
        .collect()
}

fn check_secret(
    state: &State,
    app_object_id: &str,
    client_id: &str,
    secret: &str,
    now: std::time::SystemTime,
) -> Result<(), EntraError> {
    let hash: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
    let found = state
        .secrets
        .iter()
        .find(|s| s.app_object_id == app_object_id && s.sha256 == hash);
    let invalid = || {
        invalid_client(
            7000215,
            format!(
                "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client_id}'."
            ),
        )
    };
    match found {
        None => Err(invalid()),
        // A new secret is not yet known everywhere (4 to 18 s in Entra): same refusal.
        Some(s) if now < s.usable_from || now < s.start => Err(invalid()),
        Some(s) if now >= s.end => Err(invalid_client(
            7000222,
            format!(
                "The provided client secret keys for app '{client_id}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds."
            ),
        )),
        Some(_) => Ok(()),
    }
}

/// SHA-1 and SHA-256 thumbprints of a certificate's DER.
pub fn thumbprints(der: &[u8]) -> ([u8; 20], [u8; 32]) {
    (Sha1::digest(der).into(), Sha256::digest(der).into())
}

fn assertion_error(code: u32, msg: String) -> EntraError {
    invalid_client(code, msg)
}

const SEE_KEYS: &str = "Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id";

/// "Start=MM/DD/YYYY HH:MM:SS, End=…" as Entra quotes a found key.
fn found_key(kc: &Value) -> String {
    let us = |k: &str| {
        kc.get(k)
            .and_then(Value::as_str)
            .map(|s| {
                // 2029-08-18T19:33:23Z -> 08/18/2029 19:33:23
                let (d, t) = s.split_once('T').unwrap_or((s, ""));
                let mut p = d.split('-');
                let (y, m, dd) = (
                    p.next().unwrap_or(""),
                    p.next().unwrap_or(""),
                    p.next().unwrap_or(""),
                );
                format!("{m}/{dd}/{y} {}", t.trim_end_matches('Z'))
            })
            .unwrap_or_default()
    };
    format!(
        "Found key 'Start={}, End={}'",
        us("startDateTime"),
        us("endDateTime")
    )
}

/// A client assertion as https://learn.microsoft.com/entra/identity-platform/certificate-credentials
/// describes it: header `alg` RS256 or PS256, `x5t` (base64url SHA-1 thumbprint of the
/// certificate's DER) or `x5t#S256` (SHA-256); claims `aud` = the token endpoint, `iss` = `sub`
/// = the client id, `jti`, `nbf`, `exp`. The refusals and their AADSTS codes:
/// - malformed: 50027 "JWT token is invalid or malformed." (Azure SDK for Java, azure-identity
///   TROUBLESHOOTING, ClientAssertionCredential table);
/// - certificate not on the app: 700027 "The certificate with identifier used to sign the client
///   assertion is not registered on application. [Reason - The key was not found., …]"
///   (https://learn.microsoft.com/answers/questions/2262614/aadsts700027-the-certificate-with-identifier-used);
/// - certificate expired: 700027 "Client assertion contains an invalid signature. [Reason - The
///   key used is expired., Thumbprint of key used by client: '…', Found key 'Start=…, End=…'…]"
///   (https://github.com/microsoft/azure-tools-for-java/issues/2785);
/// - wrong signature: 700027 "… [Reason - The provided signature value did not match the expected
///   signature value., …]" (https://github.com/Azure/azure-sdk-for-java/issues/25109, where the
///   on-behalf-of flow reports it as 50013);
/// - `sub` ≠ `iss`: 50048 "Subject mismatches Issuer claim in the client assertion."
///   (https://learn.microsoft.com/entra/identity-platform/reference-error-codes);
/// - `iss` ≠ client_id: 700021; `aud` not the token endpoint: 700023 "Client assertion audience
///   claim does not match Realm issuer." (azure-identity TROUBLESHOOTING, as above);
/// - outside `nbf`..`exp`: 700024 "Client assertion is not within its valid time range."
///   (https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/4951).
fn check_assertion(
    tenant: &Tenant,
    state: &State,
    app: &serde_json::Map<String, Value>,
    seg: &str,
    client_id: &str,
    assertion: &str,
    now: std::time::SystemTime,
) -> Result<(), EntraError> {
    let malformed = || {
        EntraError::new(
            "invalid_request",
            50027,
            "JWT token is invalid or malformed.",
        )
    };
    let parsed = jwt::parse(assertion).ok_or_else(malformed)?;
    // UNDOCUMENTED CHOICE: another `alg` (none, HS256, …) is refused as malformed.
    if !matches!(
        parsed.header.get("alg").and_then(Value::as_str),
        Some("RS256" | "PS256")
    ) {
        return Err(malformed());
    }
    let hdr = |k: &str| {
        parsed
            .header
            .get(k)
            .and_then(Value::as_str)
            .and_then(jwt::b64url_decode)
    };
    let (x5t, x5t256) = (hdr("x5t"), hdr("x5t#S256"));
    let hex_tp = x5t
        .as_deref()
        .or(x5t256.as_deref())
        .map(hex)
        .unwrap_or_default();
    let not_found = |tp: &str| {
        let tp = if tp.is_empty() {
            String::new()
        } else {
            format!(" Thumbprint of key used by client: '{tp}',")
        };
        assertion_error(
            700027,
            format!(
                "The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found.,{tp} {SEE_KEYS} '{client_id}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/{client_id}']"
            ),
        )
    };
    if x5t.is_none() && x5t256.is_none() {
        return Err(not_found(""));
    }
    let mut matched = None;
    for kc in app
        .get("keyCredentials")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(key_id) = kc.get("keyId").and_then(Value::as_str) else {
            continue;
        };
        let Some(der) = state.cert_keys.get(key_id) else {
            continue;
        };
        let (s1, s256) = thumbprints(der);
        if x5t.as_deref() == Some(&s1[..]) || x5t256.as_deref() == Some(&s256[..]) {
            matched = Some((kc.clone(), der.clone()));
            break;
        }
    }
    let Some((kc, der)) = matched else {
        return Err(not_found(&hex_tp));
    };
    let invalid_signature = |reason: &str| {
        assertion_error(
            700027,
            format!(
                "Client assertion contains an invalid signature. [Reason - {reason}, Thumbprint of key used by client: '{hex_tp}', {}, {SEE_KEYS} '{client_id}'.]",
                found_key(&kc)
            ),
        )
    };
    let date = |k: &str| kc.get(k).and_then(Value::as_str).and_then(parse_iso);
    if date("endDateTime").is_some_and(|e| now >= e) {
        return Err(invalid_signature("The key used is expired."));
    }
    // UNDOCUMENTED CHOICE: a certificate whose startDateTime is still ahead is refused like an
    // expired one, with the five minutes of clock skew the assertion's `nbf` gets.
    if date("startDateTime").is_some_and(|s| now + std::time::Duration::from_secs(300) < s) {
        return Err(invalid_signature("The key used is not yet valid."));
    }
    let key = Certificate::from_der(&der)
        .ok()
        .and_then(|c| c.tbs_certificate.subject_public_key_info.to_der().ok())
        .and_then(|spki| RsaPublicKey::from_public_key_der(&spki).ok());
    let bad_sig = "The provided signature value did not match the expected signature value.";
    match key {
        Some(k) if jwt::verify_assertion(&parsed, &k) => {}
        _ => return Err(invalid_signature(bad_sig)),
    }
    let claim = |k: &str| {
        parsed
            .claims
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    if claim("sub") != claim("iss") {
        return Err(assertion_error(
            50048,
            "Subject mismatches Issuer claim in the client assertion.".into(),
        ));
    }
    if claim("iss") != client_id {
        return Err(assertion_error(700021, "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .".into()));
    }
    // UNDOCUMENTED CHOICE: `jti` is listed among the claims; an assertion without one is
    // refused as malformed. Entra does not document refusing a reused `jti`, so it is not.
    if claim("jti").is_empty() {
        return Err(malformed());
    }
    let aud = claim("aud");
    let base = &tenant.options.sign_in_base;
    let aud_ok = [
        seg,
        TENANT_ID,
        super::super::seed::TENANT_DOMAIN,
        "organizations",
        "common",
    ]
    .iter()
    .any(|s| aud == format!("{base}/{s}/oauth2/v2.0/token"))
        || aud == format!("{base}/{TENANT_ID}/v2.0");
    if !aud_ok {
        return Err(assertion_error(
            700023,
            "Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .".into(),
        ));
    }
    let t = unix(now);
    let exp = parsed.claims.get("exp").and_then(Value::as_i64);
    let nbf = parsed
        .claims
        .get("nbf")
        .and_then(Value::as_i64)
        .unwrap_or(i64::MIN);
    if exp.is_none_or(|e| t >= e + 300) || t + 300 < nbf {
        return Err(assertion_error(
            700024,
            "Client assertion is not within its valid time range.".into(),
        ));
    }
    Ok(())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}
