//! `/{tenant}/oauth2/v2.0/authorize`: validation, the account picker, consent, and the
//! redirect with a code (or an error) to the registered redirect URI.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::super::Tenant;
use super::super::jwt::b64url;
use super::super::seed::{self, TENANT_DISPLAY_NAME};
use super::super::store::{Account, CodeRecord, PendingSignIn, User};
use super::clients;
use super::consent;
use super::errors::EntraError;
use super::pages;
use super::scopes;

pub fn parse_pairs(raw: &[u8]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (k, v) in form_urlencoded::parse(raw) {
        out.entry(k.into_owned()).or_insert_with(|| v.into_owned());
    }
    out
}

/// The tenant segments this tenant answers to.
pub fn tenant_segment_ok(seg: &str) -> bool {
    [
        "organizations",
        "common",
        seed::TENANT_ID,
        seed::TENANT_DOMAIN,
        seed::DEFAULT_DOMAIN,
    ]
    .iter()
    .any(|s| s.eq_ignore_ascii_case(seg))
}

pub fn unknown_tenant(seg: &str) -> EntraError {
    EntraError::new(
        "invalid_request",
        90002,
        format!(
            "Tenant '{seg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant."
        ),
    )
}

pub fn unknown_client(client_id: &str) -> EntraError {
    EntraError::new(
        "unauthorized_client",
        700016,
        format!(
            "Application with identifier '{client_id}' was not found in the directory '{TENANT_DISPLAY_NAME}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
        ),
    )
}

fn random_token(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::Rng::fill(&mut rand::thread_rng(), bytes.as_mut_slice());
    b64url(&bytes)
}

/// A 302 to the redirect URI carrying `params` in the query or the fragment.
pub fn redirect(uri: &str, mode: &str, params: &[(String, String)]) -> Response {
    if mode == "form_post" {
        return pages::form_post(uri, params);
    }
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        ser.append_pair(k, v);
    }
    let encoded = ser.finish();
    let location = if mode == "fragment" {
        format!("{uri}#{encoded}")
    } else if uri.contains('?') {
        format!("{uri}&{encoded}")
    } else {
        format!("{uri}?{encoded}")
    };
    let mut r = StatusCode::FOUND.into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&location) {
        h.insert(header::LOCATION, v);
    }
    pages::sign_in_headers(h);
    r
}

fn redirect_error(tenant: &Tenant, p: &PendingSignIn, e: &EntraError) -> Response {
    redirect(
        &p.redirect_uri,
        &p.response_mode,
        &e.redirect_params(tenant, p.state.as_deref()),
    )
}

/// GET /{tenant}/oauth2/v2.0/authorize
pub async fn authorize(
    State(tenant): State<Arc<Tenant>>,
    Path(seg): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let q = parse_pairs(q.unwrap_or_default().as_bytes());
    start(&tenant, &seg, &q)
}

/// POST /{tenant}/oauth2/v2.0/authorize (Entra accepts the request as a form too).
pub async fn authorize_post(
    State(tenant): State<Arc<Tenant>>,
    Path(seg): Path<String>,
    body: Bytes,
) -> Response {
    start(&tenant, &seg, &parse_pairs(&body))
}

