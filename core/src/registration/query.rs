//! Building Graph query strings, and following `@odata.nextLink` (only on the Graph host).

use serde_json::Value;

use crate::graph::error::GraphError;
use crate::graph::{GraphCall, paging};

/// `value` as an OData string literal inside a URL: quotes doubled, then percent-encoded
/// (everything but unreserved characters), so a display name cannot break the query.
pub fn literal(value: &str) -> String {
    percent_encode(&format!("'{}'", value.replace('\'', "''")))
}

/// Percent-encodes all but RFC 3986 unreserved characters (spaces become `%20`, never `+`).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The call that fetches the next page named by a reply's `@odata.nextLink`, if any. A link
/// away from the Graph host is refused ([`paging::next_call`]): the token must never go
/// elsewhere. <https://learn.microsoft.com/graph/paging>: the link is opaque; keep it whole.
pub fn next_page(graph_base: &str, body: &Value) -> Option<Result<GraphCall, GraphError>> {
    let link = body.get("@odata.nextLink")?.as_str()?;
    Some(paging::next_call(graph_base.trim_end_matches('/'), link))
}

/// The `value` array of a collection reply (empty when absent).
pub fn items(body: &Value) -> Vec<Value> {
    body.get("value")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn literals_survive_quotes_and_spaces() {
        assert_eq!(literal("O'Brien Backup"), "%27O%27%27Brien%20Backup%27");
    }

    #[test]
    fn next_links_stay_on_the_graph_host() {
        let body = json!({ "@odata.nextLink": "https://graph.microsoft.com/v1.0/servicePrincipals?$skiptoken=abc" });
        let call = next_page("https://graph.microsoft.com", &body)
            .expect("a link")
            .expect("on Graph");
        assert_eq!(call.path, "/servicePrincipals?$skiptoken=abc");
        let evil = json!({ "@odata.nextLink": "https://evil.example/v1.0/x?$skiptoken=abc" });
        assert!(next_page("https://graph.microsoft.com", &evil).is_some_and(|r| r.is_err()));
        assert!(next_page("https://graph.microsoft.com", &json!({ "value": [] })).is_none());
    }
}
