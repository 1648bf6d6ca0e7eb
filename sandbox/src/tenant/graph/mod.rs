//! Microsoft Graph v1.0: the calls the app makes, with Graph's errors, permissions and CORS.

// Handlers return early with a ready Graph error response: `Result<_, Response>` is the point.
#![allow(clippy::result_large_err)]

pub mod access;
pub mod applications;
pub mod auth;
pub mod batch;
pub mod counts;
pub mod directory;
pub mod errors;
pub mod grants;
pub mod odata;
pub mod principals;
pub mod schema;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::Tenant;
use super::faults::FaultKind;
use super::respond;
use super::store::{CallRecord, new_id};
use auth::Principal;

/// Headers a browser may send to Graph (preflight answer).
pub const ALLOWED_HEADERS: &str = "Authorization, Content-Type, Prefer, ConsistencyLevel, client-request-id, return-client-request-id, SdkVersion, Accept";
pub const EXPOSED_HEADERS: &str = "ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, SdkVersion, WWW-Authenticate, Retry-After";
const MAX_BODY: usize = 4 * 1024 * 1024;

pub fn router(tenant: Arc<Tenant>) -> Router {
    Router::new().fallback(entry).with_state(tenant)
}

/// One Graph request, also used for the parts of a `$batch`.
#[derive(Debug, Clone)]
pub struct GraphRequest {
    pub method: Method,
    /// The path after `/v1.0`, still percent-encoded, without the query.
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// What a handler knows about the call.
pub struct Ctx {
    pub tenant: Arc<Tenant>,
    pub now: SystemTime,
    pub request_id: String,
    pub client_request_id: String,
    pub method: Method,
    /// The path after `/v1.0`, still percent-encoded (for `@odata.nextLink`).
    pub path: String,
    /// The query as sent, still percent-encoded.
    pub raw_query: String,
    pub query: HashMap<String, String>,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub principal: Option<Principal>,
}

impl Ctx {
    pub fn principal(&self) -> &Principal {
        match &self.principal {
            Some(p) => p,
            None => unreachable_principal(),
        }
    }
    pub fn q(&self, k: &str) -> Option<&str> {
        self.query.get(k).map(String::as_str)
    }
    pub fn header(&self, k: &str) -> Option<&str> {
        self.headers.get(k).and_then(|v| v.to_str().ok())
    }
    pub fn context(&self, what: &str) -> String {
        format!("{}/v1.0/$metadata#{what}", self.tenant.options.graph_base)
    }
    /// The JSON body, or Graph's 400 for a malformed one.
    pub fn json(&self) -> Result<serde_json::Map<String, Value>, Response> {
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(m)) => Ok(m),
            _ => Err(errors::error(
                self,
                StatusCode::BAD_REQUEST,
                "BadRequest",
                "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
            )),
        }
    }
}

fn unreachable_principal() -> &'static Principal {
    // Handlers run only after authentication; this keeps the type honest without a panic path
    // reachable from request data.
    static ANON: std::sync::OnceLock<Principal> = std::sync::OnceLock::new();
    ANON.get_or_init(|| Principal::App {
        app_id: String::new(),
        sp_id: String::new(),
        roles: vec![],
    })
}

async fn entry(State(tenant): State<Arc<Tenant>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    if parts.method == Method::OPTIONS {
        return preflight(&parts.headers);
    }
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let path = parts.uri.path();
    let Some(rest) = path.strip_prefix("/v1.0") else {
        let version = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let ctx = new_ctx(
            &tenant,
            &Method::GET,
            &parts.headers,
            (path.to_string(), String::new()),
            Bytes::new(),
        );
        return errors::error(
            &ctx,
            StatusCode::BAD_REQUEST,
            "BadRequest",
            &format!("Invalid version: {version}"),
        );
    };
    let req = GraphRequest {
        method: parts.method.clone(),
        path: if rest.is_empty() {
            "/".into()
        } else {
            rest.to_string()
        },
        query: parts.uri.query().unwrap_or_default().to_string(),
        headers: parts.headers,
        body,
    };
    handle(&tenant, req, false).await
}

fn preflight(headers: &HeaderMap) -> Response {
    let mut r = StatusCode::OK.into_response();
    let h = r.headers_mut();
    if headers.contains_key(header::ORIGIN) {
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOWED_HEADERS),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("3600"),
    );
    r
}

