//! What a failed Microsoft Graph call means for the admin: Graph's OData error body
//! (`{"error":{"code","message","innerError"}}`, <https://learn.microsoft.com/graph/errors>),
//! sorted into the few cases the admin can act on, each with words that say what to do.
//!
//! Whether a refusal is worth repeating is decided once, by [`classify`]; this module only names
//! what is left when the retries are over.

use core::fmt;

use serde::Deserialize;
use serde_json::Value;

use super::call::GraphReply;
use super::retry::{Refusal, classify};
use crate::http::Unreachable;

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

/// The error codes of a tenant's app-management policy refusing a credential
/// (<https://learn.microsoft.com/graph/api/resources/applicationauthenticationmethodpolicy>).
pub const APP_POLICY_CODES: [&str; 2] = [
    "CredentialTypeNotAllowedAsPerAppPolicy",
    "CredentialInvalidLifetimeAsPerAppPolicy",
];

/// What a failed Graph call means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphErrorKind {
    /// 401: the access token expired or was refused: sign in again.
    SignInExpired,
    /// 403: the signed-in account lacks a role, or the sign-in a permission, for this step.
    MissingPermission,
    /// A new object was still not visible everywhere after the automatic retries.
    NotReplicated,
    /// The object or assignment is already there (400 "already exists on the object", 409).
    AlreadyExists,
    /// The tenant's app-management policy refused a credential (a secret or its lifetime).
    RefusedByAppPolicy,
    /// 429, 503, 504 still, after the automatic retries.
    Throttled,
    /// 404 that is not a replication delay.
    NotFound,
    /// Any other refusal.
    Other,
    /// No HTTP answer at all (offline, blocked, timed out).
    Unreachable,
    /// An answer this page could not use (not the JSON expected, a next link off Graph).
    UnexpectedAnswer,
}

/// A failed Graph call, ready to show to the admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphError {
    /// What it means.
    pub kind: GraphErrorKind,
    /// The HTTP status; `None` when no answer came.
    pub status: Option<u16>,
    /// Graph's error code and message, when the body had them (boxed: errors travel in
    /// `Result`s and are mostly read only when shown).
    pub detail: Option<Box<GraphErrorDetail>>,
    /// `request-id` for support: from `innerError`, else from the response headers.
    pub request_id: Option<String>,
    /// `client-request-id` for support: from `innerError`, else from the response headers.
    pub client_request_id: Option<String>,
    /// Seconds Graph asked to wait (`Retry-After` in its delta-seconds form).
    pub retry_after_seconds: Option<u64>,
    /// For [`GraphErrorKind::Unreachable`] and [`GraphErrorKind::UnexpectedAnswer`]: what went
    /// wrong, in words (the host and the browser's reason, or what was wrong with the answer).
    pub problem: Option<String>,
}

impl GraphError {
    /// Reads a failed reply (a whole response or one part of a `$batch`).
    pub fn from_reply(reply: &GraphReply) -> Self {
        let detail = serde_json::from_value::<GraphErrorBody>(reply.body.clone())
            .ok()
            .map(|body| Box::new(body.error));
        let inner = detail.as_ref().and_then(|d| d.inner_error.as_ref());
        let from_header = |name: &str| reply.header(name).map(str::to_owned);
        let request_id = inner
            .and_then(|i| i.request_id.clone())
            .or_else(|| from_header("request-id"));
        let client_request_id = inner
            .and_then(|i| i.client_request_id.clone())
            .or_else(|| from_header("client-request-id"));
        // An HTTP-date Retry-After only matters for the wait, which the sender already made.
        let retry_after_seconds = reply
            .header("retry-after")
            .and_then(|value| value.trim().parse().ok());
        GraphError {
            kind: kind_of(reply),
            status: Some(reply.status),
            detail,
            request_id,
            client_request_id,
            retry_after_seconds,
            problem: None,
        }
    }

    /// No answer from `host`.
    pub fn unreachable(host: &str, unreachable: &Unreachable) -> Self {
        Self::without_answer(
            GraphErrorKind::Unreachable,
            format!("{host} did not answer ({})", unreachable.0),
        )
    }

