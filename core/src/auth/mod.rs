//! Signing a Microsoft 365 admin in: OAuth 2.0 authorization code flow with PKCE against the
//! Entra ID v2.0 endpoints, as a public single-page-app client (what MSAL browser does), plus
//! the Graph calls that say who signed in and whether they may grant consent.
//!
//! Pure protocol, no browser API: the caller passes random bytes, the current time, URLs and
//! response bodies, and does the navigation and `fetch` itself.
//!
//! The flow:
//! 1. [`PendingSignIn::start`] with a [`SignInRequest`] and fresh [`SignInRandomness`], then
//!    open [`PendingSignIn::authorize_url`] in the sign-in window.
//! 2. Read what came back to the redirect page with
//!    [`AuthorizationResponse::from_redirect_url`] and hand it to [`PendingSignIn::accept`]
//!    (checks `state`, consumes the pending sign-in) to get an [`AuthorizationCode`].
//! 3. POST [`AuthorizationCode::token_request`], then pass the status and body to
//!    [`AuthorizationCode::accept_token_response`]: it maps Entra errors to [`SignInError`],
//!    checks the ID token and yields [`SignedIn`] (access token in memory only).
//! 4. [`flow::who_signed_in`] asks Graph for [`whoami::ORGANIZATION_PATH`], [`whoami::ME_PATH`]
//!    and the first page of [`whoami::TRANSITIVE_MEMBER_OF_PATH`] in one `$batch`, retrying what
//!    Graph throttles, then follows the next links, and builds a [`SignedInSummary`]: tenant,
//!    user, roles and [`ConsentAbility`]. Failed Graph calls become a [`GraphError`].

mod authorize;
mod encoding;
mod entra;
mod errors;
pub mod flow;
mod id_token;
mod pkce;
mod redirect;
pub mod roles;
pub mod scopes;
mod token;
pub mod whoami;

pub use authorize::{PendingSignIn, SignInRandomness, SignInRequest};
pub use entra::{EntraErrorDetails, EntraProblem};
pub use errors::{IdTokenProblem, SignInError};
// Graph's errors belong to the Graph layer; re-exported for the sign-in's callers.
pub use crate::graph::error::{
    GraphError, GraphErrorBody, GraphErrorDetail, GraphErrorKind, GraphInnerError,
};
pub use id_token::{
    Audience, CLOCK_SKEW_SECONDS, IdTokenClaims, IdTokenExpectations, PERSONAL_ACCOUNT_TENANT,
    SignedInIdentity, decode_claims, validate_id_token,
};
pub use pkce::{CHALLENGE_METHOD, CodeVerifier};
pub use redirect::AuthorizationResponse;
pub use roles::{ConsentAbility, DirectoryRole};
pub use scopes::{ScopeOptions, ScopeSpec};
pub use token::{AccessToken, AuthorizationCode, SignedIn, TokenRequest, TokenResponse};
pub use whoami::SignedInSummary;

#[cfg(test)]
mod flow_tests {
    use serde_json::json;

    use super::*;
    use crate::auth::encoding::base64url;
    use crate::auth::id_token::tests::jwt;

    const TENANT: &str = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    const CLIENT: &str = "11111111-2222-3333-4444-555555555555";
    const NOW: u64 = 1_795_000_000;

    fn query_value(url: &str, name: &str) -> String {
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    }

    /// The whole sign-in against a US Government tenant pinned by id, as Entra would answer.
    #[test]
    fn sign_in_from_start_to_summary_in_a_national_cloud() {
        let request = SignInRequest {
            sign_in_base: "https://login.microsoftonline.us",
            tenant: TENANT,
            client_id: CLIENT,
            redirect_uri: "https://registrar.example.us/redirect.html",
            graph_base: "https://graph.microsoft.us",
            scopes: ScopeOptions {
                read_app_management_policy: true,
                assign_directory_roles: true,
                read_tenant: false,
            },
            login_hint: Some("ada@contoso.us"),
            domain_hint: None,
        };
        let random = SignInRandomness::from_bytes(&[42; 96]);
        let pending = PendingSignIn::start(&request, &random).expect("valid request");
        let url = pending.authorize_url();
        let (state, nonce) = (query_value(&url, "state"), query_value(&url, "nonce"));
        let challenge = query_value(&url, "code_challenge");

        // Entra redirects back with the code in the fragment.
        let redirect = format!(
            "https://registrar.example.us/redirect.html#code=0.AXoA-code&state={state}&session_state=s-1"
        );
        let response = AuthorizationResponse::from_redirect_url(&redirect).expect("a response");
        let code = pending.accept(response).expect("state matches");

        let token_request = code.token_request();
        assert_eq!(
            token_request.url,
            format!("https://login.microsoftonline.us/{TENANT}/oauth2/v2.0/token")
        );
        let verifier = form_urlencoded::parse(token_request.body.as_bytes())
            .find(|(k, _)| k == "code_verifier")
            .map(|(_, v)| v.into_owned())
            .expect("verifier sent");
        let verifier = CodeVerifier::from_string(&verifier).expect("valid verifier");
        assert_eq!(
            verifier.challenge(),
            challenge,
            "the token endpoint's PKCE check would pass"
        );

        let id_token = jwt(&json!({
            "iss": format!("https://login.microsoftonline.us/{TENANT}/v2.0"),
            "aud": CLIENT, "exp": NOW + 3600, "iat": NOW, "nbf": NOW,
            "nonce": nonce, "tid": TENANT, "oid": "u-1", "preferred_username": "ada@contoso.us",
        }));
        let body = json!({
            "token_type": "Bearer", "expires_in": 3600, "access_token": "at",
            "scope": "https://graph.microsoft.us/.default", "id_token": id_token,
        });
        let signed_in = code
            .accept_token_response(200, &body.to_string(), NOW)
            .expect("signed in");
        assert_eq!(signed_in.identity.tenant_id, TENANT);
        assert_eq!(nonce, base64url(&[42; 32]));
    }
}
