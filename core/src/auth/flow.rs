//! What happens after the authorization response is back: redeem the code for tokens, then ask
//! Microsoft Graph who signed in. Generic over [`HttpClient`], so native tests run it too.

use serde::de::DeserializeOwned;

use super::whoami::{
    self, DirectoryObject, GraphPage, Me, ORGANIZATION_PATH, Organization,
    TRANSITIVE_MEMBER_OF_PATH,
};
use super::{AuthorizationCode, GraphError, SignInError, SignedIn, SignedInSummary};
use crate::http::{HttpClient, HttpRequest, HttpResponse};

/// Membership pages read at most: a user with more than 5,000 groups and roles is not a case a
/// sign-in screen should wait on; the relevant roles come first in practice.
const MAX_MEMBERSHIP_PAGES: usize = 50;

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
pub async fn who_signed_in(
    signed_in: &SignedIn,
    graph_base: &str,
    tenant: &str,
    http: &impl HttpClient,
) -> Result<SignedInSummary, SignInError> {
    let graph = Graph {
        base: graph_base,
        signed_in,
        http,
    };
    let organizations: GraphPage<Organization> = graph
        .get(format!("{graph_base}{ORGANIZATION_PATH}"))
        .await?;
    let me: Me = graph
        .get(format!("{graph_base}{}", whoami::ME_PATH))
        .await?;
    let mut memberships = Vec::new();
    let mut next = Some(format!("{graph_base}{TRANSITIVE_MEMBER_OF_PATH}"));
    for _ in 0..MAX_MEMBERSHIP_PAGES {
        let Some(url) = next.take() else { break };
        let page: GraphPage<DirectoryObject> = graph.get(url).await?;
        memberships.extend(page.value);
        next = page.next_link;
    }
    SignedInSummary::build(&organizations, &me, &memberships, tenant)
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

struct Graph<'a, H> {
    base: &'a str,
    signed_in: &'a SignedIn,
    http: &'a H,
}

impl<H: HttpClient> Graph<'_, H> {
    async fn get<T: DeserializeOwned>(&self, url: String) -> Result<T, SignInError> {
        // The token goes to the configured Graph host only, never to a host a response names.
        if !url.starts_with(&format!("{}/", self.base)) {
            return Err(SignInError::UnexpectedGraphAnswer {
                problem: "a next-page link pointed away from Microsoft Graph",
            });
        }
        let request = HttpRequest::get(url).header(
            "Authorization",
            self.signed_in.access_token.authorization_header(),
        );
        let response = send(self.http, request).await?;
        if !(200..300).contains(&response.status) {
            let error = GraphError::from_response(
                response.status,
                &response.body,
                response.retry_after(),
            );
            return Err(SignInError::Graph(Box::new(error)));
        }
        serde_json::from_str(&response.body).map_err(|_| SignInError::UnexpectedGraphAnswer {
            problem: "Microsoft Graph answered with something that is not the expected JSON",
        })
    }
}