fn start(tenant: &Tenant, seg: &str, q: &HashMap<String, String>) -> Response {
    if !tenant_segment_ok(seg) {
        return unknown_tenant(seg).page(tenant);
    }
    let Some(client_id) = q.get("client_id") else {
        return EntraError::missing("client_id").page(tenant);
    };
    let mut state = tenant.lock();
    let Some(client) = clients::find(tenant, &state, client_id) else {
        return unknown_client(client_id).page(tenant);
    };
    let Some(redirect_uri) = q.get("redirect_uri") else {
        return EntraError::missing("redirect_uri").page(tenant);
    };
    let Some(is_spa) = client.redirect_kind(redirect_uri) else {
        return EntraError::new(
            "invalid_request",
            50011,
            format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.", client.client_id),
        )
        .page(tenant);
    };
    let response_type = q.get("response_type").map(String::as_str).unwrap_or("");
    // Entra: the default response_mode of the code flow is query.
    let response_mode = q
        .get("response_mode")
        .map(String::as_str)
        .unwrap_or("query")
        .to_string();
    let mut pending = PendingSignIn {
        tenant_segment: seg.to_string(),
        client_id: client.client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        redirect_is_spa: is_spa,
        state: q.get("state").cloned(),
        nonce: q.get("nonce").cloned(),
        response_mode: response_mode.clone(),
        scopes: vec![],
        code_challenge: None,
        prompt: q.get("prompt").cloned(),
        user_id: None,
        created: tenant.now(),
    };
    if !["query", "fragment", "form_post"].contains(&response_mode.as_str()) {
        pending.response_mode = "query".into();
        return redirect_error(
            tenant,
            &pending,
            &EntraError::new(
                "invalid_request",
                900144,
                format!("The response_mode '{response_mode}' is not supported."),
            ),
        );
    }
    if response_type != "code" {
        let e = if response_type.is_empty() {
            EntraError::missing("response_type")
        } else {
            EntraError::new(
                "unsupported_response_type",
                700054,
                format!("response_type '{response_type}' is not enabled for the application."),
            )
        };
        return redirect_error(tenant, &pending, &e);
    }
    let scopes = match scopes::normalize(
        tenant,
        &client,
        q.get("scope").map(String::as_str).unwrap_or(""),
    ) {
        Ok(s) => s,
        Err(e) => return redirect_error(tenant, &pending, &e),
    };
    pending.scopes = scopes;
    if let Some(ch) = q.get("code_challenge") {
        let method = q
            .get("code_challenge_method")
            .map(String::as_str)
            .unwrap_or("plain");
        if method != "S256" {
            // UNDOCUMENTED CHOICE: Entra documents `plain` as accepted; this project refuses it
            // (RFC 9700 §2.1.1: use S256; RFC 7636 §4.2 keeps `plain` only for clients that cannot hash)
            // so a client that falls back to plain fails here.
            return redirect_error(
                tenant,
                &pending,
                &EntraError::new(
                    "invalid_request",
                    50148,
                    format!("The code_challenge_method '{method}' is not supported. Use S256."),
                ),
            );
        }
        if ch.len() != 43
            || !ch
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return redirect_error(
                tenant,
                &pending,
                &EntraError::new(
                    "invalid_request",
                    501491,
                    "Invalid size of Code_Challenge parameter.",
                ),
            );
        }
        pending.code_challenge = Some(ch.clone());
    }
    if pending.prompt.as_deref() == Some("none") {
        // The sandbox keeps no sign-in session cookie: silent requests always need interaction.
        return redirect_error(
            tenant,
            &pending,
            &EntraError::new(
                "login_required",
                50058,
                "A silent sign-in request was sent but no user is signed in.",
            ),
        );
    }
    let ctx = random_token(24);
    let users: Vec<User> = state.users.clone();
    state.pending.insert(ctx.clone(), pending);
    drop(state);
    pages::sign_in_page(
        &format!("/{seg}/oauth2/v2.0/authorize/select"),
        &ctx,
        &client.display_name,
        &users,
    )
}

fn lost_session(tenant: &Tenant) -> Response {
    EntraError::new(
        "invalid_request",
        9002313,
        "Invalid request. Request is malformed or invalid.",
    )
    .page(tenant)
}

/// POST …/authorize/select: the user picked an account.
pub async fn select(
    State(tenant): State<Arc<Tenant>>,
    Path(_seg): Path<String>,
    body: Bytes,
) -> Response {
    let form = parse_pairs(&body);
    let (Some(ctx), Some(upn)) = (form.get("ctx"), form.get("upn")) else {
        return lost_session(&tenant);
    };
    let mut state = tenant.lock();
    let Some(mut pending) = state.pending.get(ctx).cloned() else {
        return lost_session(&tenant);
    };
    let Some(user) = state.user_by_upn(upn).cloned() else {
        return EntraError::new("invalid_request", 50034, format!("The user account {upn} does not exist in the '{}' directory. To sign into this application, the account must be added to the directory.", seed::TENANT_DOMAIN)).page(&tenant);
    };
    let Some(client) = clients::find(&tenant, &state, &pending.client_id) else {
        return unknown_client(&pending.client_id).page(&tenant);
    };
    if user.account == Account::Personal {
        state.pending.remove(ctx);
        // UNDOCUMENTED CHOICE: Entra usually shows AADSTS50020 on its own page; the project's
        // issue asks for it at the redirect URI, with error=access_denied.
        let e = EntraError::new(
            "access_denied",
            50020,
            format!(
                "User account '{}' from identity provider 'live.com' does not exist in tenant '{TENANT_DISPLAY_NAME}' and cannot access the application '{}'({}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.",
                user.upn, client.client_id, client.display_name
            ),
        );
        return redirect_error(&tenant, &pending, &e);
    }
    pending.user_id = Some(user.id.clone());
    state.pending.insert(ctx.clone(), pending.clone());
    let granted = consent::granted(&state, &client.client_id, &user.id);
    let to_consent = if pending.prompt.as_deref() == Some("consent") {
        pending.scopes.clone()
    } else {
        consent::missing(&pending.scopes, &granted)
    };
    if to_consent.is_empty() {
        state.pending.remove(ctx);
        return issue_code(&tenant, &mut state, &pending, &user);
    }
    drop(state);
    let perms = consent::permissions(&to_consent);
    let action = format!("/{}/oauth2/v2.0/authorize/consent", pending.tenant_segment);
    let admin = consent::can_admin_consent(&user);
    if !admin && perms.iter().any(|p| p.admin_only) {
        let admin_perms: Vec<_> = perms.into_iter().filter(|p| p.admin_only).collect();
        return pages::admin_approval_page(&action, ctx, &client.display_name, &user, &admin_perms);
    }
    pages::consent_page(&action, ctx, &client.display_name, &user, &perms, admin)
}

