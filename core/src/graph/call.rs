//! One Microsoft Graph call and its answer, independent of how they travel (alone or as a part
//! of a `$batch`). The registration engine hands out [`GraphCall`]s and takes [`GraphReply`]s.

use serde_json::Value;

use crate::http::{HttpRequest, HttpResponse};

/// A Graph v1.0 call. `path` is relative to the version (`/applications?$select=id`).
#[derive(Clone, PartialEq)]
pub struct GraphCall {
    pub method: &'static str,
    pub path: String,
    /// Extra headers, like `Prefer: create-if-missing`. `Content-Type` is added for a body.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body of a write (may hold a secret's name, never a secret: Graph makes those).
    pub body: Option<Value>,
}

impl GraphCall {
    pub fn get(path: impl Into<String>) -> Self {
        Self::new("GET", path, None)
    }

    pub fn post(path: impl Into<String>, body: Value) -> Self {
        Self::new("POST", path, Some(body))
    }

    pub fn patch(path: impl Into<String>, body: Value) -> Self {
        Self::new("PATCH", path, Some(body))
    }

    pub fn delete(path: impl Into<String>) -> Self {
        Self::new("DELETE", path, None)
    }

    fn new(method: &'static str, path: impl Into<String>, body: Option<Value>) -> Self {
        GraphCall {
            method,
            path: path.into(),
            headers: Vec::new(),
            body,
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// True for a call that changes the tenant.
    pub fn is_write(&self) -> bool {
        self.method != "GET"
    }

    /// The call as its own HTTP request to `{graph_base}/v1.0{path}`, with the bearer token.
    pub fn to_http(&self, graph_base: &str, authorization: &str) -> HttpRequest {
        let url = format!("{graph_base}/v1.0{}", self.path);
        let mut request = match &self.body {
            Some(body) => HttpRequest::json(self.method, url, body.to_string()),
            None => HttpRequest {
                method: self.method,
                url,
                headers: Vec::new(),
                body: None,
            },
        };
        request.headers.extend(self.headers.iter().cloned());
        request.header("Authorization", authorization.to_owned())
    }
}

impl core::fmt::Debug for GraphCall {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// Graph's answer to one call: from a plain response, or one part of a `$batch` answer.
#[derive(Clone, PartialEq)]
pub struct GraphReply {
    pub status: u16,
    /// Headers, names lowercase (`retry-after`, `location`, `request-id`, ...).
    pub headers: Vec<(String, String)>,
    /// The JSON body; `Null` when there was none (204) or it was not JSON.
    pub body: Value,
}

impl GraphReply {
    pub fn new(status: u16, body: Value) -> Self {
        GraphReply {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// Reads a plain HTTP response.
    pub fn from_http(response: &HttpResponse) -> Self {
        GraphReply {
            status: response.status,
            headers: response.headers.clone(),
            body: serde_json::from_str(&response.body).unwrap_or(Value::Null),
        }
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A header's value; `name` is matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Graph's error code (`error.code`), if the body is an OData error.
    pub fn error_code(&self) -> Option<&str> {
        self.body.pointer("/error/code").and_then(Value::as_str)
    }

    /// Graph's error message (`error.message`), if any.
    pub fn error_message(&self) -> Option<&str> {
        self.body.pointer("/error/message").and_then(Value::as_str)
    }
}

impl core::fmt::Debug for GraphReply {
    // The body can hold a new secret (`addPassword` answers with `secretText`): never shown.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("GraphReply")
            .field("status", &self.status)
            .field("error", &self.error_code())
            .finish_non_exhaustive()
    }
}

/// No answer to a call: the connection failed, timed out or was refused.
pub use crate::http::Unreachable;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_write_sends_json_with_its_content_type_and_the_token() {
        let call = GraphCall::patch(
            "/applications(uniqueName='x')",
            json!({ "displayName": "Contoso Backup" }),
        )
        .header("Prefer", "create-if-missing");
        let request = call.to_http("https://graph.microsoft.com", "Bearer t");
        assert_eq!(
            request.url,
            "https://graph.microsoft.com/v1.0/applications(uniqueName='x')"
        );
        assert_eq!(request.method, "PATCH");
        assert!(
            request
                .headers
                .contains(&("Content-Type", "application/json".to_owned()))
        );
        assert!(
            request
                .headers
                .contains(&("Prefer", "create-if-missing".to_owned()))
        );
        assert!(
            request
                .headers
                .contains(&("Authorization", "Bearer t".to_owned()))
        );
        assert_eq!(
            request.body.as_deref(),
            Some(r#"{"displayName":"Contoso Backup"}"#)
        );
        assert!(call.is_write());
        assert!(!GraphCall::get("/me").is_write());
    }

    #[test]
    fn a_reply_never_shows_its_body() {
        let reply = GraphReply::new(200, json!({ "secretText": "hunter2" }));
        assert!(!format!("{reply:?}").contains("hunter2"));
        let refused = GraphReply::from_http(&HttpResponse::new(
            404,
            r#"{"error":{"code":"Request_ResourceNotFound","message":"gone"}}"#,
        ));
        assert_eq!(refused.error_code(), Some("Request_ResourceNotFound"));
        assert_eq!(refused.error_message(), Some("gone"));
        assert_eq!(
            GraphReply::from_http(&HttpResponse::new(204, "")).body,
            Value::Null
        );
    }
}
