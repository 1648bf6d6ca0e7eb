//! Completing the admin's sign-in in the worker: the tokens stay here, never on the page.

use registrar_core::auth::{
    AuthorizationResponse, PendingSignIn, SignInError, SignedIn, SignedInSummary, flow,
};
use registrar_core::config::Config;
use registrar_core::registration::messages::Report;

use super::post;
use crate::web::fetch::Fetch;
use crate::web::sign_in::now_seconds;
use crate::web::timer::BrowserTimer;

/// Completes the sign-in the page started: checks the answer against the pending sign-in,
/// redeems the code, checks the ID token and asks Graph who signed in.
pub async fn sign_in(
    config: &Config,
    pending: &str,
    response: &str,
    jitter_seed: u32,
) -> Result<(SignedIn, SignedInSummary), SignInError> {
    // The page serialised it moments ago; unreadable means it is not the sign-in we started.
    let pending: PendingSignIn =
        serde_json::from_str(pending).map_err(|_| SignInError::StateMismatch)?;
    let code = pending.accept(AuthorizationResponse::from_parameters(response)?)?;
    let signed_in = flow::redeem(code, &Fetch, now_seconds()).await?;
    let summary = flow::who_signed_in(
        &signed_in,
        &config.endpoints.graph,
        &config.tenant,
        &Fetch,
        &BrowserTimer,
        jitter_seed,
        &mut |wait| {
            post(&Report::SignInWaiting {
                message: wait.to_string(),
            })
        },
    )
    .await?;
    Ok((signed_in, summary))
}
