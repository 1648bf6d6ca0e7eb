//! JSON batching (`POST /v1.0/$batch`): up to 20 independent calls in one round trip.
//!
//! <https://learn.microsoft.com/graph/json-batching>: at most 20 requests; answers come back in
//! any order (matched by `id`, not case-sensitive); each part is throttled on its own, so a 200
//! batch can hold 429 parts with their own `Retry-After`; a write part needs a body and a
//! `Content-Type` header. The guide's advice is "Batch should be either fully sequential or
//! fully parallel": every batch here is fully parallel (no `dependsOn`); a step that needs
//! another's result waits for the next round trip.

use serde_json::{Map, Value, json};

use super::call::{GraphCall, GraphReply};
use crate::http::HttpResponse;

/// Graph's limit of requests in one batch.
pub const MAX_PARTS: usize = 20;

/// The body of a `$batch` of `calls` (at most [`MAX_PARTS`]); part ids are their indexes.
pub fn batch_body(calls: &[GraphCall]) -> Value {
    debug_assert!(calls.len() <= MAX_PARTS);
    let requests: Vec<Value> = calls
        .iter()
        .enumerate()
        .map(|(index, call)| {
            let mut part = Map::new();
            part.insert("id".into(), Value::String(index.to_string()));
            part.insert("method".into(), Value::String(call.method.into()));
            part.insert("url".into(), Value::String(call.path.clone()));
            let mut headers = Map::new();
            for (name, value) in &call.headers {
                headers.insert((*name).into(), Value::String(value.clone()));
            }
            if let Some(body) = &call.body {
                headers.insert("Content-Type".into(), "application/json".into());
                part.insert("body".into(), body.clone());
            }
            if !headers.is_empty() {
                part.insert("headers".into(), Value::Object(headers));
            }
            Value::Object(part)
        })
        .collect();
    json!({ "requests": requests })
}

/// Splits a `$batch` answer into one reply per call, in the order of `calls`.
///
/// A batch refused as a whole (throttled, failed) gives every call that answer. A part that is
/// missing from a 200 answer becomes a 502 with code `BatchPartMissing`, so that the caller
/// treats it as a failed call rather than a success.
pub fn split_batch_response(response: &HttpResponse, parts: usize) -> Vec<GraphReply> {
    let whole = GraphReply::from_http(response);
    if response.status != 200 {
        return vec![whole; parts];
    }
    let answers = whole
        .body
        .get("responses")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    (0..parts)
        .map(|index| {
            let id = index.to_string();
            answers
                .iter()
                .find(|answer| part_id(answer).is_some_and(|found| found.eq_ignore_ascii_case(&id)))
                .map(part_reply)
                .unwrap_or_else(|| {
                    GraphReply::new(
                        502,
                        json!({ "error": { "code": "BatchPartMissing",
                            "message": "Microsoft Graph's batch answer had no response for this request." } }),
                    )
                })
        })
        .collect()
}

fn part_id(answer: &Value) -> Option<String> {
    match answer.get("id")? {
        Value::String(id) => Some(id.clone()),
        Value::Number(id) => Some(id.to_string()),
        _ => None,
    }
}

fn part_reply(answer: &Value) -> GraphReply {
    let status = answer
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|status| u16::try_from(status).ok())
        .unwrap_or(502);
    let headers = answer
        .get("headers")
        .and_then(Value::as_object)
        .map(|headers| {
            headers
                .iter()
                .filter_map(|(name, value)| {
                    let value = match value {
                        Value::String(text) => text.clone(),
                        Value::Number(number) => number.to_string(),
                        _ => return None,
                    };
                    Some((name.to_ascii_lowercase(), value))
                })
                .collect()
        })
        .unwrap_or_default();
    GraphReply {
        status,
        headers,
        body: answer.get("body").cloned().unwrap_or(Value::Null),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_numbered_and_writes_carry_json_content_type() {
        let calls = [
            GraphCall::get("/me"),
            GraphCall::post(
                "/applications/a/addPassword",
                json!({"passwordCredential": {}}),
            ),
        ];
        let body = batch_body(&calls);
        assert_eq!(body["requests"][0]["id"], "0");
        assert_eq!(body["requests"][0]["url"], "/me");
        assert!(body["requests"][0].get("headers").is_none());
        assert!(body["requests"][0].get("dependsOn").is_none());
        assert_eq!(
            body["requests"][1]["headers"]["Content-Type"],
            "application/json"
        );
        assert_eq!(body["requests"][1]["method"], "POST");
    }

    #[test]
    fn answers_in_any_order_are_matched_by_id() {
        let response = HttpResponse::new(
            200,
            r#"{"responses":[
                {"id":"1","status":429,"headers":{"Retry-After":"3"},"body":{"error":{"code":"TooManyRequests"}}},
                {"id":"0","status":200,"body":{"id":"me"}}]}"#,
        );
        let replies = split_batch_response(&response, 3);
        assert_eq!(replies[0].status, 200);
        assert_eq!(replies[0].body["id"], "me");
        assert_eq!(replies[1].status, 429);
        assert_eq!(replies[1].header("Retry-After"), Some("3"));
        assert_eq!(replies[2].status, 502, "a missing part is a failure");
        assert_eq!(replies[2].error_code(), Some("BatchPartMissing"));
    }

    #[test]
    fn a_refused_batch_refuses_every_part() {
        let response = HttpResponse::new(429, "").with_header("Retry-After", "9");
        let replies = split_batch_response(&response, 2);
        assert!(
            replies
                .iter()
                .all(|r| r.status == 429 && r.header("retry-after") == Some("9"))
        );
    }
}
