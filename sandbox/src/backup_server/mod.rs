//! A STAND-IN FOR THE VENDOR'S BACKUP SERVER, served on the dashboard site. It is not part of
//! Microsoft and emulates nothing of Entra ID or Graph: it plays the vendor's side of the
//! hand-off (docs/handoff.md) so that demos and end-to-end tests can carry a bundle all the way
//! to a server that opens it and proves its credentials.
//!
//! - `GET /api/handoff-key?alg=ECDH-ES%2BA256KW` (the default) or `?alg=RSA-OAEP-256`: the
//!   public JWK the dashboard passes to the app as `publicKey`.
//! - `POST /api/onboarding`: a fresh one-time onboarding id, `{"onboardingId": "onb-…"}`, that
//!   the dashboard passes to the app in its start message.
//! - `POST /api/handoff` with `{"onboardingId": "<the id issued>", "result": <the
//!   m365-registrar.result message as the dashboard received it>}`: requires an id this server
//!   issued and has not used, opens the sealed bundle with the key its `kid` names (or takes the
//!   unsealed `bundle`), checks that the message, the sealed header and the bundle carry that
//!   id, checks the bundle's format, version, tenant and client ids, then proves the client
//!   secret and the certificate with the client-credentials grant against the in-process
//!   sandbox tenant. 200 with what it stored and the checks' outcome; 400
//!   `{"error": "<plain words>"}`.
//!
//! Why the server issues the id: the sealed header binds a bundle to one onboarding id, but
//! that only helps if the server knows which ids are real and which are spent. An id the server
//! made, accepted for one bundle, once, is what refuses a bundle replayed from an earlier
//! onboarding (the id is used), and a bundle made for someone else's onboarding or with an id
//! the page invented (the id is unknown). Only an identical repeat of the accepted bundle (the
//! registrar's "Send again") gets the same answer again. A real backup server would also tie the
//! id to the signed-in customer who asked for it and let it expire.
//!
//! Nothing here logs a secret, a key or a bundle.

pub mod jwe;
pub mod keys;
mod store;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rand::RngCore;
use serde_json::{Value, json};

use crate::tenant::Tenant;
use crate::tenant::jwt::b64url;
use keys::{HandoffKeys, KeyAlg};

/// How many accepted hand-offs [`BackupServer::handoffs_received`] remembers.
const KEEP: usize = 32;
/// How many onboarding ids the stand-in remembers, used or not; past this the oldest is
/// forgotten (and a bundle for it is then refused as unknown). A real server keeps them in its
/// database with an expiry.
const ONBOARDINGS: usize = 4096;

pub struct BackupServer {
    pub keys: HandoffKeys,
    tenant: Arc<Tenant>,
    received: Mutex<VecDeque<Value>>,
    onboardings: Mutex<Onboardings>,
}

/// The onboarding ids this server issued, in the order it issued them.
#[derive(Default)]
struct Onboardings {
    by_id: HashMap<String, Onboarding>,
    order: VecDeque<String>,
}

enum Onboarding {
    /// Issued; no bundle accepted for it yet.
    Unused,
    /// Its one bundle was accepted: `fingerprint` is the hand-off's
    /// ([`store::Handoff::fingerprint`]), `answer` what the server answered.
    Received {
        fingerprint: [u8; 32],
        answer: Value,
    },
}

impl Onboardings {
    fn issue(&mut self, id: String) {
        if self.order.len() == ONBOARDINGS
            && let Some(oldest) = self.order.pop_front()
        {
            self.by_id.remove(&oldest);
        }
        self.by_id.insert(id.clone(), Onboarding::Unused);
        self.order.push_back(id);
    }

    /// `Ok(None)`: the id is issued and unused, go on. `Ok(Some(answer))`: an identical repeat
    /// of the bundle already accepted for it, answered as the first time. `Err`: refused.
    fn earlier(&self, handoff: &store::Handoff) -> Result<Option<Value>, String> {
        let id = &handoff.onboarding_id;
        match self.by_id.get(id) {
            None => Err(format!(
                "{:?} is not an onboarding this server started",
                id.chars().take(128).collect::<String>()
            )),
            Some(Onboarding::Unused) => Ok(None),
            Some(Onboarding::Received {
                fingerprint,
                answer,
            }) if *fingerprint == handoff.fingerprint => Ok(Some(answer.clone())),
            Some(Onboarding::Received { .. }) => {
                Err(format!("onboarding {id} already received its bundle"))
            }
        }
    }
}

impl BackupServer {
    /// Makes the EC key now; the RSA key waits for its first use ([`HandoffKeys::rsa`]).
    pub fn new(tenant: Arc<Tenant>) -> Arc<BackupServer> {
        Arc::new(BackupServer {
            keys: HandoffKeys::new(),
            tenant,
            received: Mutex::new(VecDeque::new()),
            onboardings: Mutex::new(Onboardings::default()),
        })
    }

    /// Issues a fresh onboarding id (`onb-` and 22 base64url characters of 16 random bytes),
    /// unused until a bundle for it is accepted: what `POST /api/onboarding` answers.
    pub fn start_onboarding(&self) -> String {
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let id = format!("onb-{}", b64url(&bytes));
        lock(&self.onboardings).issue(id.clone());
        id
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
        lock(&self.received).iter().cloned().collect()
    }

    /// Handles a `POST /api/handoff` body (blocking: RSA and the tenant's lock). One bundle per
    /// issued id, once: an accepted one marks its id used and is remembered; an identical
    /// repeat gets the same answer and is not remembered twice.
    pub fn receive(&self, body: &[u8]) -> Result<Value, String> {
        let handoff = store::Handoff::parse(body)?;
        if let Some(answer) = lock(&self.onboardings).earlier(&handoff)? {
            return Ok(answer);
        }
        let answer = store::receive(self, &handoff)?;
        // Checked again: another request for the same id may have been accepted meanwhile.
        let mut onboardings = lock(&self.onboardings);
        if let Some(answer) = onboardings.earlier(&handoff)? {
            return Ok(answer);
        }
        onboardings.by_id.insert(
            handoff.onboarding_id.clone(),
            Onboarding::Received {
                fingerprint: handoff.fingerprint,
                answer: answer.clone(),
            },
        );
        drop(onboardings);
        let mut received = lock(&self.received);
        if received.len() == KEEP {
            received.pop_front();
        }
        received.push_back(answer.clone());
        Ok(answer)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The stand-in's routes, merged into the dashboard site before its static files.
pub fn router(server: Arc<BackupServer>) -> Router {
    Router::new()
        .route("/api/handoff-key", get(handoff_key))
        .route("/api/onboarding", post(onboarding))
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

async fn onboarding(State(server): State<Arc<BackupServer>>) -> Response {
    answer(
        StatusCode::OK,
        json!({ "onboardingId": server.start_onboarding() }),
    )
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
