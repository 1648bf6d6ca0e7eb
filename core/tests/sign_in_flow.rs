//! The core's sign-in, end to end against the sandbox tenant, in-process: the same
//! `PendingSignIn` → redirect response → `flow::redeem` → `flow::who_signed_in` path the browser
//! runs, with the sandbox's routers standing in for `fetch`.

mod common;

use common::start_sign_in;
use common::{GRAPH, Offline, REDIRECT, Sandbox, authorization_code, redeem, sign_in_window};
use registrar_core::auth::{
    AuthorizationResponse, ConsentAbility, EntraProblem, ScopeOptions, SignInError, SignedIn,
    SignedInSummary, flow,
};
use registrar_core::graph::{Wait, WaitReason};
use registrar_core::http::Timer;
use sandbox_tenant::tenant::seed;
use std::cell::Cell;

/// The sandbox tenant on the machine's clock, with a fault plan (the syntax of
/// `scripts/start --faults`).
fn sandbox(faults: &str) -> Sandbox {
    Sandbox::real_time(faults)
}

/// A clock that moves only by the waits asked of it: retries cost no real time here.
#[derive(Default)]
struct Counting(Cell<u64>);

impl Timer for Counting {
    fn now_millis(&self) -> u64 {
        self.0.get()
    }
    async fn sleep(&self, millis: u64) {
        self.0.set(self.0.get() + millis);
    }
}

fn start() -> registrar_core::auth::PendingSignIn {
    start_sign_in(ScopeOptions::default())
}

/// Asks who signed in once, with no retries.
async fn who_once(sandbox: &Sandbox, signed_in: &SignedIn) -> SignedInSummary {
    flow::who_signed_in(
        signed_in,
        GRAPH,
        "organizations",
        sandbox,
        &Counting::default(),
        1,
        &mut |_| {},
    )
    .await
    .expect("who")
}

#[tokio::test]
async fn a_global_admin_signs_in_and_may_complete_the_registration() {
    let sandbox = sandbox("");
    let pending = start();
    let back = sign_in_window(&sandbox, &pending.authorize_url(), seed::GLOBAL_ADMIN).await;
    assert!(
        back.starts_with(&format!("{REDIRECT}#")),
        "the code comes back in the fragment: {back}"
    );

    let code = pending
        .accept(AuthorizationResponse::from_redirect_url(&back).expect("a response"))
        .expect("our state");
    let signed_in = flow::redeem(code, &sandbox, sandbox.now_seconds())
        .await
        .expect("tokens");
    assert!(
        signed_in.missing_scopes.is_empty(),
        "every scope granted: {:?}",
        signed_in.missing_scopes
    );
    assert_eq!(signed_in.identity.tenant_id, seed::TENANT_ID);

    let summary = who_once(&sandbox, &signed_in).await;
    assert_eq!(summary.tenant_id, seed::TENANT_ID);
    assert_eq!(summary.tenant_name, seed::TENANT_DISPLAY_NAME);
    assert_eq!(
        summary.user_principal_name.as_deref(),
        Some(seed::GLOBAL_ADMIN)
    );
    assert_eq!(summary.ability, ConsentAbility::CanGrantAll);
    assert_eq!(
        sandbox.graph_requests(),
        ["POST /v1.0/$batch"],
        "who signed in is one round trip"
    );
}

/// Signs `upn` in through the sandbox and asks who signed in, hearing every retry's wait.
async fn who(sandbox: &Sandbox, upn: &str) -> (Result<SignedInSummary, SignInError>, Vec<Wait>) {
    let signed_in = redeem(sandbox, upn, ScopeOptions::default()).await;
    let mut waits = Vec::new();
    let timer = Counting::default();
    let result = flow::who_signed_in(
        &signed_in,
        GRAPH,
        "organizations",
        sandbox,
        &timer,
        7,
        &mut |wait| waits.push(wait),
    )
    .await;
    assert_eq!(
        timer.0.get(),
        waits.iter().map(|w| w.millis).sum::<u64>(),
        "every wait is reported"
    );
    (result, waits)
}

#[tokio::test]
async fn the_sign_in_survives_graph_throttling_who_signed_in() {
    let sandbox = sandbox("429(retry-after=2)@GET /me#1");
    let (result, waits) = who(&sandbox, seed::GLOBAL_ADMIN).await;
    let summary = result.expect("the throttled read is retried, not a failed sign-in");
    assert_eq!(summary.ability, ConsentAbility::CanGrantAll);
    assert_eq!(
        waits,
        [Wait {
            millis: 2_000,
            reason: WaitReason::Throttled,
            calls: 1
        }],
        "Retry-After honoured"
    );
    // Only the refused call is sent again, alone.
    let requests = sandbox.graph_requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert!(requests[1].starts_with("GET /v1.0/me?"), "{requests:?}");
}

