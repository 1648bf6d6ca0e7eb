//! A STAND-IN FOR THE VENDOR'S BACKUP SERVER, served on the dashboard site. It is not part of
//! Microsoft and emulates nothing of Entra ID or Graph: it plays the vendor's side of the
//! hand-off (docs/handoff.md) so that demos and end-to-end tests can carry a bundle all the way
//! to a server that opens it and proves its credentials.
//!
//! - `GET /api/handoff-key?alg=ECDH-ES%2BA256KW` (the default) or `?alg=RSA-OAEP-256`: the
//!   public JWK the dashboard passes to the app as `publicKey`.
//! - `POST /api/handoff` with `{"onboardingId": "<id>" | null, "result": <the
//!   m365-registrar.result message as the dashboard received it>}`: opens the sealed bundle
//!   with the key its `kid` names (or takes the unsealed `bundle`), checks the onboarding id,
//!   the bundle's format, version, tenant and client ids, then proves the client secret and the
//!   certificate with the client-credentials grant against the in-process sandbox tenant.
//!   200 with what it stored and the checks' outcome; 400 `{"error": "<plain words>"}`.
//!
//! Nothing here logs a secret, a key or a bundle.

pub mod jwe;
pub mod keys;
mod store;
#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::tenant::Tenant;
use keys::{HandoffKeys, KeyAlg};

/// How many accepted hand-offs [`BackupServer::handoffs_received`] remembers.
const KEEP: usize = 32;

pub struct BackupServer {
    pub keys: HandoffKeys,
    tenant: Arc<Tenant>,
    received: Mutex<VecDeque<Value>>,
}

impl BackupServer {
    /// Makes the EC key now; the RSA key waits for its first use ([`HandoffKeys::rsa`]).
    pub fn new(tenant: Arc<Tenant>) -> Arc<BackupServer> {
        Arc::new(BackupServer {
            keys: HandoffKeys::new(),
            tenant,
            received: Mutex::new(VecDeque::new()),
        })
    }

    /// The public JWK for `alg` (`ECDH-ES+A256KW` or `RSA-OAEP-256`); `Null` for another alg.
    /// Blocks while the RSA key is made on first use.
    pub fn public_jwk(&self, alg: &str) -> Value {
        KeyAlg::parse(alg).map_or(Value::Null, |a| self.keys.public_jwk(a))
    }

    /// The private JWK for `alg`, for tests that open a JWE with another JOSE library.
    pub fn private_jwk(&self, alg: &str) -> Value {
        KeyAlg::parse(alg).map_or(Value::Null, |a| self.keys.private_jwk(a))
    }

    /// The answers of the last accepted hand-offs, oldest first (`sealed`, `kid`,
    /// `onboardingId`, `stored`, `checks`).
    pub fn handoffs_received(&self) -> Vec<Value> {
        self.lock().iter().cloned().collect()
    }

    /// Handles a `POST /api/handoff` body (blocking: RSA and the tenant's lock); an accepted
    /// one is remembered.
    pub fn receive(&self, body: &[u8]) -> Result<Value, String> {
        let answer = store::receive(self, body)?;
        let mut received = self.lock();
        if received.len() == KEEP {
            received.pop_front();
        }
        received.push_back(answer.clone());
        Ok(answer)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Value>> {
        self.received
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The stand-in's routes, merged into the dashboard site before its static files.
pub fn router(server: Arc<BackupServer>) -> Router {
    Router::new()
        .route("/api/handoff-key", get(handoff_key))
        .route("/api/handoff", post(handoff))
        .with_state(server)
}

async fn handoff_key(
    State(server): State<Arc<BackupServer>>,
    RawQuery(query): RawQuery,
) -> Response {
    let asked = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "alg")
        .map(|(_, v)| v.into_owned());
    // An unencoded `+` arrives as a space in a query string (WHATWG URL, urlencoded parsing).
    let name = asked
        .as_deref()
        .map_or("ECDH-ES+A256KW".to_string(), |a| a.replace(' ', "+"));
    let Some(alg) = KeyAlg::parse(&name) else {
        return answer(
            StatusCode::BAD_REQUEST,
            json!({ "error": format!("alg {name:?} is not ECDH-ES+A256KW or RSA-OAEP-256") }),
        );
    };
    // Making the RSA key takes seconds in a debug build: off the async workers.
    let jwk = tokio::task::spawn_blocking(move || server.keys.public_jwk(alg)).await;
    match jwk {
        Ok(jwk) => answer(StatusCode::OK, jwk),
        Err(_) => answer(
            StatusCode::INTERNAL_SERVER_ERROR,
            json!({ "error": "the key could not be made" }),
        ),
    }
}

async fn handoff(State(server): State<Arc<BackupServer>>, body: Bytes) -> Response {
    let outcome = tokio::task::spawn_blocking(move || server.receive(&body)).await;
    match outcome {
        Ok(Ok(received)) => answer(StatusCode::OK, received),
        Ok(Err(error)) => answer(StatusCode::BAD_REQUEST, json!({ "error": error })),
        Err(_) => answer(
            StatusCode::INTERNAL_SERVER_ERROR,
            json!({ "error": "the hand-off could not be handled" }),
        ),
    }
}

fn answer(status: StatusCode, body: Value) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.to_string(),
    )
        .into_response()
}
