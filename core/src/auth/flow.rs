//! What happens after the authorization response is back: redeem the code for tokens, then ask
//! Microsoft Graph who signed in. Generic over [`HttpClient`] and [`Timer`], so native tests run
//! it too.

use super::whoami::{
    DirectoryObject, GraphPage, ME_PATH, Me, ORGANIZATION_PATH, Organization,
    TRANSITIVE_MEMBER_OF_PATH,
};
use super::{AuthorizationCode, SignInError, SignedIn, SignedInSummary};
use crate::graph::{
    GraphCall, GraphError, GraphErrorKind, GraphReply, GraphTarget, Page, RetryPolicy, RetryRun,
    Wait, accepted, read_remaining_pages, send_with_retry,
};
use crate::http::{HttpClient, HttpRequest, HttpResponse, Timer};

/// Membership pages read at most: a user with more than 5,000 groups and roles is not a case a
/// sign-in screen should wait on; the relevant roles come first in practice.
const MAX_MEMBERSHIP_PAGES: usize = 50;

/// Retries while reading who signed in. Shorter than a registration's: the admin is looking at
/// a "checking your sign-in" screen, and after about half a minute is better told to try again.
/// Four tries in all, like the Graph SDKs' retry handler (three retries,
/// <https://learn.microsoft.com/graph/sdks/customize-client>).
pub const SIGN_IN_RETRY: RetryPolicy = RetryPolicy {
    max_attempts: 4,
    base_delay_millis: 1_000,
    max_delay_millis: 10_000,
    budget_millis: 30_000,
};

/// POSTs the code to the token endpoint and checks what comes back (ID token included).
/// `now` is seconds since the Unix epoch.
pub async fn redeem(
    code: AuthorizationCode,
    http: &impl HttpClient,
    now: u64,
) -> Result<SignedIn, SignInError> {
    let token = code.token_request();
    let response = send(http, HttpRequest::post_form(token.url, token.body)).await?;
    code.accept_token_response(response.status, &response.body, now)
}

/// Reads the tenant, the user and the user's directory roles. `tenant` is the authority segment
/// the sign-in used (a pinned domain is checked against the tenant's verified domains).
///
/// One round trip for the first answers (`/organization`, `/me` and the first page of
/// `/me/transitiveMemberOf` in one `$batch`), then one per further page of memberships. Calls
/// Graph throttles, or answers 503/504, are sent again after the wait it asks for (per
/// [`SIGN_IN_RETRY`]; `jitter_seed` spreads the waits, `on_wait` hears each one). A refused
/// membership list does not fail the sign-in: the summary says the roles could not be read.
pub async fn who_signed_in(
    signed_in: &SignedIn,
    graph_base: &str,
    tenant: &str,
    http: &impl HttpClient,
    timer: &impl Timer,
    jitter_seed: u32,
    on_wait: &mut impl FnMut(Wait),
) -> Result<SignedInSummary, SignInError> {
    let authorization = signed_in.access_token.authorization_header();
    let target = GraphTarget {
        base: graph_base,
        authorization: &authorization,
    };
    let mut run = RetryRun::new(jitter_seed);
    let calls = [
        GraphCall::get(ORGANIZATION_PATH),
        GraphCall::get(ME_PATH),
        GraphCall::get(TRANSITIVE_MEMBER_OF_PATH),
    ];
    let replies = send_with_retry(
        http,
        timer,
        target,
        &calls,
        &SIGN_IN_RETRY,
        &mut run,
        on_wait,
    )
    .await;
    let [organizations, me, memberships]: [_; 3] =
        replies
            .try_into()
            .map_err(|_| SignInError::UnexpectedGraphAnswer {
                problem: "an answer was missing from Microsoft Graph's batch",
            })?;
    let organizations: GraphPage<Organization> = parse(accepted(organizations, target)?)?;
    let me: Me = parse(accepted(me, target)?)?;
    let (memberships, complete) = match accepted(memberships, target) {
        Ok(reply) => {
            let first: Page<DirectoryObject> = Page::from_reply(&reply)?;
            let listing = read_remaining_pages(
                http,
                timer,
                target,
                first,
                &SIGN_IN_RETRY,
                &mut run,
                on_wait,
                MAX_MEMBERSHIP_PAGES,
            )
            .await?;
            (listing.items, listing.complete)
        }
        // Some tenants restrict reading memberships: the roles are then unknown, not absent.
        Err(error) if error.kind == GraphErrorKind::MissingPermission => (Vec::new(), false),
        Err(error) => return Err(error.into()),
    };
    SignedInSummary::build_from(&organizations, &me, &memberships, complete, tenant)
}

fn parse<T: serde::de::DeserializeOwned>(reply: GraphReply) -> Result<T, SignInError> {
    serde_json::from_value(reply.body).map_err(|_| SignInError::UnexpectedGraphAnswer {
        problem: "Microsoft Graph answered with something that is not the expected JSON",
    })
}

impl From<GraphError> for SignInError {
    fn from(error: GraphError) -> Self {
        SignInError::Graph(Box::new(error))
    }
}

/// Sends `request`; no HTTP answer at all becomes [`SignInError::Unreachable`] naming the host.
async fn send(http: &impl HttpClient, request: HttpRequest) -> Result<HttpResponse, SignInError> {
    let host = request.host().to_owned();
    http.send(request)
        .await
        .map_err(|unreachable| SignInError::Unreachable {
            host,
            detail: unreachable.0,
        })
}
