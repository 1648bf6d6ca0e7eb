//! The small part of OData the app uses: `$select` (checked against the type), simple `$filter`
//! (`prop eq 'v'`, `prop in ('a','b')`, joined by `and`), `$top` and `$skiptoken` paging, collection envelopes and key segments like `applications(uniqueName='x')`.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use sha2::{Digest, Sha256};

use super::super::jwt::{b64url, b64url_decode};
use super::super::store::Object;
use super::{Ctx, errors, ok};

/// The request's `$filter`, or Graph's 400 `Request_UnsupportedQuery` for a clause that
/// `resource` (e.g. `ServicePrincipal`) does not support on these properties.
pub fn request_filter(
    ctx: &Ctx,
    resource: &str,
    allowed: &[&str],
) -> Result<Option<Filter>, Response> {
    match ctx.q("$filter").map(|f| Filter::parse(f, allowed)) {
        None => Ok(None),
        Some(Ok(filter)) => Ok(Some(filter)),
        Some(Err(property)) => Err(errors::error(
            ctx,
            StatusCode::BAD_REQUEST,
            "Request_UnsupportedQuery",
            &format!(
                "Unsupported or invalid query filter clause specified for property '{property}' of resource '{resource}'."
            ),
        )),
    }
}

/// 200 with a collection envelope whose `@odata.context` names `entity_set`: one page of
/// `items`, with an `@odata.nextLink` when more follow (see [`page`]).
pub fn collection_response(ctx: &Ctx, entity_set: &str, items: Vec<Value>) -> Response {
    match page(ctx, items) {
        Ok((items, next)) => {
            let mut body = collection(ctx.context(entity_set), items);
            if let Some(next) = next {
                body["@odata.nextLink"] = Value::String(next);
            }
            ok(StatusCode::OK, &body)
        }
        Err(r) => r,
    }
}

/// The largest `$top` of directory objects (https://learn.microsoft.com/graph/paging).
pub const MAX_TOP: usize = 999;

/// The page size: `$top` (1 to 999) or the tenant's page size.
fn page_size(ctx: &Ctx) -> Result<usize, Response> {
    match ctx.q("$top") {
        None => Ok(ctx.tenant.page_size()),
        Some(t) => match t.trim().parse::<usize>() {
            Ok(n) if (1..=MAX_TOP).contains(&n) => Ok(n),
            // UNDOCUMENTED CHOICE: the code and wording of Graph's answer to a $top out of range.
            _ => Err(errors::error(
                ctx,
                StatusCode::BAD_REQUEST,
                "Request_UnsupportedQuery",
                &format!(
                    "Invalid page size specified: '{t}'. Must be between 1 and {MAX_TOP} inclusive."
                ),
            )),
        },
    }
}

/// The query without `$skiptoken`, as sent (still percent-encoded).
fn query_without_skiptoken(raw: &str) -> Vec<&str> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or_default();
            let key = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
            !key.eq_ignore_ascii_case("$skiptoken")
        })
        .collect()
}

