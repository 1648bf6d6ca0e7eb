//! Starting a sign-in: the random secrets, the pending sign-in that keeps them, and the
//! authorize URL (authorization code flow with PKCE, `response_mode=fragment`, as MSAL browser
//! sends it for a single-page app).

use serde::{Deserialize, Serialize};

use super::encoding::{base64url, constant_time_eq};
use super::errors::SignInError;
use super::pkce::{CHALLENGE_METHOD, CodeVerifier};
use super::redirect::AuthorizationResponse;
use super::scopes::{ScopeOptions, scope_parameter};
use super::token::AuthorizationCode;
use crate::config::endpoint::{Service, parse_base_url};
use crate::config::origin::parse_prefix;
use crate::guid::is_guid;

/// What the sign-in needs to know, as plain strings (the config module supplies them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInRequest<'a> {
    /// Sign-in host root, like `https://login.microsoftonline.com` (a trailing slash is ignored).
    pub sign_in_base: &'a str,
    /// Tenant path segment: `organizations`, a tenant id, or a verified domain.
    pub tenant: &'a str,
    /// The onboarding app's client id (a GUID).
    pub client_id: &'a str,
    /// The redirect URI registered as type `spa` on the onboarding app.
    pub redirect_uri: &'a str,
    /// Graph root of the same cloud, like `https://graph.microsoft.com`.
    pub graph_base: &'a str,
    /// Which optional scopes to ask for.
    pub scopes: ScopeOptions,
    /// Pre-fills the account picker (`login_hint`), when the admin's name is known.
    pub login_hint: Option<&'a str>,
    /// Skips home realm discovery for federated tenants (`domain_hint`).
    pub domain_hint: Option<&'a str>,
}

/// Fresh random bytes for one sign-in, from a cryptographic generator (WebCrypto
/// `getRandomValues` in the browser). Each field must be independent.
#[derive(Clone, PartialEq, Eq)]
pub struct SignInRandomness {
    /// 256 bits for `state` (at least 128 are required).
    pub state: [u8; 32],
    /// 256 bits for the OpenID Connect `nonce`.
    pub nonce: [u8; 32],
    /// 256 bits for the PKCE code verifier.
    pub verifier: [u8; 32],
}

impl SignInRandomness {
    /// Splits 96 random bytes into the three secrets.
    pub fn from_bytes(bytes: &[u8; 96]) -> Self {
        let mut state = [0; 32];
        let mut nonce = [0; 32];
        let mut verifier = [0; 32];
        state.copy_from_slice(&bytes[..32]);
        nonce.copy_from_slice(&bytes[32..64]);
        verifier.copy_from_slice(&bytes[64..]);
        Self {
            state,
            nonce,
            verifier,
        }
    }
}

impl core::fmt::Debug for SignInRandomness {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SignInRandomness(<redacted>)")
    }
}

/// A sign-in that has sent the admin to Entra and waits for the answer.
///
/// It holds the `state`, `nonce` and PKCE verifier. [`PendingSignIn::accept`] consumes it (and
/// it is not `Clone`), so a response is accepted at most once. Keep it in memory only, in the
/// window that waits for the answer (or the worker that redeems the code): its serialized form
/// holds secrets (the verifier), which never go to storage. `Debug` redacts the secrets.
#[derive(PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    sign_in_base: String,
    tenant: String,
    client_id: String,
    redirect_uri: String,
    scope: String,
    scopes: ScopeOptions,
    login_hint: Option<String>,
    domain_hint: Option<String>,
    state: String,
    nonce: String,
    verifier: CodeVerifier,
}

