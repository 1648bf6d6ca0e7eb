//! `POST /$batch` (https://learn.microsoft.com/graph/json-batching): at most 20 requests,
//! unique ids (compared case-insensitively), relative URLs, `dependsOn` naming earlier requests
//! only, either fully parallel or fully sequential, 424 Failed Dependency for dependents of a
//! failed request, and responses in another order than the requests ("Responses to the batched
//! requests might appear in a different order"). Each part is faulted and throttled on its own.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use futures_util::future::join_all;
use serde_json::{Map, Value, json};

use super::super::respond::Dropped;
use super::{Ctx, GraphRequest, errors, handle, ok};

pub const MAX_REQUESTS: usize = 20;

struct Part {
    id: String,
    method: Method,
    url: String,
    headers: Map<String, Value>,
    body: Option<Value>,
    depends_on: Vec<String>,
}

fn invalid(ctx: &Ctx, msg: &str) -> Response {
    errors::error(ctx, StatusCode::BAD_REQUEST, "BadRequest", msg)
}

fn parse(ctx: &Ctx) -> Result<Vec<Part>, Response> {
    let body = ctx.json()?;
    let Some(requests) = body.get("requests").and_then(Value::as_array) else {
        return Err(invalid(ctx, "Invalid batch payload format."));
    };
    if requests.len() > MAX_REQUESTS {
        // UNDOCUMENTED CHOICE: the wording of Graph's message for more than 20 requests.
        return Err(invalid(
            ctx,
            &format!(
                "The number of requests in the batch ({}) exceeds the limit of {MAX_REQUESTS}.",
                requests.len()
            ),
        ));
    }
    let mut parts = vec![];
    for r in requests {
        let id = match r.get("id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(invalid(ctx, "Invalid batch payload format.")),
        };
        let method = r
            .get("method")
            .and_then(Value::as_str)
            .and_then(|m| Method::from_bytes(m.to_ascii_uppercase().as_bytes()).ok())
            .ok_or_else(|| invalid(ctx, "Invalid batch payload format."))?;
        let url = r
            .get("url")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(ctx, "Invalid batch payload format."))?
            .to_string();
        let depends_on = match r.get("dependsOn") {
            None | Some(Value::Null) => vec![],
            Some(Value::Array(a)) => a
                .iter()
                .map(|d| {
                    d.as_str()
                        .map(String::from)
                        .unwrap_or_else(|| d.to_string())
                })
                .collect(),
            Some(_) => return Err(invalid(ctx, "Invalid batch payload format.")),
        };
        // UNDOCUMENTED CHOICE: ids are compared case-insensitively (the stricter reading).
        if parts.iter().any(|p: &Part| p.id.eq_ignore_ascii_case(&id)) {
            return Err(invalid(
                ctx,
                &format!("Batch request ids must be unique: id '{id}' is repeated."),
            ));
        }
        parts.push(Part {
            id,
            method,
            url,
            headers: r
                .get("headers")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            body: r.get("body").cloned().filter(|b| !b.is_null()),
            depends_on,
        });
    }
    let position = |id: &str| parts.iter().position(|q| q.id.eq_ignore_ascii_case(id));
    for (i, p) in parts.iter().enumerate() {
        if let Some(d) = p.depends_on.iter().find(|d| position(d).is_none()) {
            return Err(invalid(
                ctx,
                &format!(
                    "Request '{}' depends on '{d}', which is not a request of this batch.",
                    p.id
                ),
            ));
        }
        // UNDOCUMENTED CHOICE: dependsOn may name earlier requests only (the guide's examples
        // all do; a forward or self reference is refused).
        if let Some(d) = p
            .depends_on
            .iter()
            .find(|d| position(d).is_some_and(|j| j >= i))
        {
            return Err(invalid(
                ctx,
                &format!(
                    "Request '{}' depends on '{d}', which is not an earlier request of this batch.",
                    p.id
                ),
            ));
        }
        let has_ct = p
            .headers
            .keys()
            .any(|k| k.eq_ignore_ascii_case("content-type"));
        let write = matches!(p.method.as_str(), "POST" | "PATCH" | "PUT");
        if write && (p.body.is_none() || !has_ct) {
            return Err(invalid(
                ctx,
                &format!(
                    "Write request id : {} does not contain Content-Type header or body.",
                    p.id
                ),
            ));
        }
    }
    // "Batch should be either fully sequential or fully parallel" (Microsoft's answer on
    // learn.microsoft.com/answers/questions/1532547, quoting the batching guide). The guide
    // states it as advice; refusing a mix with 400 is an UNDOCUMENTED CHOICE, the stricter one:
    // either no request has dependsOn, or every request after the first has one.
    let dependent = parts
        .iter()
        .skip(1)
        .filter(|p| !p.depends_on.is_empty())
        .count();
    if !parts.is_empty()
        && dependent != 0
        && (dependent != parts.len() - 1 || !parts[0].depends_on.is_empty())
    {
        return Err(invalid(
            ctx,
            "Batch should be either fully sequential or fully parallel",
        ));
    }
    Ok(parts)
}