    /// An answer that could not be used; `problem` says how (for the admin and for support).
    pub fn unexpected(status: Option<u16>, problem: impl Into<String>) -> Self {
        GraphError {
            status,
            ..Self::without_answer(GraphErrorKind::UnexpectedAnswer, problem.into())
        }
    }

    fn without_answer(kind: GraphErrorKind, problem: String) -> Self {
        GraphError {
            kind,
            status: None,
            detail: None,
            request_id: None,
            client_request_id: None,
            retry_after_seconds: None,
            problem: Some(problem),
        }
    }

    /// True when the same request may succeed later without anything changing first.
    pub fn retry_may_help(&self) -> bool {
        matches!(
            self.kind,
            GraphErrorKind::Throttled
                | GraphErrorKind::NotReplicated
                | GraphErrorKind::Unreachable
                | GraphErrorKind::UnexpectedAnswer
                | GraphErrorKind::Other
        )
    }

    /// Graph's error code, if any.
    pub fn code(&self) -> Option<&str> {
        self.detail
            .as_ref()
            .map(|d| d.code.as_str())
            .filter(|c| !c.is_empty())
    }

    /// Ids and codes that let support find the request: `HTTP 403, Authorization_RequestDenied,
    /// request id …`. Empty when there is nothing to quote.
    pub fn reference(&self) -> String {
        let mut reference = Vec::new();
        if let Some(status) = self.status {
            reference.push(format!("HTTP {status}"));
        }
        if let Some(code) = self.code() {
            reference.push(code.to_owned());
        }
        if let Some(id) = &self.request_id {
            reference.push(format!("request id {id}"));
        }
        if let Some(id) = &self.client_request_id {
            reference.push(format!("client request id {id}"));
        }
        let date = self
            .detail
            .as_ref()
            .and_then(|d| d.inner_error.as_ref())
            .and_then(|i| i.date.as_ref());
        if let Some(date) = date {
            reference.push(format!("time {date}"));
        }
        reference.join(", ")
    }
}

/// The kind of a refusal: retryable ones as [`classify`] sees them, the rest by status and code.
fn kind_of(reply: &GraphReply) -> GraphErrorKind {
    // The date form of Retry-After is irrelevant here: only the kind of refusal is read.
    match classify(reply, 0) {
        Refusal::Throttled { .. } => return GraphErrorKind::Throttled,
        Refusal::Replication => return GraphErrorKind::NotReplicated,
        Refusal::AlreadyExists => return GraphErrorKind::AlreadyExists,
        Refusal::Final => {}
    }
    if refused_by_app_policy(reply) {
        return GraphErrorKind::RefusedByAppPolicy;
    }
    match reply.status {
        401 => GraphErrorKind::SignInExpired,
        403 => GraphErrorKind::MissingPermission,
        404 => GraphErrorKind::NotFound,
        _ => GraphErrorKind::Other,
    }
}