/// Binds a page token to the request it continues (path and every other query option).
fn fingerprint(ctx: &Ctx) -> String {
    let mut h = Sha256::new();
    h.update(ctx.path.as_bytes());
    for p in query_without_skiptoken(&ctx.raw_query) {
        h.update(b"&");
        h.update(p.as_bytes());
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One page of `items` and the next page's absolute link: `{graph}/v1.0{path}?{query}&$skiptoken=…`.
/// The token is opaque (base64url of an offset bound to the request); a token that does not
/// belong to this request is refused. https://learn.microsoft.com/graph/paging : "@odata.nextLink
/// … contains the URL of the next page; use it as is"; the `$skiptoken` value is opaque.
pub fn page(ctx: &Ctx, items: Vec<Value>) -> Result<(Vec<Value>, Option<String>), Response> {
    let size = page_size(ctx)?;
    let fp = fingerprint(ctx);
    let offset = match ctx.q("$skiptoken") {
        None => 0,
        Some(token) => {
            let decoded = b64url_decode(token)
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|s| {
                    let (o, f) = s.strip_prefix("sandbox-page:")?.split_once(':')?;
                    (f == fp).then(|| o.parse::<usize>().ok()).flatten()
                });
            match decoded {
                Some(o) => o,
                // UNDOCUMENTED CHOICE: Graph's answer to a skip token of another query.
                None => {
                    return Err(errors::error(
                        ctx,
                        StatusCode::BAD_REQUEST,
                        "Directory_ExpiredPageToken",
                        "The specified page token value has expired and can no longer be included in your request.",
                    ));
                }
            }
        }
    };
    let total = items.len();
    let end = offset.saturating_add(size).min(total);
    let page: Vec<Value> = items
        .into_iter()
        .skip(offset)
        .take(end.saturating_sub(offset))
        .collect();
    let next = (end < total).then(|| {
        let token = b64url(format!("sandbox-page:{end}:{fp}").as_bytes());
        let mut q = query_without_skiptoken(&ctx.raw_query).join("&");
        if !q.is_empty() {
            q.push('&');
        }
        format!(
            "{}/v1.0{}?{q}$skiptoken={token}",
            ctx.tenant.options.graph_base, ctx.path
        )
    });
    Ok((page, next))
}

/// `$select` must name properties of `type_name` (e.g. `application`), or Graph answers 400
/// (wording as reported in microsoftgraph/microsoft-graph-docs issue 9988).
pub fn check_select(ctx: &Ctx, type_name: &str, known: &[&str]) -> Result<(), Response> {
    let Some(list) = ctx.q("$select") else {
        return Ok(());
    };
    match list
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .find(|p| !known.iter().any(|k| k.eq_ignore_ascii_case(p)))
    {
        None => Ok(()),
        Some(p) => Err(errors::error(
            ctx,
            StatusCode::BAD_REQUEST,
            "BadRequest",
            &format!(
                "Parsing OData Select and Expand failed: Could not find a property named '{p}' on type 'microsoft.graph.{type_name}'."
            ),
        )),
    }
}

/// Graph's 400 for a write body property that `type_name` does not declare.
/// UNDOCUMENTED CHOICE: the wording is OData's for an undeclared property (as Graph reports it in
/// microsoftgraph/msgraph-sdk-dotnet issue 450); the code follows the directory's `Request_BadRequest`.
pub fn unknown_property(ctx: &Ctx, type_name: &str, property: &str) -> Response {
    errors::bad_request(ctx, &unknown_property_message(type_name, property))
}

pub fn unknown_property_message(type_name: &str, property: &str) -> String {
    format!(
        "The property '{property}' does not exist on type 'microsoft.graph.{type_name}'. Make sure to only use property names that are defined by the type or mark the type as open type."
    )
}

/// Every key of `body` must be a property of `type_name` (or an `@odata` annotation).
pub fn check_body(
    ctx: &Ctx,
    body: &Map<String, Value>,
    type_name: &str,
    known: &[&str],
) -> Result<(), Response> {
    match body
        .keys()
        .find(|k| !k.starts_with("@odata.") && !known.contains(&k.as_str()))
    {
        None => Ok(()),
        Some(k) => Err(unknown_property(ctx, type_name, k)),
    }
}

/// `status` with one entity whose `@odata.context` names `what` (e.g. `applications/$entity`).
pub fn entity_response(ctx: &Ctx, status: StatusCode, what: &str, mut entity: Value) -> Response {
    entity["@odata.context"] = Value::String(ctx.context(what));
    ok(status, &entity)
}

/// Keeps only the selected properties (Graph returns just those).
pub fn select(obj: &Object, select: Option<&str>) -> Value {
    match select {
        None => Value::Object(obj.clone()),
        Some(list) => {
            let mut out = Map::new();
            for p in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                if let Some((k, v)) = obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(p)) {
                    out.insert(k.clone(), v.clone());
                }
            }
            if let Some(t) = obj.get("@odata.type") {
                out.insert("@odata.type".into(), t.clone());
            }
            Value::Object(out)
        }
    }
}

/// A parsed `$filter`: a conjunction of `property eq 'value'` or `property in ('a','b',…)`
/// (strings, GUIDs or booleans). Each clause holds the values any one of which matches.
#[derive(Debug, Clone)]
pub struct Filter(pub Vec<(String, Vec<Value>)>);

/// The key prefix of a `startswith` clause in a [`Filter`].
const STARTS_WITH: &str = "startswith:";

/// Graph accepts at most 15 values in one `in` clause
/// (https://learn.microsoft.com/graph/aad-advanced-queries, "in" operator limits).
pub const MAX_IN_VALUES: usize = 15;

fn literal(val: &str) -> Option<Value> {
    let val = val.trim();
    if let Some(inner) = val.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Some(Value::String(inner.replace("''", "'")))
    } else if val == "true" || val == "false" {
        Some(Value::Bool(val == "true"))
    } else {
        None
    }
}

