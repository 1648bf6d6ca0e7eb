//! The small part of OData the app uses: `$select`, simple `$filter` (`prop eq 'v' [and …]`),
//! `$top`, collection envelopes and key segments like `applications(uniqueName='x')`.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

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

/// `$top`, or Graph's default page size of 100.
pub fn top(ctx: &Ctx) -> usize {
    ctx.q("$top")
        .and_then(|t| t.parse::<usize>().ok())
        .unwrap_or(100)
}

/// 200 with a collection envelope whose `@odata.context` names `entity_set`.
pub fn collection_response(ctx: &Ctx, entity_set: &str, items: Vec<Value>) -> Response {
    ok(StatusCode::OK, &collection(ctx.context(entity_set), items))
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

/// A parsed `$filter`: a conjunction of `property eq 'value'` (string, GUID or boolean).
#[derive(Debug, Clone)]
pub struct Filter(pub Vec<(String, Value)>);

impl Filter {
    /// Err(property or clause) when the clause is not supported.
    pub fn parse(s: &str, allowed: &[&str]) -> Result<Filter, String> {
        let mut out = vec![];
        for clause in split_and(s) {
            let clause = clause.trim();
            let mut it = clause.splitn(3, ' ');
            let (Some(prop), Some(op), Some(val)) = (it.next(), it.next(), it.next()) else {
                return Err(clause.to_string());
            };
            if !op.eq_ignore_ascii_case("eq") {
                return Err(prop.to_string());
            }
            let Some(prop) = allowed.iter().find(|a| a.eq_ignore_ascii_case(prop)) else {
                return Err(prop.to_string());
            };
            let val = val.trim();
            let v = if let Some(inner) = val.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
                Value::String(inner.replace("''", "'"))
            } else if val == "true" || val == "false" {
                Value::Bool(val == "true")
            } else {
                return Err(prop.to_string());
            };
            out.push((prop.to_string(), v));
        }
        Ok(Filter(out))
    }

    pub fn matches(&self, obj: &Object) -> bool {
        self.0.iter().all(|(k, v)| match (obj.get(k), v) {
            (Some(Value::String(a)), Value::String(b)) => a.eq_ignore_ascii_case(b),
            (Some(a), b) => a == b,
            (None, Value::Null) => true,
            _ => false,
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
