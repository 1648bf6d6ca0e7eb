//! Redeeming the authorization code at the token endpoint: the request body, the response
//! types, and turning the answer into a signed-in session or a [`SignInError`].

use core::fmt;

use serde::{Deserialize, Deserializer};

use super::entra::EntraErrorDetails;
use super::errors::SignInError;
use super::id_token::{IdTokenExpectations, SignedInIdentity, validate_id_token};
use super::pkce::CodeVerifier;
use super::scopes::{ScopeOptions, missing_graph_scopes};

/// An authorization code accepted for this sign-in, with what redeeming it needs.
///
/// Made by [`PendingSignIn::accept`](super::PendingSignIn::accept); consumed by
/// [`AuthorizationCode::accept_token_response`], so one code yields at most one session.
/// `Debug` redacts the code and the verifier.
pub struct AuthorizationCode {
    code: String,
    verifier: CodeVerifier,
    nonce: String,
    sign_in_base: String,
    tenant: String,
    client_id: String,
    redirect_uri: String,
    scope: String,
    scopes: ScopeOptions,
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCode")
            .field("client_id", &self.client_id)
            .field("tenant", &self.tenant)
            .finish_non_exhaustive()
    }
}

/// The HTTP request that redeems the code: `POST url` with `body` as
/// `application/x-www-form-urlencoded`. Send it with `fetch` from the page (the browser adds
/// the `Origin` header that SPA redemption requires), without credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenRequest {
    /// `{sign_in_base}/{tenant}/oauth2/v2.0/token`.
    pub url: String,
    /// The form body (holds the code and the verifier: never log it).
    pub body: String,
}

impl TokenRequest {
    /// The `Content-Type` of [`TokenRequest::body`].
    pub const CONTENT_TYPE: &'static str = "application/x-www-form-urlencoded";
}

impl fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenRequest")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// A successful token endpoint response. Other fields (a refresh token, were one ever sent)
/// are dropped on purpose.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct TokenResponse {
    /// The Graph access token.
    pub access_token: String,
    /// The ID token (we always ask for `openid`).
    #[serde(default)]
    pub id_token: Option<String>,
    /// Lifetime of the access token, in seconds.
    #[serde(deserialize_with = "seconds")]
    pub expires_in: u64,
    /// The scopes granted, space-separated.
    #[serde(default)]
    pub scope: Option<String>,
    /// `Bearer`.
    pub token_type: String,
}

impl fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenResponse")
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .field("token_type", &self.token_type)
            .finish_non_exhaustive()
    }
}

/// `expires_in` as a number, or as a string of digits (older Entra endpoints sent strings).
fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumberOrText {
        Number(u64),
        Text(String),
    }
    match NumberOrText::deserialize(deserializer)? {
        NumberOrText::Number(n) => Ok(n),
        NumberOrText::Text(text) => text.trim().parse().map_err(serde::de::Error::custom),
    }
}

/// A Graph access token. Kept in memory only: no `Serialize`, and `Debug` redacts it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// The token itself, for the `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// The `Authorization` header value: `Bearer {token}`.
    pub fn authorization_header(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// A finished sign-in: the Graph token and who signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// The Graph access token.
    pub access_token: AccessToken,
    /// When the access token expires, seconds since the Unix epoch (by this computer's clock).
    pub expires_at: u64,
    /// The scopes Entra says it granted.
    pub granted_scopes: String,
    /// Graph permissions we asked for that Entra did not grant (normally empty).
    pub missing_scopes: Vec<&'static str>,
    /// Who signed in, from the checked ID token.
    pub identity: SignedInIdentity,
}

impl SignedIn {
    /// True once the access token has expired, or will within `margin` seconds.
    pub fn expires_within(&self, now: u64, margin: u64) -> bool {
        now.saturating_add(margin) >= self.expires_at
    }
}