/// `('a', 'b')` → the literals, or None when malformed.
fn in_list(val: &str) -> Option<Vec<Value>> {
    let inner = val.trim().strip_prefix('(')?.strip_suffix(')')?;
    let mut out = vec![];
    let mut cur = String::new();
    let mut in_q = false;
    for c in inner.chars() {
        match c {
            '\'' => {
                in_q = !in_q;
                cur.push(c);
            }
            ',' if !in_q => out.push(literal(&std::mem::take(&mut cur))?),
            _ => cur.push(c),
        }
    }
    out.push(literal(&cur)?);
    Some(out)
}

impl Filter {
    /// Err(property or clause) when the clause is not supported.
    pub fn parse(s: &str, allowed: &[&str]) -> Result<Filter, String> {
        let mut out = vec![];
        for clause in split_and(s) {
            let clause = clause.trim();
            // `startswith(displayName,'Contoso')`: supported on `displayName` by default
            // (https://learn.microsoft.com/graph/api/application-list, "Optional query
            // parameters"; https://learn.microsoft.com/graph/filter-query-parameter).
            if let Some(arguments) = clause
                .get(..11)
                .filter(|head| head.eq_ignore_ascii_case("startswith("))
                .and_then(|_| clause[11..].strip_suffix(')'))
            {
                let (prop, prefix) = arguments.split_once(',').unwrap_or((arguments, ""));
                let prop = prop.trim();
                if !prop.eq_ignore_ascii_case("displayName")
                    || !allowed.iter().any(|a| a.eq_ignore_ascii_case(prop))
                {
                    return Err(prop.to_string());
                }
                match literal(prefix) {
                    Some(Value::String(prefix)) => out.push((
                        [STARTS_WITH, "displayName"].concat(),
                        vec![Value::String(prefix)],
                    )),
                    _ => return Err(prop.to_string()),
                }
                continue;
            }
            let mut it = clause.splitn(3, ' ');
            let (Some(prop), Some(op), Some(val)) = (it.next(), it.next(), it.next()) else {
                return Err(clause.to_string());
            };
            let Some(prop) = allowed.iter().find(|a| a.eq_ignore_ascii_case(prop)) else {
                return Err(prop.to_string());
            };
            let values = if op.eq_ignore_ascii_case("eq") {
                literal(val).map(|v| vec![v])
            } else if op.eq_ignore_ascii_case("in") {
                in_list(val).filter(|v| (1..=MAX_IN_VALUES).contains(&v.len()))
            } else {
                None
            };
            match values {
                Some(v) => out.push((prop.to_string(), v)),
                None => return Err(prop.to_string()),
            }
        }
        Ok(Filter(out))
    }

    pub fn matches(&self, obj: &Object) -> bool {
        self.0.iter().all(|(k, vs)| {
            if let Some(property) = k.strip_prefix(STARTS_WITH) {
                // Graph compares case-insensitively, as for `eq` on strings.
                return match (obj.get(property), vs.first()) {
                    (Some(Value::String(a)), Some(Value::String(b))) => {
                        a.to_lowercase().starts_with(&b.to_lowercase())
                    }
                    _ => false,
                };
            }
            vs.iter().any(|v| match (obj.get(k), v) {
                (Some(Value::String(a)), Value::String(b)) => a.eq_ignore_ascii_case(b),
                (Some(a), b) => a == b,
                (None, Value::Null) => true,
                _ => false,
            })
        })
    }
}

fn split_and(s: &str) -> Vec<String> {
    // Split on " and " outside quotes.
    let mut parts = vec![];
    let mut cur = String::new();
    let mut in_q = false;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            in_q = !in_q;
        }
        if !in_q
            && chars[i..]
                .iter()
                .take(5)
                .collect::<String>()
                .eq_ignore_ascii_case(" and ")
        {
            parts.push(std::mem::take(&mut cur));
            i += 5;
            continue;
        }
        cur.push(c);
        i += 1;
    }
    parts.push(cur);
    parts
}

pub fn collection(context: String, items: Vec<Value>) -> Value {
    json!({ "@odata.context": context, "value": items })
}

/// `name(key='value')` or `name(value)` → (name, Some((key, value))).
pub fn key_segment(seg: &str) -> (&str, Option<(String, String)>) {
    let Some(open) = seg.find('(') else {
        return (seg, None);
    };
    let Some(inner) = seg[open + 1..].strip_suffix(')') else {
        return (seg, None);
    };
    let name = &seg[..open];
    let (k, v) = match inner.split_once('=') {
        Some((k, v)) => (k.trim().to_string(), v.trim()),
        None => ("id".to_string(), inner.trim()),
    };
    let v = v
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .unwrap_or(v)
        .replace("''", "'");
    (name, Some((k, v)))
}