fn new_ctx(
    tenant: &Arc<Tenant>,
    method: &Method,
    headers: &HeaderMap,
    (path, query): (String, String),
    body: Bytes,
) -> Ctx {
    let client_request_id = headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .map(String::from)
        .unwrap_or_else(new_id);
    let mut q = HashMap::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        q.entry(k.into_owned()).or_insert_with(|| v.into_owned());
    }
    Ctx {
        tenant: tenant.clone(),
        now: tenant.now(),
        request_id: new_id(),
        client_request_id,
        method: method.clone(),
        path,
        raw_query: query,
        query: q,
        headers: headers.clone(),
        body,
        principal: None,
    }
}

/// Adds the headers every Graph response carries (request ids, CORS).
pub fn decorate(r: &mut Response, ctx: &Ctx) {
    respond::set(r, "request-id", &ctx.request_id);
    respond::set(r, "client-request-id", &ctx.client_request_id);
    if ctx.headers.contains_key(header::ORIGIN) {
        r.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        r.headers_mut().insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSED_HEADERS),
        );
    }
}

/// Faults, authentication, dispatch, logging.
pub async fn handle(tenant: &Arc<Tenant>, req: GraphRequest, in_batch: bool) -> Response {
    let decision =
        tenant
            .lock()
            .faults
            .decide(&tenant.options.faults, req.method.as_str(), &req.path);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    let mut ctx = new_ctx(
        tenant,
        &req.method,
        &req.headers,
        (req.path.clone(), req.query.clone()),
        req.body.clone(),
    );
    let (resp, fault) = match decision.fault {
        Some(FaultKind::Drop) => (respond::dropped(), Some("drop".to_string())),
        Some(FaultKind::Status {
            status,
            retry_after,
        }) => {
            let (code, msg) = match status {
                429 => ("TooManyRequests", "Please retry again later."),
                503 => (
                    "serviceNotAvailable",
                    "The service is temporarily unavailable. Please try again later.",
                ),
                // UNDOCUMENTED CHOICE: Graph's 504 body varies; we use "timeout".
                _ => (
                    "timeout",
                    "The operation timed out before it could be completed.",
                ),
            };
            let mut r = errors::error(
                &ctx,
                StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
                code,
                msg,
            );
            if let Some(secs) = super::entra::retry_secs(tenant, &retry_after) {
                respond::set(&mut r, "retry-after", &secs.to_string());
            }
            (r, Some(status.to_string()))
        }
        None => {
            let auth = req
                .headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok());
            let r = match auth::authenticate(tenant, auth) {
                Err(msg) => errors::unauthorized(&ctx, msg),
                Ok(p) => {
                    ctx.principal = Some(p);
                    let mut r = if is_write(&req.method) && !json_content_type(&req.headers) {
                        json_required(&ctx)
                    } else {
                        dispatch(&ctx, &req.path, in_batch).await
                    };
                    decorate(&mut r, &ctx);
                    r
                }
            };
            (r, None)
        }
    };
    tenant.lock().log(CallRecord {
        host: "graph",
        method: req.method.to_string(),
        path: req.path.clone(),
        status: resp.status().as_u16(),
        fault,
    });
    resp
}

fn is_write(m: &Method) -> bool {
    matches!(m.as_str(), "POST" | "PATCH" | "PUT")
}