/// True when an app-management policy code is Graph's code, a detail's code, or in its message.
fn refused_by_app_policy(reply: &GraphReply) -> bool {
    let names = |code: &str| {
        APP_POLICY_CODES
            .iter()
            .any(|c| c.eq_ignore_ascii_case(code))
    };
    let in_details = reply
        .body
        .pointer("/error/details")
        .and_then(Value::as_array)
        .is_some_and(|details| {
            details
                .iter()
                .filter_map(|d| d.get("code").and_then(Value::as_str))
                .any(names)
        });
    reply.error_code().is_some_and(names)
        || in_details
        || reply
            .error_message()
            .is_some_and(|m| APP_POLICY_CODES.iter().any(|c| m.contains(c)))
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            GraphErrorKind::SignInExpired => f.write_str(
                "Your sign-in has expired or was not accepted by Microsoft Graph. Sign in again, \
                 then continue: steps already done are not repeated.",
            )?,
            GraphErrorKind::MissingPermission => f.write_str(
                "Microsoft Graph refused this step: your account lacks the role it needs, or the \
                 sign-in lacks a permission. Sign in as a Global Administrator or Privileged Role \
                 Administrator (activate the role first if it is eligible in Privileged Identity \
                 Management) and accept every permission the sign-in asks for.",
            )?,
            GraphErrorKind::NotReplicated => f.write_str(
                "Microsoft Graph does not show an object created a moment ago yet (new objects \
                 take a while to appear everywhere; this page already waited and retried). Try \
                 again in a minute: nothing will be duplicated.",
            )?,
            GraphErrorKind::AlreadyExists => f.write_str(
                "Microsoft Graph says this is already there. Nothing was changed; reload to see \
                 what the tenant holds now.",
            )?,
            GraphErrorKind::RefusedByAppPolicy => f.write_str(
                "Your tenant's app management policy refused this credential (a client secret, or \
                 its lifetime). Ask an administrator to allow it for this app in the Microsoft \
                 Entra admin center, or use a certificate or a shorter secret lifetime.",
            )?,
            GraphErrorKind::Throttled => match self.retry_after_seconds {
                Some(seconds) if seconds > 60 => write!(
                    f,
                    "Microsoft Graph is too busy and asked to wait {seconds} seconds (this page \
                     already waited and retried). Try again after that: nothing will be duplicated."
                )?,
                _ => f.write_str(
                    "Microsoft Graph is too busy right now (this page already waited and \
                     retried). Try again in a minute: nothing will be duplicated.",
                )?,
            },
            GraphErrorKind::NotFound => f.write_str(
                "Microsoft Graph could not find an object this step needs. Reload and try again; \
                 if it keeps happening, give the reference below to support.",
            )?,
            GraphErrorKind::Other => {
                let status = self.status.unwrap_or_default();
                write!(
                    f,
                    "Microsoft Graph refused this step (HTTP {status}). If trying again does not \
                     help, give the reference below to support."
                )?;
                if let Some(detail) = self.detail.as_ref().filter(|d| !d.message.is_empty()) {
                    write!(f, " Graph said: \"{}\".", detail.message)?;
                }
            }
            GraphErrorKind::Unreachable => write!(
                f,
                "{}. Check your network connection, and that a proxy or firewall lets this page \
                 reach Microsoft Graph; then try again.",
                self.problem
                    .as_deref()
                    .unwrap_or("Microsoft Graph did not answer")
            )?,
            GraphErrorKind::UnexpectedAnswer => write!(
                f,
                "Microsoft Graph gave an answer this page could not use ({}). Try again; if it \
                 keeps happening, tell the provider that hosts this page.",
                self.problem.as_deref().unwrap_or("unknown reason")
            )?,
        }
        let reference = self.reference();
        if !reference.is_empty() {
            write!(f, " Reference for support: {reference}.")?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::http::HttpResponse;

    const DENIED: &str = r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2026-11-22T00:44:22","request-id":"r-1","client-request-id":"c-1"}}}"#;

    fn error(status: u16, body: &str) -> GraphError {
        GraphError::from_reply(&GraphReply::from_http(&HttpResponse::new(status, body)))
    }

    #[test]
    fn forbidden_means_a_missing_role_or_permission() {
        let error = error(403, DENIED);
        assert_eq!(error.kind, GraphErrorKind::MissingPermission);
        assert_eq!(error.code(), Some("Authorization_RequestDenied"));
        let text = error.to_string();
        assert!(text.contains("Global Administrator"), "{text}");
        assert!(
            text.contains("request id r-1") && text.contains("client request id c-1"),
            "{text}"
        );
        assert!(!error.retry_may_help());
    }

    #[test]
    fn request_ids_come_from_the_headers_when_the_body_lacks_them() {
        let response = HttpResponse::new(
            403,
            r#"{"error":{"code":"Authorization_RequestDenied","message":"no"}}"#,
        )
        .with_header("request-id", "h-1")
        .with_header("client-request-id", "h-2");
        let error = GraphError::from_reply(&GraphReply::from_http(&response));
        assert_eq!(error.request_id.as_deref(), Some("h-1"));
        assert_eq!(error.client_request_id.as_deref(), Some("h-2"));
        assert!(error.to_string().contains("request id h-1"));
        // The body's own ids win: they are the ones Graph logged for this part.
        let response = HttpResponse::new(403, DENIED).with_header("request-id", "h-1");
        let error = GraphError::from_reply(&GraphReply::from_http(&response));
        assert_eq!(error.request_id.as_deref(), Some("r-1"));
    }

    #[test]
    fn unauthorized_means_sign_in_again() {
        let error = error(
            401,
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}"#,
        );
        assert_eq!(error.kind, GraphErrorKind::SignInExpired);
        assert!(error.to_string().contains("Sign in again"));
    }

    #[test]
    fn throttling_left_after_the_retries_says_nothing_will_be_duplicated() {
        let reply = GraphReply {
            headers: vec![("retry-after".into(), "7".into())],
            ..GraphReply::new(429, json!(null))
        };
        let error = GraphError::from_reply(&reply);
        assert_eq!(error.kind, GraphErrorKind::Throttled);
        assert_eq!(error.retry_after_seconds, Some(7));
        assert!(error.retry_may_help());
        let text = error.to_string();
        assert!(text.contains("Try again in a minute"), "{text}");
        assert!(text.contains("nothing will be duplicated"), "{text}");
        for status in [503, 504] {
            assert_eq!(error_kind(status, "<html/>"), GraphErrorKind::Throttled);
        }
    }

    fn error_kind(status: u16, body: &str) -> GraphErrorKind {
        error(status, body).kind
    }

    #[test]
    fn replication_and_duplicates_have_their_own_words() {
        let error = error(
            404,
            r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist or one of its queried reference-property objects are not present."}}"#,
        );
        assert_eq!(error.kind, GraphErrorKind::NotReplicated);
        let text = error.to_string();
        assert!(
            text.contains("try again in a minute") || text.contains("Try again in a minute"),
            "{text}"
        );
        assert!(text.contains("nothing will be duplicated"), "{text}");
        assert_eq!(
            error_kind(
                400,
                r#"{"error":{"code":"Request_BadRequest","message":"Permission being assigned already exists on the object"}}"#
            ),
            GraphErrorKind::AlreadyExists
        );
        assert_eq!(error_kind(409, ""), GraphErrorKind::AlreadyExists);
        assert_eq!(
            error_kind(404, r#"{"error":{"code":"itemNotFound","message":"x"}}"#),
            GraphErrorKind::NotFound
        );
    }

    #[test]
    fn the_app_management_policy_is_named() {
        for code in APP_POLICY_CODES {
            let body = format!(
                r#"{{"error":{{"code":"Request_BadRequest","message":"x","details":[{{"code":"{code}"}}]}}}}"#
            );
            assert_eq!(error_kind(400, &body), GraphErrorKind::RefusedByAppPolicy);
            let body = format!(r#"{{"error":{{"code":"{code}","message":"x"}}}}"#);
            let error = error(400, &body);
            assert_eq!(error.kind, GraphErrorKind::RefusedByAppPolicy);
            assert!(error.to_string().contains("app management policy"));
            assert!(!error.retry_may_help());
        }
    }

    #[test]
    fn other_errors_keep_graphs_message() {
        let error = error(
            400,
            r#"{"error":{"code":"Request_BadRequest","message":"Invalid value specified for property 'displayName'."}}"#,
        );
        assert_eq!(error.kind, GraphErrorKind::Other);
        let text = error.to_string();
        assert!(text.contains("Invalid value specified"), "{text}");
        assert!(text.contains("Request_BadRequest"), "{text}");
        let bare = self::error(500, "oops");
        assert_eq!(bare.detail, None);
        assert_eq!(bare.code(), None);
        assert!(bare.to_string().contains("HTTP 500"));
    }

    #[test]
    fn no_answer_and_unusable_answers_say_so() {
        let error = GraphError::unreachable(
            "graph.microsoft.com",
            &Unreachable("did not answer within 30 s".into()),
        );
        assert_eq!(error.kind, GraphErrorKind::Unreachable);
        let text = error.to_string();
        assert!(text.contains("graph.microsoft.com"), "{text}");
        assert!(text.contains("30 s"), "{text}");
        let error = GraphError::unexpected(Some(200), "not JSON");
        assert!(error.to_string().contains("not JSON"));
    }
}
