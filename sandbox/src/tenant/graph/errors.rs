//! Graph's OData error body: `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::super::clock::iso;
use super::super::respond;
use super::Ctx;

pub fn error(ctx: &Ctx, status: StatusCode, code: &str, message: &str) -> Response {
    error_with(ctx, status, code, message, None)
}

pub fn error_with(
    ctx: &Ctx,
    status: StatusCode,
    code: &str,
    message: &str,
    details: Option<Value>,
) -> Response {
    let mut e = json!({
        "code": code,
        "message": message,
        "innerError": {
            "date": iso(ctx.now).trim_end_matches('Z'),
            "request-id": ctx.request_id,
            "client-request-id": ctx.client_request_id,
        },
    });
    if let Some(d) = details {
        e["details"] = d;
    }
    let mut r = respond::json(status, &json!({ "error": e }));
    super::decorate(&mut r, ctx);
    r
}

pub fn denied(ctx: &Ctx) -> Response {
    error(
        ctx,
        StatusCode::FORBIDDEN,
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
    )
}

pub fn not_found(ctx: &Ctx, id: &str) -> Response {
    error(
        ctx,
        StatusCode::NOT_FOUND,
        "Request_ResourceNotFound",
        &format!(
            "Resource '{id}' does not exist or one of its queried reference-property objects are not present."
        ),
    )
}

pub fn bad_request(ctx: &Ctx, message: &str) -> Response {
    error(ctx, StatusCode::BAD_REQUEST, "Request_BadRequest", message)
}

pub fn unauthorized(ctx: &Ctx, message: &str) -> Response {
    let mut r = error(
        ctx,
        StatusCode::UNAUTHORIZED,
        "InvalidAuthenticationToken",
        message,
    );
    respond::set(
        &mut r,
        "www-authenticate",
        "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"",
    );
    r
}

pub fn bad_request_code(ctx: &Ctx, code: &str, message: &str) -> Response {
    error(ctx, StatusCode::BAD_REQUEST, code, message)
}

/// A write that references a principal (or resource) created moments ago, before it has
/// replicated: 400 "Not a valid reference update." (github.com/microsoftgraph/msgraph-bicep-types
/// issue 193, github.com/microsoftgraph/microsoft-graph-docs issue 9738).
pub fn invalid_reference(ctx: &Ctx) -> Response {
    bad_request(ctx, "Not a valid reference update.")
}