/// Runs the parts in an order that respects `dependsOn` (array order otherwise).
fn order(parts: &[Part]) -> Option<Vec<usize>> {
    let mut done: Vec<usize> = vec![];
    while done.len() < parts.len() {
        let next = (0..parts.len()).find(|i| {
            !done.contains(i)
                && parts[*i]
                    .depends_on
                    .iter()
                    .all(|d| done.iter().any(|j| parts[*j].id.eq_ignore_ascii_case(d)))
        })?;
        done.push(next);
    }
    Some(done)
}

async fn body_of(resp: Response) -> (StatusCode, Map<String, Value>, Option<Value>) {
    let status = resp.status();
    let mut headers = Map::new();
    for (k, v) in resp.headers() {
        if let Ok(s) = v.to_str() {
            headers.insert(k.as_str().to_string(), Value::String(s.to_string()));
        }
    }
    let is_json = headers
        .get("content-type")
        .and_then(Value::as_str)
        .is_some_and(|c| c.contains("json"));
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    let body = if bytes.is_empty() {
        None
    } else if is_json {
        serde_json::from_slice(&bytes).ok()
    } else {
        Some(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    (status, headers, body)
}

pub async fn batch(ctx: &Ctx) -> Response {
    let parts = match parse(ctx) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(order) = order(&parts) else {
        return invalid(ctx, "The dependsOn of this batch form a cycle.");
    };
    let mut results: HashMap<String, Value> = HashMap::new();
    // A fully parallel batch is served concurrently, as Graph does, so that each part's
    // latency overlaps (https://learn.microsoft.com/graph/json-batching: "requests ... are
    // executed in any order" unless sequenced with dependsOn).
    if parts.iter().all(|p| p.depends_on.is_empty()) {
        let answers = join_all(parts.iter().map(|p| run_part(ctx, p))).await;
        for (p, answer) in parts.iter().zip(answers) {
            results.insert(p.id.clone(), answer);
        }
    } else {
        let mut failed: Vec<String> = vec![];
        for i in order {
            let p = &parts[i];
            if let Some(dep) = p
                .depends_on
                .iter()
                .find(|d| failed.iter().any(|f| f.eq_ignore_ascii_case(d)))
            {
                failed.push(p.id.clone());
                results.insert(
                    p.id.clone(),
                    json!({ "id": p.id, "status": 424, "body": { "error": { "code": "FailedDependency", "message": format!("Dependency '{dep}' failed.") } } }),
                );
                continue;
            }
            let answer = run_part(ctx, p).await;
            if answer["status"]
                .as_u64()
                .is_some_and(|status| status >= 400)
            {
                failed.push(p.id.clone());
            }
            results.insert(p.id.clone(), answer);
        }
    }
    // UNDOCUMENTED CHOICE: responses come back in reverse request order, so that a client
    // that matches them by position instead of by id fails every test.
    let responses: Vec<Value> = parts
        .iter()
        .rev()
        .filter_map(|p| results.remove(&p.id))
        .collect();
    ok(StatusCode::OK, &json!({ "responses": responses }))
}

/// Runs one part of a batch as its own Graph request; its answer as a batch response entry.
async fn run_part(ctx: &Ctx, p: &Part) -> Value {
    if p.url.contains("://") {
        return json!({ "id": p.id, "status": 400, "body": { "error": { "code": "BadRequest", "message": "Only relative URLs are supported in a batch." } } });
    }
    let url = format!("/{}", p.url.trim_start_matches('/'));
    let (path, query) = url
        .split_once('?')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or((url.clone(), String::new()));
    let mut headers = HeaderMap::new();
    for name in [header::AUTHORIZATION, header::ORIGIN] {
        if let Some(v) = ctx.headers.get(&name) {
            headers.insert(name, v.clone());
        }
    }
    for (k, v) in &p.headers {
        if let (Ok(n), Some(Ok(v))) = (
            HeaderName::from_bytes(k.as_bytes()),
            v.as_str().map(HeaderValue::from_str),
        ) {
            headers.insert(n, v);
        }
    }
    let body = p
        .body
        .as_ref()
        .map(|b| Bytes::from(b.to_string()))
        .unwrap_or_default();
    let req = GraphRequest {
        method: p.method.clone(),
        path,
        query,
        headers,
        body,
    };
    let resp = Box::pin(handle(&ctx.tenant, req, true)).await;
    let (status, headers, body) = if resp.extensions().get::<Dropped>().is_some() {
        // UNDOCUMENTED CHOICE: a dropped part is reported as a gateway timeout.
        (
            StatusCode::GATEWAY_TIMEOUT,
            Map::new(),
            Some(
                json!({ "error": { "code": "GatewayTimeout", "message": "The connection to the backend was closed." } }),
            ),
        )
    } else {
        body_of(resp).await
    };
    let mut v = json!({ "id": p.id, "status": status.as_u16(), "headers": headers });
    if let Some(b) = body {
        v["body"] = b;
    }
    v
}