#[tokio::test]
async fn the_sign_in_survives_a_refused_batch() {
    let sandbox = sandbox("503@POST /$batch#1");
    let (result, waits) = who(&sandbox, seed::APPLICATION_ADMIN).await;
    let summary = result.expect("the whole batch is sent again");
    assert_eq!(summary.ability, ConsentAbility::CanCreateButNotGrant);
    assert_eq!(waits.len(), 1);
    assert_eq!(waits[0].calls, 3);
    assert_eq!(
        sandbox.graph_requests(),
        ["POST /v1.0/$batch", "POST /v1.0/$batch"]
    );
}

#[tokio::test]
async fn graph_busy_beyond_the_retries_says_what_to_do() {
    let sandbox = sandbox("503@GET /organization#*");
    let (result, waits) = who(&sandbox, seed::GLOBAL_ADMIN).await;
    match result {
        Err(error @ SignInError::Graph(_)) => {
            let text = error.to_string();
            assert!(text.contains("Try again in a minute"), "{text}");
            assert!(error.retry_may_help());
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
    assert_eq!(waits.len(), 3, "four tries in all: {waits:?}");
}

#[tokio::test]
async fn memberships_are_read_page_after_page() {
    // One membership per page: the roles come from the batch's first page and the next links.
    let sandbox = sandbox("page-size=1");
    let (result, _) = who(&sandbox, seed::GLOBAL_ADMIN).await;
    let summary = result.expect("who");
    assert_eq!(summary.ability, ConsentAbility::CanGrantAll);
    let requests = sandbox.graph_requests();
    assert!(requests.len() > 1, "{requests:?}");
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.starts_with("GET /v1.0/me/transitiveMemberOf?")),
        "{requests:?}"
    );
}

#[tokio::test]
async fn an_application_administrator_may_create_but_not_grant() {
    let sandbox = sandbox("");
    let signed_in = redeem(&sandbox, seed::APPLICATION_ADMIN, ScopeOptions::default()).await;
    let summary = who_once(&sandbox, &signed_in).await;
    assert_eq!(summary.ability, ConsentAbility::CanCreateButNotGrant);
}

#[tokio::test]
async fn a_replayed_response_is_refused_with_words_for_the_admin() {
    let sandbox = sandbox("");
    let pending = start();
    let back = sign_in_window(&sandbox, &pending.authorize_url(), seed::GLOBAL_ADMIN).await;
    let response = || AuthorizationResponse::from_redirect_url(&back).expect("a response");
    let code = pending.accept(response()).expect("our state");
    flow::redeem(code, &sandbox, sandbox.now_seconds())
        .await
        .expect("the first redemption works");

    // The same response replayed into a sign-in with the same secrets (as a stolen verifier
    // would allow): Entra refuses the used code, and the admin is told so.
    let replayed = start().accept(response()).expect("same state");
    match flow::redeem(replayed, &sandbox, sandbox.now_seconds()).await {
        Err(
            error @ SignInError::Entra {
                problem: EntraProblem::CodeAlreadyRedeemed,
                ..
            },
        ) => {
            assert!(error.to_string().contains("already used once"), "{error}");
        }
        Err(other) => panic!("expected CodeAlreadyRedeemed, got {other}"),
        Ok(_) => panic!("a code works only once"),
    }
}

#[tokio::test]
async fn a_personal_account_is_refused_before_any_token() {
    let sandbox = sandbox("");
    let pending = start();
    let back = sign_in_window(&sandbox, &pending.authorize_url(), seed::PERSONAL_ACCOUNT).await;
    let response = AuthorizationResponse::from_redirect_url(&back).expect("a response");
    match pending.accept(response) {
        Err(SignInError::Entra { problem, .. }) => {
            assert_eq!(problem, EntraProblem::AccountNotInTenant)
        }
        Err(other) => panic!("expected AccountNotInTenant, got {other}"),
        Ok(_) => panic!("a personal account must not get a code accepted"),
    }
}

#[tokio::test]
async fn an_unreachable_sign_in_host_is_named_in_the_error() {
    let sandbox = sandbox("");
    let code = authorization_code(&sandbox, seed::GLOBAL_ADMIN, ScopeOptions::default()).await;
    match flow::redeem(code, &Offline, sandbox.now_seconds()).await {
        Err(error @ SignInError::Unreachable { .. }) => {
            assert!(
                error.to_string().contains("login.localhost:8400"),
                "{error}"
            );
            assert!(error.retry_may_help());
        }
        Err(other) => panic!("expected Unreachable, got {other}"),
        Ok(_) => panic!("no tokens without an answer"),
    }
}
