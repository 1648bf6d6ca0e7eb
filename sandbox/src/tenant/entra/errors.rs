//! Entra's error shapes: the JSON body of the token endpoint, the error page of the sign-in
//! pages, and the error parameters sent to a redirect URI.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::super::Tenant;
use super::super::clock::{entra_timestamp, iso};
use super::super::store::new_id;
use super::pages;

#[derive(Debug, Clone)]
pub struct EntraError {
    /// OAuth error: invalid_request, invalid_grant, invalid_client, unauthorized_client, ...
    pub error: &'static str,
    pub code: u32,
    pub message: String,
    pub status: StatusCode,
    /// `error_subcode` (e.g. "cancel" when the user declines consent).
    pub subcode: Option<&'static str>,
}

impl EntraError {
    pub fn new(error: &'static str, code: u32, message: impl Into<String>) -> Self {
        Self {
            error,
            code,
            message: message.into(),
            status: StatusCode::BAD_REQUEST,
            subcode: None,
        }
    }
    pub fn status(mut self, s: StatusCode) -> Self {
        self.status = s;
        self
    }
    pub fn subcode(mut self, s: &'static str) -> Self {
        self.subcode = Some(s);
        self
    }

    pub fn missing(param: &str) -> Self {
        Self::new(
            "invalid_request",
            900144,
            format!("The request body must contain the following parameter: '{param}'."),
        )
    }

    /// "AADSTSnnnn: message\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …", as Entra writes it.
    pub fn description(&self, tenant: &Tenant, trace: &str, correlation: &str) -> String {
        format!(
            "AADSTS{}: {}\r\nTrace ID: {trace}\r\nCorrelation ID: {correlation}\r\nTimestamp: {}",
            self.code,
            self.message,
            entra_timestamp(tenant.now())
        )
    }

    pub fn body(&self, tenant: &Tenant, correlation: Option<&str>) -> Value {
        let trace = new_id();
        let correlation = correlation.map(String::from).unwrap_or_else(new_id);
        json!({
            "error": self.error,
            "error_description": self.description(tenant, &trace, &correlation),
            "error_codes": [self.code],
            "timestamp": entra_timestamp(tenant.now()),
            "trace_id": trace,
            "correlation_id": correlation,
            "error_uri": format!("{}/error?code={}", tenant.options.sign_in_base, self.code),
        })
    }

    pub fn json_response(&self, tenant: &Tenant, correlation: Option<&str>) -> Response {
        super::super::respond::json(self.status, &self.body(tenant, correlation))
    }

    /// Entra's own error page ("Sorry, but we're having trouble signing you in."), used when
    /// the redirect URI cannot be trusted: never a redirect.
    pub fn page(&self, tenant: &Tenant) -> Response {
        let trace = new_id();
        let corr = new_id();
        pages::error_page(self, &trace, &corr, &iso(tenant.now()))
    }

    /// The parameters of an error sent to the redirect URI.
    pub fn redirect_params(&self, tenant: &Tenant, state: Option<&str>) -> Vec<(String, String)> {
        let trace = new_id();
        let corr = new_id();
        let mut p = vec![("error".to_string(), self.error.to_string())];
        p.push((
            "error_description".into(),
            self.description(tenant, &trace, &corr),
        ));
        if let Some(s) = self.subcode {
            p.push(("error_subcode".into(), s.into()));
        }
        p.push((
            "error_uri".into(),
            format!("{}/error?code={}", tenant.options.sign_in_base, self.code),
        ));
        if let Some(s) = state {
            p.push(("state".into(), s.into()));
        }
        p
    }
}
