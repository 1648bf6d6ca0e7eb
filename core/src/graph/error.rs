//! Microsoft Graph's OData error body, `{"error":{"code","message","innerError"}}`, and what a
//! failed Graph call means for the admin.

use core::fmt;

use serde::Deserialize;

/// Graph's error envelope.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GraphErrorBody {
    /// The error itself.
    pub error: GraphErrorDetail,
}

/// `error` inside Graph's error body.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GraphErrorDetail {
    /// Machine code, like `Authorization_RequestDenied` or `InvalidAuthenticationToken`.
    #[serde(default)]
    pub code: String,
    /// Graph's human-readable message.
    #[serde(default)]
    pub message: String,
    /// Request ids for support.
    #[serde(default, rename = "innerError")]
    pub inner_error: Option<GraphInnerError>,
}

/// `innerError`: ids that let Microsoft support find the request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct GraphInnerError {
    /// `request-id`.
    #[serde(default, rename = "request-id")]
    pub request_id: Option<String>,
    /// `client-request-id`.
    #[serde(default, rename = "client-request-id")]
    pub client_request_id: Option<String>,
    /// `date`.
    #[serde(default)]
    pub date: Option<String>,
}

/// What a failed Graph call means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphErrorKind {
    /// 401: the access token expired or was refused: sign in again.
    SignInExpired,
    /// 403: the signed-in account lacks a role or permission for this step.
    MissingRole,
    /// 404: not found (new objects can take a while to appear everywhere).
    NotFound,
    /// 429, 503, 504: Graph is busy; wait and try again.
    Busy,
    /// Anything else.
    Other,
}

/// A failed Graph call, ready to show to the admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphError {
    /// The HTTP status.
    pub status: u16,
    /// What it means.
    pub kind: GraphErrorKind,
    /// Graph's error code and message, when the body had them.
    pub detail: Option<GraphErrorDetail>,
    /// Seconds to wait before retrying, from `Retry-After` (only its delta-seconds form).
    pub retry_after_seconds: Option<u64>,
}

impl GraphError {
    /// Builds the error from a failed response: status, body text, and the `Retry-After`
    /// header if any (an HTTP-date value is ignored: use the default backoff then).
    pub fn from_response(status: u16, body: &str, retry_after: Option<&str>) -> Self {
        let detail = serde_json::from_str::<GraphErrorBody>(body)
            .ok()
            .map(|body| body.error);
        let kind = match status {
            401 => GraphErrorKind::SignInExpired,
            403 => GraphErrorKind::MissingRole,
            404 => GraphErrorKind::NotFound,
            429 | 503 | 504 => GraphErrorKind::Busy,
            _ => GraphErrorKind::Other,
        };
        let retry_after_seconds = retry_after.and_then(|value| value.trim().parse().ok());
        Self {
            status,
            kind,
            detail,
            retry_after_seconds,
        }
    }

    /// True when the same request may succeed later without anything changing.
    pub fn is_retryable(&self) -> bool {
        self.kind == GraphErrorKind::Busy
    }

    /// Graph's error code, if any.
    pub fn code(&self) -> Option<&str> {
        self.detail
            .as_ref()
            .map(|d| d.code.as_str())
            .filter(|c| !c.is_empty())
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            GraphErrorKind::SignInExpired => f.write_str(
                "Your sign-in has expired or was not accepted by Microsoft Graph. Please sign in again.",
            )?,
            GraphErrorKind::MissingRole => f.write_str(
                "Microsoft Graph refused this step: your account lacks the role it needs. \
                 Sign in as a Global Administrator or Privileged Role Administrator (activate the \
                 role first if it is eligible in Privileged Identity Management).",
            )?,
            GraphErrorKind::NotFound => f.write_str(
                "Microsoft Graph could not find an object this step needs. New objects can take \
                 a minute to appear; try again shortly.",
            )?,
            GraphErrorKind::Busy => match self.retry_after_seconds {
                Some(seconds) => write!(
                    f,
                    "Microsoft Graph is busy. Wait {seconds} seconds and try again."
                )?,
                None => f.write_str("Microsoft Graph is busy. Wait a minute and try again.")?,
            },
            GraphErrorKind::Other => write!(
                f,
                "Microsoft Graph refused this step (HTTP {}). If trying again does not help, give \
                 the reference below to support.",
                self.status
            )?,
        }
        if let Some(detail) = &self.detail {
            if self.kind == GraphErrorKind::Other && !detail.message.is_empty() {
                write!(f, " Graph said: \"{}\".", detail.message)?;
            }
            let mut reference = vec![format!("HTTP {}", self.status)];
            if !detail.code.is_empty() {
                reference.push(detail.code.clone());
            }
            if let Some(inner) = &detail.inner_error {
                if let Some(id) = &inner.request_id {
                    reference.push(format!("request id {id}"));
                }
                if let Some(id) = &inner.client_request_id {
                    reference.push(format!("client request id {id}"));
                }
                if let Some(date) = &inner.date {
                    reference.push(format!("time {date}"));
                }
            }
            write!(f, " Reference for support: {}.", reference.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

#[cfg(test)]
mod tests {
    use super::*;

    const DENIED: &str = r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2026-11-22T00:44:22","request-id":"r-1","client-request-id":"c-1"}}}"#;

    #[test]
    fn forbidden_means_a_missing_role() {
        let error = GraphError::from_response(403, DENIED, None);
        assert_eq!(error.kind, GraphErrorKind::MissingRole);
        assert_eq!(error.code(), Some("Authorization_RequestDenied"));
        let text = error.to_string();
        assert!(text.contains("Global Administrator"), "{text}");
        assert!(
            text.contains("request id r-1") && text.contains("client request id c-1"),
            "{text}"
        );
        assert!(!error.is_retryable());
    }

    #[test]
    fn unauthorized_means_sign_in_again() {
        let body = r#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}"#;
        let error = GraphError::from_response(401, body, None);
        assert_eq!(error.kind, GraphErrorKind::SignInExpired);
        assert!(error.to_string().contains("sign in again"));
    }

    #[test]
    fn busy_with_and_without_retry_after() {
        let error = GraphError::from_response(429, "", Some(" 7 "));
        assert_eq!(error.kind, GraphErrorKind::Busy);
        assert_eq!(error.retry_after_seconds, Some(7));
        assert!(error.to_string().contains("7 seconds"));
        assert!(error.is_retryable());
        for status in [503, 504] {
            let error =
                GraphError::from_response(status, "<html/>", Some("Sun, 06 Nov 1994 08:49:37 GMT"));
            assert_eq!(error.kind, GraphErrorKind::Busy);
            assert_eq!(error.retry_after_seconds, None);
            assert!(error.to_string().contains("try again"));
        }
    }

    #[test]
    fn other_errors_keep_graphs_message() {
        let body = r#"{"error":{"code":"Request_BadRequest","message":"Invalid value specified for property 'displayName'."}}"#;
        let error = GraphError::from_response(400, body, None);
        assert_eq!(error.kind, GraphErrorKind::Other);
        let text = error.to_string();
        assert!(text.contains("Invalid value specified"), "{text}");
        assert!(text.contains("Request_BadRequest"), "{text}");
    }

    #[test]
    fn body_without_odata_error() {
        let error = GraphError::from_response(500, "oops", None);
        assert_eq!(error.detail, None);
        assert_eq!(error.code(), None);
        assert!(error.to_string().contains("HTTP 500"));
    }
}
