//! Building a new sign-in: fresh randomness and the authorize URL, with the tenant and account
//! the dashboard suggested, if it did.

use registrar_core::auth::{PendingSignIn, SignInRandomness, SignInRequest};
use registrar_core::config::Config;

use registrar_core::wizard::words::SignIn;

use super::failure::{Failure, no_address, no_randomness, not_started};
use crate::ui::handoff::Handoff;
use crate::web::random::random_bytes;
use crate::web::sign_in::redirect_uri;

pub fn begin(config: &Config, handoff: &Handoff, w: &SignIn) -> Result<PendingSignIn, Failure> {
    let (tenant, login_hint) = handoff.sign_in_hints();
    let bytes = random_bytes::<96>().map_err(|_| no_randomness(w))?;
    let redirect_uri = redirect_uri().ok_or_else(|| no_address(w))?;
    let request = SignInRequest {
        sign_in_base: &config.endpoints.sign_in,
        tenant: tenant.as_deref().unwrap_or(&config.tenant),
        client_id: &config.client_id,
        redirect_uri: &redirect_uri,
        graph_base: &config.endpoints.graph,
        scopes: config.scope_options(),
        login_hint: login_hint.as_deref(),
        domain_hint: None,
    };
    PendingSignIn::start(&request, &SignInRandomness::from_bytes(&bytes))
        .map_err(|error| not_started(&error, w))
}