/// `Content-Type: application/json`, with or without parameters (`; charset=utf-8`).
fn json_content_type(h: &HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

/// A write without `Content-Type: application/json` is refused before anything else, also as a
/// part of `$batch` (microsoftgraph/nodejs-connect-rest-sample issue 53 for the wording;
/// microsoftgraph/msgraph-sdk-dotnet issue 2628 for batch parts).
fn json_required(ctx: &Ctx) -> Response {
    errors::error(
        ctx,
        StatusCode::BAD_REQUEST,
        "BadRequest",
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    )
}

fn decode(seg: &str) -> String {
    percent_encoding::percent_decode_str(seg)
        .decode_utf8_lossy()
        .into_owned()
}

async fn dispatch(ctx: &Ctx, path: &str, in_batch: bool) -> Response {
    let segs: Vec<String> = path.trim_matches('/').split('/').map(decode).collect();
    let segs: Vec<&str> = segs
        .iter()
        .map(|s| s.strip_prefix("microsoft.graph.").unwrap_or(s))
        .collect();
    let m = &ctx.method;
    let (head, key) = odata::key_segment(segs.first().copied().unwrap_or_default());
    match (m.as_str(), head, key, &segs[1..]) {
        ("POST", "$batch", None, []) if !in_batch => batch::batch(ctx).await,
        ("GET", "organization", None, []) => directory::organization(ctx),
        ("GET", "me", None, []) => directory::me(ctx),
        ("GET", "me", None, [rel]) if *rel == "memberOf" || *rel == "transitiveMemberOf" => {
            directory::member_of(ctx)
        }
        ("GET", "users", None, ["$count"]) => counts::users(ctx),
        ("GET", "groups", None, ["$count"]) => counts::groups(ctx),
        ("GET", "sites", None, []) => directory::sites_search(ctx),
        ("GET", "sites", None, ["root"]) => directory::site_root(ctx),
        ("GET", "sites", None, ["getAllSites"]) => directory::all_sites(ctx),
        ("GET", "policies", None, ["defaultAppManagementPolicy"]) => {
            directory::app_management_policy(ctx)
        }

        ("GET", "applications", None, []) => applications::list(ctx),
        ("POST", "applications", None, []) => applications::create(ctx),
        ("GET", "applications", k, []) if k.is_some() => {
            applications::get(ctx, applications::Key::from(k))
        }
        ("PATCH", "applications", k, []) if k.is_some() => {
            applications::patch(ctx, applications::Key::from(k))
        }
        ("DELETE", "applications", k, []) if k.is_some() => {
            applications::delete(ctx, applications::Key::from(k))
        }
        ("GET", "applications", None, [id]) => {
            applications::get(ctx, applications::Key::Id(id.to_string()))
        }
        ("PATCH", "applications", None, [id]) => {
            applications::patch(ctx, applications::Key::Id(id.to_string()))
        }
        ("DELETE", "applications", None, [id]) => {
            applications::delete(ctx, applications::Key::Id(id.to_string()))
        }
        ("POST", "applications", None, [id, "addPassword"]) => applications::add_password(ctx, id),
        ("POST", "applications", None, [id, "removePassword"]) => {
            applications::remove_password(ctx, id)
        }

        ("GET", "servicePrincipals", None, []) => principals::list(ctx),
        ("POST", "servicePrincipals", None, []) => principals::create(ctx),
        ("GET", "servicePrincipals", k, []) if k.is_some() => {
            principals::get(ctx, principals::key(k))
        }
        ("PATCH", "servicePrincipals", k, []) if k.is_some() => {
            principals::upsert(ctx, principals::key(k))
        }
        ("GET", "servicePrincipals", None, [id]) => {
            principals::get(ctx, principals::SpKey::Id(id.to_string()))
        }
        ("DELETE", "servicePrincipals", None, [id]) => principals::delete(ctx, id),
        ("GET", "servicePrincipals", None, [id, "appRoleAssignments"]) => {
            principals::list_assignments(ctx, id, "principalId")
        }
        ("GET", "servicePrincipals", None, [id, "appRoleAssignedTo"]) => {
            principals::list_assignments(ctx, id, "resourceId")
        }
        ("POST", "servicePrincipals", None, [id, rel])
            if *rel == "appRoleAssignments" || *rel == "appRoleAssignedTo" =>
        {
            principals::assign(ctx, id, rel)
        }
        ("DELETE", "servicePrincipals", None, [id, "appRoleAssignments", aid]) => {
            principals::unassign(ctx, id, aid)
        }

        ("GET", "oauth2PermissionGrants", None, []) => grants::list_grants(ctx),
        ("POST", "oauth2PermissionGrants", None, []) => grants::create_grant(ctx),
        ("GET", "oauth2PermissionGrants", None, [id]) => grants::get_grant(ctx, id),
        ("PATCH", "oauth2PermissionGrants", None, [id]) => grants::patch_grant(ctx, id),
        ("DELETE", "oauth2PermissionGrants", None, [id]) => grants::delete_grant(ctx, id),

        ("GET", "roleManagement", None, ["directory", "roleAssignments"]) => {
            grants::list_role_assignments(ctx)
        }
        ("POST", "roleManagement", None, ["directory", "roleAssignments"]) => {
            grants::create_role_assignment(ctx)
        }
        ("GET", "roleManagement", None, ["directory", "roleDefinitions"]) => {
            grants::role_definitions(ctx)
        }
        _ => {
            let known = [
                "$batch",
                "organization",
                "me",
                "users",
                "groups",
                "sites",
                "policies",
                "applications",
                "servicePrincipals",
                "oauth2PermissionGrants",
                "roleManagement",
            ];
            if known.contains(&head) {
                errors::error(
                    ctx,
                    StatusCode::BAD_REQUEST,
                    "BadRequest",
                    &format!("Unsupported request: {} {path}", ctx.method),
                )
            } else {
                errors::error(
                    ctx,
                    StatusCode::BAD_REQUEST,
                    "BadRequest",
                    &format!("Resource not found for the segment '{head}'."),
                )
            }
        }
    }
}

/// A JSON 200/201 response with Graph's content type.
pub fn ok(status: StatusCode, body: &Value) -> Response {
    let mut r = respond::json(status, body);
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"),
    );
    r
}

pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
