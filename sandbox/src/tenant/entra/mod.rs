//! The Entra ID v2.0 endpoints: sign-in pages, token endpoint, discovery.

pub mod authorize;
pub mod client_credentials;
pub mod clients;
pub mod consent;
pub mod errors;
pub mod pages;
pub mod scopes;
pub mod token;
pub mod tokens;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::json;

use super::Tenant;
use super::faults::FaultKind;
use super::respond;
use super::store::CallRecord;
use errors::EntraError;

pub fn router(tenant: Arc<Tenant>) -> Router {
    Router::new()
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::authorize).post(authorize::authorize_post),
        )
        .route(
            "/{tenant}/oauth2/v2.0/authorize/select",
            post(authorize::select),
        )
        .route(
            "/{tenant}/oauth2/v2.0/authorize/consent",
            post(authorize::consent),
        )
        .route(
            "/{tenant}/oauth2/v2.0/token",
            post(token::token).options(token::preflight),
        )
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(openid_configuration),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(keys))
        .layer(middleware::from_fn_with_state(tenant.clone(), faults))
        .with_state(tenant)
}

/// Applies the fault plan to sign-in calls and logs them.
async fn faults(State(tenant): State<Arc<Tenant>>, req: Request, next: Next) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let decision = tenant
        .lock()
        .faults
        .decide(&tenant.options.faults, &method, &path);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    let (resp, fault) = match decision.fault {
        None => (next.run(req).await, None),
        Some(FaultKind::Drop) => (respond::dropped(), Some("drop".to_string())),
        Some(FaultKind::Status {
            status,
            retry_after,
        }) => {
            // UNDOCUMENTED CHOICE: Entra's throttling/outage answers are not documented in
            // detail; we send its error shape with AADSTS90033 ("A transient error has occurred").
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let mut r = EntraError::new(
                "temporarily_unavailable",
                90033,
                "A transient error has occurred. Please try again.",
            )
            .status(code)
            .json_response(&tenant, None);
            if let Some(secs) = retry_secs(&tenant, &retry_after) {
                respond::set(&mut r, "retry-after", &secs.to_string());
            }
            (r, Some(status.to_string()))
        }
    };
    tenant.lock().log(CallRecord {
        host: "login",
        method,
        path,
        status: resp.status().as_u16(),
        fault,
    });
    resp
}

pub fn retry_secs(tenant: &Tenant, r: &super::faults::RetryAfter) -> Option<u64> {
    use super::faults::RetryAfter;
    match r {
        RetryAfter::Default => Some(tenant.options.faults.default_retry_after()),
        RetryAfter::Seconds(s) => Some(*s),
        RetryAfter::Omit => None,
    }
}

async fn openid_configuration(
    State(tenant): State<Arc<Tenant>>,
    Path(seg): Path<String>,
) -> Response {
    if !authorize::tenant_segment_ok(&seg) {
        return authorize::unknown_tenant(&seg).json_response(&tenant, None);
    }
    let b = &tenant.options.sign_in_base;
    let mut r = respond::json(
        StatusCode::OK,
        &json!({
            "token_endpoint": format!("{b}/{seg}/oauth2/v2.0/token"),
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            "jwks_uri": format!("{b}/{seg}/discovery/v2.0/keys"),
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "issuer": tenant.issuer(),
            "request_uri_parameter_supported": false,
            "userinfo_endpoint": format!("{}/oidc/userinfo", tenant.options.graph_base),
            "authorization_endpoint": format!("{b}/{seg}/oauth2/v2.0/authorize"),
            "code_challenge_methods_supported": ["S256"],
            "http_logout_supported": true,
            "frontchannel_logout_supported": true,
            "end_session_endpoint": format!("{b}/{seg}/oauth2/v2.0/logout"),
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
            "tenant_region_scope": "EU",
            "cloud_instance_name": "microsoftonline.com",
        }),
    );
    respond::set(&mut r, "access-control-allow-origin", "*");
    r
}

async fn keys() -> Response {
    let mut r = respond::json(StatusCode::OK, &super::jwt::jwks());
    respond::set(&mut r, "access-control-allow-origin", "*");
    r
}