/// POST …/authorize/consent: Accept or Decline (or "Return to the application").
pub async fn consent(
    State(tenant): State<Arc<Tenant>>,
    Path(_seg): Path<String>,
    body: Bytes,
) -> Response {
    let form = parse_pairs(&body);
    let Some(ctx) = form.get("ctx") else {
        return lost_session(&tenant);
    };
    let mut state = tenant.lock();
    let Some(pending) = state.pending.remove(ctx) else {
        return lost_session(&tenant);
    };
    let Some(user) = pending
        .user_id
        .as_deref()
        .and_then(|id| state.user(id))
        .cloned()
    else {
        return lost_session(&tenant);
    };
    let Some(client) = clients::find(&tenant, &state, &pending.client_id) else {
        return unknown_client(&pending.client_id).page(&tenant);
    };
    let granted = consent::granted(&state, &client.client_id, &user.id);
    let to_consent = consent::missing(&pending.scopes, &granted);
    let needs_admin = consent::permissions(&to_consent)
        .iter()
        .any(|p| p.admin_only);
    // Who saw which page is decided here, from the user and the scopes, never from the button.
    let may_not_consent = needs_admin && !consent::can_admin_consent(&user);
    if form.get("consent").map(String::as_str) != Some("accept") {
        let e = if may_not_consent {
            returned_without_admin_approval(&client.display_name)
        } else {
            // https://learn.microsoft.com/entra/identity-platform/reference-error-codes:
            // "AADSTS65004 UserDeclinedConsent - User declined to consent to access the app."
            EntraError::new(
                "access_denied",
                65004,
                "User declined to consent to access the app.",
            )
            .subcode("cancel")
        };
        return redirect_error(&tenant, &pending, &e);
    }
    if may_not_consent {
        // A forged Accept from the "Need admin approval" page.
        return EntraError::new(
            "access_denied",
            90094,
            "The grant requires admin permission.",
        )
        .status(StatusCode::FORBIDDEN)
        .page(&tenant);
    }
    let on_behalf = form.contains_key("on_behalf") && consent::can_admin_consent(&user);
    if !to_consent.is_empty() || pending.prompt.as_deref() == Some("consent") {
        let scopes = if to_consent.is_empty() {
            pending.scopes.clone()
        } else {
            to_consent
        };
        consent::record(&tenant, &mut state, &client, &user, &scopes, on_behalf);
    }
    issue_code(&tenant, &mut state, &pending, &user)
}

/// "Return to the application without granting consent" on the "Need admin approval" page a
/// user sees when the app asks for a permission only an administrator can grant
/// (https://learn.microsoft.com/entra/identity-platform/application-consent-experience, "App
/// requires a permission that the user has no right to grant").
///
/// The page is the AADSTS90094 interrupt: its words are that code's message
/// (https://learn.microsoft.com/entra/identity/enterprise-apps/application-sign-in-unexpected-user-consent-error;
/// reference-error-codes: "AADSTS90094 AdminConsentRequired - Administrator consent is
/// required."), so the code sent back is 90094 with `error=access_denied` (RFC 6749 §4.1.2.1:
/// the resource owner or authorization server denied the request).
///
/// UNDOCUMENTED CHOICE: Microsoft documents no redirect parameters for this button. The sandbox
/// also sends `error_subcode=cancel`, as for a plain decline, so a client that reads the
/// subcode before the AADSTS code takes this user for one who could have accepted, and fails
/// here rather than in a customer's tenant.
fn returned_without_admin_approval(app_name: &str) -> EntraError {
    EntraError::new(
        "access_denied",
        90094,
        format!(
            "{app_name} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it."
        ),
    )
    .subcode("cancel")
}

fn issue_code(
    tenant: &Tenant,
    state: &mut super::super::store::State,
    p: &PendingSignIn,
    user: &User,
) -> Response {
    let code = format!("1.A{}", random_token(48));
    state.codes.insert(
        code.clone(),
        CodeRecord {
            client_id: p.client_id.clone(),
            redirect_uri: p.redirect_uri.clone(),
            redirect_is_spa: p.redirect_is_spa,
            user_id: user.id.clone(),
            scopes: p.scopes.clone(),
            nonce: p.nonce.clone(),
            code_challenge: p.code_challenge.clone(),
            expires: tenant.now() + tenant.options.code_lifetime,
            redeemed: false,
        },
    );
    let mut params = vec![("code".to_string(), code)];
    if let Some(s) = &p.state {
        params.push(("state".into(), s.clone()));
    }
    params.push(("session_state".into(), super::super::store::new_id()));
    redirect(&p.redirect_uri, &p.response_mode, &params)
}