impl AuthorizationCode {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        code: String,
        verifier: CodeVerifier,
        nonce: String,
        sign_in_base: String,
        tenant: String,
        client_id: String,
        redirect_uri: String,
        scope: String,
        scopes: ScopeOptions,
    ) -> Self {
        Self {
            code,
            verifier,
            nonce,
            sign_in_base,
            tenant,
            client_id,
            redirect_uri,
            scope,
            scopes,
        }
    }

    /// The token request that redeems this code.
    pub fn token_request(&self) -> TokenRequest {
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("client_id", &self.client_id)
            .append_pair("grant_type", "authorization_code")
            .append_pair("code", &self.code)
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("code_verifier", self.verifier.secret())
            .append_pair("scope", &self.scope)
            .finish();
        TokenRequest {
            url: format!("{}/{}/oauth2/v2.0/token", self.sign_in_base, self.tenant),
            body,
        }
    }

    /// Reads the token endpoint's answer (`status` and body text) at time `now` (Unix
    /// seconds): an Entra error becomes a [`SignInError`]; a success must carry a Bearer token
    /// and an ID token that passes every check of [`validate_id_token`].
    pub fn accept_token_response(
        self,
        status: u16,
        body: &str,
        now: u64,
    ) -> Result<SignedIn, SignInError> {
        if let Some(details) = EntraErrorDetails::from_json(body) {
            return Err(details.into());
        }
        if status != 200 {
            return Err(SignInError::UnexpectedStatus { status });
        }
        let invalid = |problem| SignInError::InvalidTokenResponse { problem };
        let response: TokenResponse =
            serde_json::from_str(body).map_err(|_| invalid("not a token response"))?;
        if !response.token_type.eq_ignore_ascii_case("bearer") {
            return Err(invalid("the token is not a Bearer token"));
        }
        if response.access_token.is_empty() {
            return Err(invalid("the access token is empty"));
        }
        let id_token = response.id_token.as_deref().ok_or(invalid("no ID token"))?;
        let identity = validate_id_token(
            id_token,
            &IdTokenExpectations {
                sign_in_base: &self.sign_in_base,
                client_id: &self.client_id,
                nonce: &self.nonce,
                tenant: &self.tenant,
                now,
            },
        )?;
        let granted_scopes = response.scope.unwrap_or_default();
        Ok(SignedIn {
            missing_scopes: missing_graph_scopes(&granted_scopes, self.scopes),
            access_token: AccessToken(response.access_token),
            expires_at: now.saturating_add(response.expires_in),
            granted_scopes,
            identity,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::auth::authorize::PendingSignIn;
    use crate::auth::authorize::tests::{random, request};
    use crate::auth::encoding::base64url;
    use crate::auth::entra::EntraProblem;
    use crate::auth::errors::IdTokenProblem;
    use crate::auth::id_token::tests::{NOW, TENANT, claims, jwt};
    use crate::auth::redirect::AuthorizationResponse;

    fn code() -> AuthorizationCode {
        let pending = PendingSignIn::start(&request(), &random()).expect("valid");
        let state = pending.state().to_owned();
        let response =
            AuthorizationResponse::from_parameters(&format!("code=the-code&state={state}"))
                .expect("a response");
        pending.accept(response).expect("state matches")
    }

    fn nonce() -> String {
        base64url(&random().nonce)
    }

    fn success_body(id_token: &str) -> String {
        json!({
            "token_type": "Bearer",
            "scope": "https://graph.microsoft.com/User.Read https://graph.microsoft.com/Application.ReadWrite.All https://graph.microsoft.com/AppRoleAssignment.ReadWrite.All https://graph.microsoft.com/DelegatedPermissionGrant.ReadWrite.All https://graph.microsoft.com/Policy.Read.All openid profile",
            "expires_in": 4523,
            "ext_expires_in": 4523,
            "access_token": "eyJ0eXAiOi.graph.token",
            "refresh_token": "should-be-dropped",
            "id_token": id_token,
        })
        .to_string()
    }

    #[test]
    fn token_request_body_has_every_parameter() {
        let request = code().token_request();
        assert_eq!(
            request.url,
            "https://login.microsoftonline.com/organizations/oauth2/v2.0/token"
        );
        let pairs: Vec<(String, String)> = form_urlencoded::parse(request.body.as_bytes())
            .into_owned()
            .collect();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(
            get("client_id"),
            Some("11111111-2222-3333-4444-555555555555")
        );
        assert_eq!(get("grant_type"), Some("authorization_code"));
        assert_eq!(get("code"), Some("the-code"));
        assert_eq!(
            get("redirect_uri"),
            Some("https://registrar.example.com/redirect.html")
        );
        assert_eq!(
            get("code_verifier"),
            Some(CodeVerifier::from_random(&[3; 32]).secret())
        );
        assert!(
            get("scope").is_some_and(
                |s| s.contains("https://graph.microsoft.com/Application.ReadWrite.All")
            )
        );
        assert_eq!(get("client_secret"), None);
        assert_eq!(pairs.len(), 6);
        assert!(!format!("{request:?}").contains("the-code"));
    }

    #[test]
    fn a_good_response_signs_in() {
        let signed_in = code()
            .accept_token_response(200, &success_body(&jwt(&claims(&nonce()))), NOW)
            .expect("signed in");
        assert_eq!(signed_in.identity.tenant_id, TENANT);
        assert_eq!(signed_in.expires_at, NOW + 4523);
        assert_eq!(
            signed_in.access_token.authorization_header(),
            "Bearer eyJ0eXAiOi.graph.token"
        );
        assert!(signed_in.missing_scopes.is_empty());
        assert!(!signed_in.expires_within(NOW, 300));
        assert!(signed_in.expires_within(NOW + 4300, 300));
        assert!(!format!("{signed_in:?}").contains("graph.token"));
    }

    #[test]
    fn string_expires_in_and_missing_scopes() {
        let mut body: serde_json::Value =
            serde_json::from_str(&success_body(&jwt(&claims(&nonce())))).expect("json");
        body["expires_in"] = json!("3599");
        body["scope"] = json!("https://graph.microsoft.com/User.Read openid");
        let signed_in = code()
            .accept_token_response(200, &body.to_string(), NOW)
            .expect("signed in");
        assert_eq!(signed_in.expires_at, NOW + 3599);
        assert!(
            signed_in
                .missing_scopes
                .contains(&"Application.ReadWrite.All")
        );
    }

    #[test]
    fn id_token_checks_apply() {
        let result =
            code().accept_token_response(200, &success_body(&jwt(&claims("other-nonce"))), NOW);
        assert_eq!(
            result.err(),
            Some(SignInError::InvalidIdToken(IdTokenProblem::NonceMismatch))
        );
        let result =
            code().accept_token_response(200, &success_body(&jwt(&claims(&nonce()))), NOW + 10_000);
        assert_eq!(
            result.err(),
            Some(SignInError::InvalidIdToken(IdTokenProblem::Expired))
        );
    }

    #[test]
    fn entra_errors_are_mapped() {
        let body = r#"{"error":"invalid_grant","error_description":"AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: 2026-11-22 00:00:00Z","error_codes":[54005],"timestamp":"2026-11-22 00:00:00Z","trace_id":"t","correlation_id":"c"}"#;
        let error = code()
            .accept_token_response(400, body, NOW)
            .expect_err("replayed");
        assert!(matches!(
            error,
            SignInError::Entra {
                problem: EntraProblem::CodeAlreadyRedeemed,
                ..
            }
        ));
        let body = r#"{"error":"invalid_request","error_description":"AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.","error_codes":[9002326]}"#;
        let error = code()
            .accept_token_response(400, body, NOW)
            .expect_err("not spa");
        assert!(matches!(
            error,
            SignInError::Entra {
                problem: EntraProblem::NotRegisteredAsSpa,
                ..
            }
        ));
    }

    #[test]
    fn bad_responses() {
        let cases = [
            (503, "<html>busy</html>".to_owned()),
            (200, "not json".to_owned()),
            (200, r#"{"access_token":"x","token_type":"Bearer"}"#.to_owned()),
            (200, r#"{"access_token":"x","token_type":"pop","expires_in":1,"id_token":"a.b.c"}"#.to_owned()),
            (200, r#"{"access_token":"","token_type":"Bearer","expires_in":1,"id_token":"a.b.c"}"#.to_owned()),
            (200, r#"{"access_token":"x","token_type":"Bearer","expires_in":1}"#.to_owned()),
            (200, r#"{"access_token":"x","token_type":"Bearer","expires_in":"soon","id_token":"a.b.c"}"#.to_owned()),
        ];
        for (status, body) in cases {
            let error = code()
                .accept_token_response(status, &body, NOW)
                .expect_err(&body);
            let expected = if status == 200 {
                matches!(error, SignInError::InvalidTokenResponse { .. })
            } else {
                error == SignInError::UnexpectedStatus { status }
            };
            assert!(expected, "{status} {body}: {error:?}");
        }
    }
}