impl core::fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("sign_in_base", &self.sign_in_base)
            .field("tenant", &self.tenant)
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl PendingSignIn {
    /// Starts a sign-in: checks the settings and derives `state`, `nonce` and the verifier from
    /// the caller's random bytes.
    pub fn start(
        request: &SignInRequest<'_>,
        random: &SignInRandomness,
    ) -> Result<Self, SignInError> {
        let sign_in_base = checked_base_url(request.sign_in_base, Service::SignIn, "sign-in URL")?;
        let graph_base = checked_base_url(request.graph_base, Service::Graph, "Graph URL")?;
        let tenant = request.tenant;
        let tenant_ok = !tenant.is_empty()
            && tenant
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if !tenant_ok {
            return Err(invalid(
                "tenant",
                "must be `organizations`, a tenant id or a domain name",
            ));
        }
        if !is_guid(request.client_id) {
            return Err(invalid(
                "client id",
                "must be the sign-in app's application (client) id, a GUID",
            ));
        }
        let redirect_uri = request.redirect_uri;
        let redirect_ok =
            parse_prefix(redirect_uri).is_ok_and(|(_, path)| !path.contains(['?', '#']));
        if !redirect_ok {
            return Err(invalid(
                "redirect URI",
                "must be an absolute https URL without a fragment",
            ));
        }
        let hint = |value: Option<&str>| {
            value
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        Ok(Self {
            sign_in_base,
            tenant: tenant.to_owned(),
            client_id: request.client_id.to_ascii_lowercase(),
            redirect_uri: redirect_uri.to_owned(),
            scope: scope_parameter(&graph_base, request.scopes),
            scopes: request.scopes,
            login_hint: hint(request.login_hint),
            domain_hint: hint(request.domain_hint),
            state: base64url(&random.state),
            nonce: base64url(&random.nonce),
            verifier: CodeVerifier::from_random(&random.verifier),
        })
    }

    /// The URL to open in the sign-in window:
    /// `{sign_in_base}/{tenant}/oauth2/v2.0/authorize?...`.
    pub fn authorize_url(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("client_id", &self.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("response_mode", "fragment")
            .append_pair("scope", &self.scope)
            .append_pair("state", &self.state)
            .append_pair("nonce", &self.nonce)
            .append_pair("code_challenge", &self.verifier.challenge())
            .append_pair("code_challenge_method", CHALLENGE_METHOD)
            .append_pair("prompt", "select_account");
        if let Some(hint) = &self.login_hint {
            query.append_pair("login_hint", hint);
        }
        if let Some(hint) = &self.domain_hint {
            query.append_pair("domain_hint", hint);
        }
        format!(
            "{}/{}/oauth2/v2.0/authorize?{}",
            self.sign_in_base,
            self.tenant,
            query.finish()
        )
    }

    /// The `state` this sign-in sent, so a receiver can route a response to its sign-in.
    /// Not a secret once it has been in a URL, but compare with [`PendingSignIn::accept`].
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The redirect URI this sign-in sent.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Accepts the response that came back to the redirect page, once: the `state` must match
    /// exactly (compared in constant time), whether the response is a code or an error.
    /// Consumes the pending sign-in in every case; after an error, start a new sign-in.
    pub fn accept(self, response: AuthorizationResponse) -> Result<AuthorizationCode, SignInError> {
        let state_matches = response
            .state()
            .is_some_and(|state| constant_time_eq(state, &self.state));
        if !state_matches {
            return Err(SignInError::StateMismatch);
        }
        match response {
            AuthorizationResponse::Error { details, .. } => Err((*details).into()),
            AuthorizationResponse::Code { code, .. } => Ok(AuthorizationCode::new(
                code,
                self.verifier,
                self.nonce,
                self.sign_in_base,
                self.tenant,
                self.client_id,
                self.redirect_uri,
                self.scope,
                self.scopes,
            )),
        }
    }
}

fn invalid(setting: &'static str, problem: &'static str) -> SignInError {
    SignInError::InvalidSetting { setting, problem }
}

/// A base URL by the configuration's own rules (`config::endpoint`): `https://`, or plain
/// `http://` on loopback hosts only, no query or fragment, trailing slash removed. One set of
/// rules, so a configuration that validates can always sign in.
fn checked_base_url(
    url: &str,
    service: Service,
    setting: &'static str,
) -> Result<String, SignInError> {
    parse_base_url(url, service).map_err(|_| {
        invalid(
            setting,
            "must be an absolute https URL without query or fragment",
        )
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const CLIENT_ID: &str = "11111111-2222-3333-4444-555555555555";

    /// The configuration and the sign-in share one set of URL rules: whatever validates signs in.
    #[test]
    fn every_endpoint_a_configuration_accepts_can_start_a_sign_in() {
        for (sign_in, graph) in [
            ("http://127.8.9.10:8400", "http://127.8.9.10:8401"),
            ("http://[::1]:8400", "http://localhost:8401"),
            (
                "http://login.localhost:8400/",
                "http://graph.localhost:8400",
            ),
            (
                "https://login.microsoftonline.us",
                "https://dod-graph.microsoft.us",
            ),
            (
                "https://proxy.example.com/entra",
                "https://proxy.example.com/graph",
            ),
        ] {
            let json = format!(
                r#"{{"clientId": "{CLIENT_ID}", "endpoints": {{"signIn": "{sign_in}", "graph": "{graph}"}},
                    "handoffOrigins": [], "appDisplayName": "Backup", "permissionProfile": "full-backup"}}"#
            );
            let config = crate::config::parse(&json).unwrap_or_else(|e| panic!("{sign_in}: {e}"));
            let request = SignInRequest {
                sign_in_base: &config.endpoints.sign_in,
                graph_base: &config.endpoints.graph,
                ..request()
            };
            let started = PendingSignIn::start(&request, &SignInRandomness::from_bytes(&[7; 96]));
            assert!(
                started.is_ok(),
                "{sign_in} validates but cannot sign in: {:?}",
                started.err()
            );
        }
    }

    pub(crate) fn request() -> SignInRequest<'static> {
        SignInRequest {
            sign_in_base: "https://login.microsoftonline.com",
            tenant: "organizations",
            client_id: CLIENT_ID,
            redirect_uri: "https://registrar.example.com/redirect.html",
            graph_base: "https://graph.microsoft.com",
            scopes: ScopeOptions::default(),
            login_hint: None,
            domain_hint: None,
        }
    }

    pub(crate) fn random() -> SignInRandomness {
        SignInRandomness {
            state: [1; 32],
            nonce: [2; 32],
            verifier: [3; 32],
        }
    }

    fn query_pairs(url: &str) -> Vec<(String, String)> {
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    fn param(url: &str, name: &str) -> Option<String> {
        query_pairs(url)
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    #[test]
    fn authorize_url_has_every_parameter() {
        let pending = PendingSignIn::start(&request(), &random()).expect("valid request");
        let url = pending.authorize_url();
        assert!(
            url.starts_with(
                "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?"
            )
        );
        assert_eq!(param(&url, "client_id").as_deref(), Some(CLIENT_ID));
        assert_eq!(param(&url, "response_type").as_deref(), Some("code"));
        assert_eq!(
            param(&url, "redirect_uri").as_deref(),
            Some("https://registrar.example.com/redirect.html")
        );
        assert_eq!(param(&url, "response_mode").as_deref(), Some("fragment"));
        assert_eq!(
            param(&url, "code_challenge_method").as_deref(),
            Some("S256")
        );
        assert_eq!(param(&url, "prompt").as_deref(), Some("select_account"));
        assert_eq!(
            param(&url, "state").as_deref(),
            Some(base64url(&[1; 32]).as_str())
        );
        assert_eq!(
            param(&url, "nonce").as_deref(),
            Some(base64url(&[2; 32]).as_str())
        );
        let challenge = CodeVerifier::from_random(&[3; 32]).challenge();
        assert_eq!(param(&url, "code_challenge"), Some(challenge));
        let scope = param(&url, "scope").expect("scope");
        assert!(scope.starts_with("openid profile https://graph.microsoft.com/User.Read"));
        assert!(!scope.contains("offline_access"));
        assert_eq!(param(&url, "login_hint"), None);
        assert_eq!(param(&url, "domain_hint"), None);
        // No parameter twice, and the verifier itself never leaves.
        let pairs = query_pairs(&url);
        for (name, _) in &pairs {
            assert_eq!(
                pairs.iter().filter(|(n, _)| n == name).count(),
                1,
                "{name} twice"
            );
        }
        assert!(!url.contains(CodeVerifier::from_random(&[3; 32]).secret()));
    }

    #[test]
    fn state_and_nonce_carry_256_bits() {
        let pending = PendingSignIn::start(&request(), &random()).expect("valid request");
        assert_eq!(pending.state().len(), 43);
        assert_eq!(pending.nonce.len(), 43);
        assert_ne!(pending.state(), pending.nonce);
    }

    #[test]
    fn hints_are_percent_encoded_and_round_trip() {
        let mut req = request();
        req.login_hint = Some("admin+backup@contoso.com");
        req.domain_hint = Some("contoso.com");
        req.redirect_uri = "https://registrar.example.com/r?x=1&y=a b";
        // A query (or a space) in the redirect URI is refused: register a plain path.
        assert!(PendingSignIn::start(&req, &random()).is_err());
        req.redirect_uri = "https://registrar.example.com/r/";
        let url = PendingSignIn::start(&req, &random())
            .expect("valid")
            .authorize_url();
        assert!(
            url.contains("login_hint=admin%2Bbackup%40contoso.com"),
            "{url}"
        );
        assert_eq!(
            param(&url, "login_hint").as_deref(),
            Some("admin+backup@contoso.com")
        );
        assert_eq!(param(&url, "domain_hint").as_deref(), Some("contoso.com"));
        assert_eq!(
            param(&url, "redirect_uri").as_deref(),
            Some("https://registrar.example.com/r/")
        );
    }

    #[test]
    fn empty_hints_are_left_out() {
        let mut req = request();
        req.login_hint = Some("  ");
        let url = PendingSignIn::start(&req, &random())
            .expect("valid")
            .authorize_url();
        assert_eq!(param(&url, "login_hint"), None);
    }

    #[test]
    fn national_cloud_and_pinned_tenant() {
        let mut req = request();
        req.sign_in_base = "https://login.microsoftonline.us/";
        req.graph_base = "https://graph.microsoft.us";
        req.tenant = "contoso.onmicrosoft.us";
        let url = PendingSignIn::start(&req, &random())
            .expect("valid")
            .authorize_url();
        assert!(url.starts_with(
            "https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/authorize?"
        ));
        assert!(
            param(&url, "scope")
                .expect("scope")
                .contains("https://graph.microsoft.us/Application.ReadWrite.All")
        );
    }

    #[test]
    fn bad_settings_are_refused() {
        let cases: [fn(&mut SignInRequest<'static>); 8] = [
            |r| r.sign_in_base = "http://login.microsoftonline.com",
            |r| r.sign_in_base = "login.microsoftonline.com",
            |r| r.sign_in_base = "https://login.microsoftonline.com?x=1",
            |r| r.tenant = "organizations/../x",
            |r| r.tenant = "",
            |r| r.client_id = "not-a-guid",
            |r| r.redirect_uri = "https://app.example.com/#done",
            |r| r.graph_base = "https://user@graph.microsoft.com",
        ];
        for (index, change) in cases.into_iter().enumerate() {
            let mut req = request();
            change(&mut req);
            let error = PendingSignIn::start(&req, &random()).expect_err(&format!("case {index}"));
            assert!(
                matches!(error, SignInError::InvalidSetting { .. }),
                "case {index}"
            );
            assert!(error.to_string().contains("provider that hosts this page"));
        }
    }

    #[test]
    fn loopback_http_is_allowed_for_the_sandbox() {
        let mut req = request();
        req.sign_in_base = "http://login.localhost:8400";
        req.graph_base = "http://graph.localhost:8400";
        req.redirect_uri = "http://app.localhost:8400/redirect.html";
        let url = PendingSignIn::start(&req, &random())
            .expect("loopback")
            .authorize_url();
        assert!(
            url.starts_with("http://login.localhost:8400/organizations/oauth2/v2.0/authorize?")
        );
        req.sign_in_base = "http://localhost.evil.com";
        assert!(PendingSignIn::start(&req, &random()).is_err());
    }

    fn fresh() -> PendingSignIn {
        PendingSignIn::start(&request(), &random()).expect("valid")
    }

    fn respond(parameters: &str) -> AuthorizationResponse {
        AuthorizationResponse::from_parameters(parameters).expect("well-formed")
    }

    #[test]
    fn accept_a_code_with_the_right_state() {
        let pending = PendingSignIn::start(&request(), &random()).expect("valid");
        let state = pending.state().to_owned();
        let code = pending.accept(respond(&format!("code=c1&state={state}&session_state=s")));
        assert!(code.is_ok());
    }

    #[test]
    fn wrong_modified_or_missing_state_is_refused() {
        let pending = PendingSignIn::start(&request(), &random()).expect("valid");
        let state = pending.state().to_owned();
        let mut modified = state.clone();
        modified.replace_range(..1, if state.starts_with('A') { "B" } else { "A" });
        for parameters in [
            "code=c1&state=somebody-elses".to_owned(),
            format!("code=c1&state={modified}"),
            format!("code=c1&state={state}x"),
            format!("code=c1&state={}", &state[..42]),
            "code=c1".to_owned(),
            "code=c1&state=".to_owned(),
        ] {
            let result = fresh().accept(respond(&parameters));
            assert!(
                matches!(result, Err(SignInError::StateMismatch)),
                "{parameters}"
            );
        }
    }

    #[test]
    fn a_response_replayed_into_another_sign_in_is_refused() {
        let first = PendingSignIn::start(&request(), &random()).expect("valid");
        let response = respond(&format!("code=c1&state={}", first.state()));
        assert!(first.accept(response.clone()).is_ok());
        // `first` is gone (accept took it by value); a new sign-in has a new state.
        let second_random = SignInRandomness {
            state: [9; 32],
            ..random()
        };
        let second = PendingSignIn::start(&request(), &second_random).expect("valid");
        assert!(matches!(
            second.accept(response),
            Err(SignInError::StateMismatch)
        ));
    }

    #[test]
    fn error_responses_need_the_right_state_too() {
        let pending = PendingSignIn::start(&request(), &random()).expect("valid");
        let state = pending.state().to_owned();
        let cancel = "error=access_denied&error_subcode=cancel&error_description=AADSTS65004%3A+User+declined";
        let result = fresh().accept(respond(&format!("{cancel}&state={state}")));
        assert!(matches!(
            result,
            Err(SignInError::Entra {
                problem: crate::auth::EntraProblem::Cancelled,
                ..
            })
        ));
        // A forged error with another state is not shown as Entra's words.
        let result = pending.accept(respond(&format!("{cancel}&state=forged")));
        assert!(matches!(result, Err(SignInError::StateMismatch)));
    }

    #[test]
    fn randomness_from_96_bytes() {
        let mut bytes = [0u8; 96];
        bytes[..32].fill(1);
        bytes[32..64].fill(2);
        bytes[64..].fill(3);
        assert!(SignInRandomness::from_bytes(&bytes) == random());
        assert!(!format!("{:?}", random()).contains('1'));
    }

    #[test]
    fn debug_redacts_secrets_and_serde_round_trips() {
        let pending = PendingSignIn::start(&request(), &random()).expect("valid");
        let debug = format!("{pending:?}");
        assert!(!debug.contains(pending.state()));
        assert!(!debug.contains(pending.verifier.secret()));
        let json = serde_json::to_string(&pending).expect("serializes");
        let back: PendingSignIn = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, pending);
    }
}
