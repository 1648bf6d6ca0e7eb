//! The ID token: decoding its claims and the checks OpenID Connect asks of a client.
//!
//! No signature check. The token comes straight from the token endpoint, over TLS, in answer
//! to our own PKCE-bound code redemption, which OpenID Connect Core 1.0 §3.1.3.7 (item 6)
//! allows for the code flow: "the TLS server validation MAY be used to validate the issuer in
//! place of checking the token signature". Nothing here trusts an ID token from anywhere else.
//! Graph, not the ID token, is the authority for roles and tenant details (see `whoami`).

use serde::Deserialize;

use super::encoding::{base64url_decode, constant_time_eq};
use super::errors::{IdTokenProblem, SignInError};
use crate::guid::is_guid;

/// Clock skew allowed between this computer and Entra for `exp`, `nbf` and `iat`.
pub const CLOCK_SKEW_SECONDS: u64 = 5 * 60;

/// The tenant id of personal Microsoft accounts (consumers).
pub const PERSONAL_ACCOUNT_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// The ID token claims this client reads. Unknown claims are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IdTokenClaims {
    /// Issuer: `{sign-in base}/{tid}/v2.0`.
    pub iss: String,
    /// Audience: our client id (a string; a one-element array is accepted too).
    pub aud: Audience,
    /// Expiry, seconds since the Unix epoch.
    pub exp: u64,
    /// Not before, seconds since the Unix epoch.
    #[serde(default)]
    pub nbf: Option<u64>,
    /// Issued at, seconds since the Unix epoch.
    #[serde(default)]
    pub iat: Option<u64>,
    /// The nonce this sign-in sent.
    #[serde(default)]
    pub nonce: Option<String>,
    /// The tenant the user signed in to.
    #[serde(default)]
    pub tid: Option<String>,
    /// The user's object id in that tenant.
    #[serde(default)]
    pub oid: Option<String>,
    /// The user's sign-in name (UPN or email); display only, never for decisions.
    #[serde(default)]
    pub preferred_username: Option<String>,
    /// The user's display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Identity provider, present when it is not the issuer (guests, personal accounts).
    #[serde(default)]
    pub idp: Option<String>,
    /// Optional claim `acct`: 0 for a member, 1 for a guest.
    #[serde(default)]
    pub acct: Option<u8>,
}

/// The `aud` claim: one string, or an array of strings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    /// A single audience.
    One(String),
    /// Several audiences.
    Many(Vec<String>),
}

impl Audience {
    /// True if the audience is exactly `client_id` (GUIDs compare case-insensitively). An
    /// array must hold only `client_id`: we never accept a token meant for others too.
    fn is_only(&self, client_id: &str) -> bool {
        match self {
            Self::One(aud) => aud.eq_ignore_ascii_case(client_id),
            Self::Many(auds) => auds.len() == 1 && auds[0].eq_ignore_ascii_case(client_id),
        }
    }
}

/// What the checks compare the ID token against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdTokenExpectations<'a> {
    /// Sign-in host root without trailing slash, like `https://login.microsoftonline.com`.
    pub sign_in_base: &'a str,
    /// Our client id.
    pub client_id: &'a str,
    /// The nonce this sign-in sent.
    pub nonce: &'a str,
    /// The tenant segment the sign-in used; a tenant id here pins the tenant.
    pub tenant: &'a str,
    /// The current time, seconds since the Unix epoch.
    pub now: u64,
}

/// Who signed in, according to a checked ID token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInIdentity {
    /// The tenant id (`tid`), lower case.
    pub tenant_id: String,
    /// The user's object id (`oid`), if sent.
    pub object_id: Option<String>,
    /// The sign-in name (`preferred_username`), for display.
    pub username: Option<String>,
    /// The display name (`name`), for display.
    pub name: Option<String>,
}

/// Decodes a JWT's claims without checking them. Fails unless it is a JWS compact
/// serialization with base64url JSON header and payload.
pub fn decode_claims(jwt: &str) -> Result<IdTokenClaims, IdTokenProblem> {
    let mut parts = jwt.split('.');
    let (Some(header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(IdTokenProblem::Malformed);
    };
    let header: serde_json::Value = base64url_decode(header)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(IdTokenProblem::Malformed)?;
    match header.get("alg").and_then(serde_json::Value::as_str) {
        None => return Err(IdTokenProblem::Malformed),
        Some(alg) if alg.eq_ignore_ascii_case("none") => return Err(IdTokenProblem::Unsigned),
        Some(_) => {}
    }
    base64url_decode(payload)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(IdTokenProblem::Malformed)
}

/// Decodes and checks an ID token from the token endpoint: `aud`, `tid`, `iss`, `nonce`,
/// `exp`/`nbf`/`iat` (with [`CLOCK_SKEW_SECONDS`]), then refuses personal accounts, guests and a
/// tenant other than the pinned one.
pub fn validate_id_token(
    jwt: &str,
    expected: &IdTokenExpectations<'_>,
) -> Result<SignedInIdentity, SignInError> {
    let claims = decode_claims(jwt).map_err(SignInError::InvalidIdToken)?;
    let problem = |p| Err(SignInError::InvalidIdToken(p));

    if !claims.aud.is_only(expected.client_id) {
        return problem(IdTokenProblem::WrongAudience);
    }
    let Some(tid) = claims.tid.as_deref().filter(|tid| is_guid(tid)) else {
        return problem(IdTokenProblem::MissingTenant);
    };
    let tid = tid.to_ascii_lowercase();
    let issuer = format!("{}/{tid}/v2.0", expected.sign_in_base.trim_end_matches('/'));
    if !claims.iss.eq_ignore_ascii_case(&issuer) {
        return problem(IdTokenProblem::WrongIssuer);
    }
    let nonce_ok = claims
        .nonce
        .as_deref()
        .is_some_and(|n| constant_time_eq(n, expected.nonce));
    if !nonce_ok {
        return problem(IdTokenProblem::NonceMismatch);
    }
    let now = expected.now;
    if claims.exp.saturating_add(CLOCK_SKEW_SECONDS) <= now {
        return problem(IdTokenProblem::Expired);
    }
    if claims
        .nbf
        .is_some_and(|nbf| nbf > now.saturating_add(CLOCK_SKEW_SECONDS))
    {
        return problem(IdTokenProblem::NotYetValid);
    }
    if claims
        .iat
        .is_some_and(|iat| iat > now.saturating_add(CLOCK_SKEW_SECONDS))
    {
        return problem(IdTokenProblem::IssuedInFuture);
    }

    let idp = claims.idp.as_deref().map(str::to_ascii_lowercase);
    let idp_is_personal = idp
        .as_deref()
        .is_some_and(|idp| idp == "live.com" || idp.contains(PERSONAL_ACCOUNT_TENANT));
    if tid == PERSONAL_ACCOUNT_TENANT || idp_is_personal {
        return Err(SignInError::PersonalAccount);
    }
    // `idp` equals `iss` (or is absent) for members; for guests it names the home tenant's
    // issuer (`https://sts.windows.net/{home tid}/`) or another identity provider.
    let idp_is_foreign = idp
        .as_deref()
        .is_some_and(|idp| !idp.eq_ignore_ascii_case(&claims.iss) && !idp.contains(tid.as_str()));
    if claims.acct == Some(1) || idp_is_foreign {
        return Err(SignInError::GuestAccount {
            home_issuer: claims.idp.clone(),
        });
    }
    if is_guid(expected.tenant) && !expected.tenant.eq_ignore_ascii_case(&tid) {
        return Err(SignInError::WrongTenant {
            expected: expected.tenant.to_ascii_lowercase(),
            actual: tid,
        });
    }

    Ok(SignedInIdentity {
        tenant_id: tid,
        object_id: claims.oid,
        username: claims.preferred_username,
        name: claims.name,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::auth::encoding::base64url;

    pub(crate) const TENANT: &str = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    pub(crate) const CLIENT: &str = "11111111-2222-3333-4444-555555555555";
    pub(crate) const NOW: u64 = 1_795_000_000;

    pub(crate) fn jwt(claims: &Value) -> String {
        let header = base64url(br#"{"alg":"RS256","typ":"JWT","kid":"k1"}"#);
        format!(
            "{header}.{}.c2lnbmF0dXJl",
            base64url(claims.to_string().as_bytes())
        )
    }

    pub(crate) fn claims(nonce: &str) -> Value {
        json!({
            "iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"),
            "aud": CLIENT,
            "exp": NOW + 3600,
            "nbf": NOW - 10,
            "iat": NOW - 10,
            "nonce": nonce,
            "tid": TENANT,
            "oid": "99999999-8888-7777-6666-555555555555",
            "preferred_username": "admin@contoso.com",
            "name": "Contoso Admin",
            "ver": "2.0",
        })
    }

    fn expect(tenant: &str) -> IdTokenExpectations<'_> {
        IdTokenExpectations {
            sign_in_base: "https://login.microsoftonline.com",
            client_id: CLIENT,
            nonce: "n-123",
            tenant,
            now: NOW,
        }
    }

    fn check(claims: &Value) -> Result<SignedInIdentity, SignInError> {
        validate_id_token(&jwt(claims), &expect("organizations"))
    }

    fn with(change: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Value {
        let mut value = claims("n-123");
        if let Value::Object(map) = &mut value {
            change(map);
        }
        value
    }

    #[test]
    fn a_good_token_gives_the_identity() {
        let identity = check(&claims("n-123")).expect("valid");
        assert_eq!(identity.tenant_id, TENANT);
        assert_eq!(identity.username.as_deref(), Some("admin@contoso.com"));
        assert_eq!(identity.name.as_deref(), Some("Contoso Admin"));
    }

    #[test]
    fn wrong_audience() {
        let token = with(|c| {
            c.insert("aud".into(), json!("00000003-0000-0000-c000-000000000000"));
        });
        assert_eq!(
            check(&token),
            Err(SignInError::InvalidIdToken(IdTokenProblem::WrongAudience))
        );
        let token = with(|c| {
            c.insert("aud".into(), json!([CLIENT, "someone-else"]));
        });
        assert_eq!(
            check(&token),
            Err(SignInError::InvalidIdToken(IdTokenProblem::WrongAudience))
        );
        let token = with(|c| {
            c.insert("aud".into(), json!([CLIENT.to_uppercase()]));
        });
        assert!(check(&token).is_ok());
    }

    #[test]
    fn wrong_issuer() {
        for iss in [
            format!("https://login.microsoftonline.us/{TENANT}/v2.0"),
            format!("https://sts.windows.net/{TENANT}/"),
            "https://login.microsoftonline.com/bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee/v2.0"
                .to_owned(),
        ] {
            let token = with(|c| {
                c.insert("iss".into(), json!(iss));
            });
            assert_eq!(
                check(&token),
                Err(SignInError::InvalidIdToken(IdTokenProblem::WrongIssuer))
            );
        }
    }

    #[test]
    fn wrong_or_missing_nonce() {
        assert_eq!(
            check(&claims("n-456")),
            Err(SignInError::InvalidIdToken(IdTokenProblem::NonceMismatch))
        );
        let token = with(|c| {
            c.remove("nonce");
        });
        assert_eq!(
            check(&token),
            Err(SignInError::InvalidIdToken(IdTokenProblem::NonceMismatch))
        );
    }

    #[test]
    fn missing_or_bad_tenant() {
        let token = with(|c| {
            c.remove("tid");
        });
        assert_eq!(
            check(&token),
            Err(SignInError::InvalidIdToken(IdTokenProblem::MissingTenant))
        );
        let token = with(|c| {
            c.insert("tid".into(), json!("contoso"));
        });
        assert_eq!(
            check(&token),
            Err(SignInError::InvalidIdToken(IdTokenProblem::MissingTenant))
        );
    }

    #[test]
    fn expiry_with_five_minutes_of_skew() {
        let token = with(|c| {
            c.insert("exp".into(), json!(NOW - CLOCK_SKEW_SECONDS));
        });
        assert_eq!(
            check(&token),
            Err(SignInError::InvalidIdToken(IdTokenProblem::Expired))
        );
        let token = with(|c| {
            c.insert("exp".into(), json!(NOW - CLOCK_SKEW_SECONDS + 1));
        });
        assert!(check(&token).is_ok(), "within the skew");
    }

    #[test]
    fn not_yet_valid_and_issued_in_the_future() {
        let token = with(|c| {
            c.insert("nbf".into(), json!(NOW + CLOCK_SKEW_SECONDS + 1));
        });
        assert_eq!(
            check(&token),
            Err(SignInError::InvalidIdToken(IdTokenProblem::NotYetValid))
        );
        let token = with(|c| {
            c.insert("iat".into(), json!(NOW + CLOCK_SKEW_SECONDS + 1));
        });
        assert_eq!(
            check(&token),
            Err(SignInError::InvalidIdToken(IdTokenProblem::IssuedInFuture))
        );
        let token = with(|c| {
            c.insert("nbf".into(), json!(NOW + 60));
            c.insert("iat".into(), json!(NOW + 60));
        });
        assert!(check(&token).is_ok(), "a minute of skew is fine");
    }

    #[test]
    fn personal_account() {
        let msa = PERSONAL_ACCOUNT_TENANT;
        let token = with(|c| {
            c.insert("tid".into(), json!(msa));
            c.insert(
                "iss".into(),
                json!(format!("https://login.microsoftonline.com/{msa}/v2.0")),
            );
        });
        assert_eq!(check(&token), Err(SignInError::PersonalAccount));
        // A personal account invited as a guest into a work tenant.
        let token = with(|c| {
            c.insert(
                "idp".into(),
                json!(format!("https://sts.windows.net/{msa}/")),
            );
        });
        assert_eq!(check(&token), Err(SignInError::PersonalAccount));
        let token = with(|c| {
            c.insert("idp".into(), json!("live.com"));
        });
        assert_eq!(check(&token), Err(SignInError::PersonalAccount));
    }

    #[test]
    fn guest_from_another_tenant() {
        let home = "https://sts.windows.net/ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee/";
        let token = with(|c| {
            c.insert("idp".into(), json!(home));
        });
        assert_eq!(
            check(&token),
            Err(SignInError::GuestAccount {
                home_issuer: Some(home.into())
            })
        );
        let token = with(|c| {
            c.insert("acct".into(), json!(1));
        });
        assert_eq!(
            check(&token),
            Err(SignInError::GuestAccount { home_issuer: None })
        );
        let token = with(|c| {
            c.insert("idp".into(), json!("google.com"));
        });
        assert!(matches!(
            check(&token),
            Err(SignInError::GuestAccount { .. })
        ));
    }

    #[test]
    fn members_with_an_idp_claim_are_not_guests() {
        let token = with(|c| {
            c.insert(
                "idp".into(),
                json!(format!("https://sts.windows.net/{TENANT}/")),
            );
            c.insert("acct".into(), json!(0));
        });
        assert!(check(&token).is_ok());
        let token = with(|c| {
            c.insert(
                "idp".into(),
                json!(format!("https://login.microsoftonline.com/{TENANT}/v2.0")),
            );
        });
        assert!(check(&token).is_ok());
    }

    #[test]
    fn pinned_tenant() {
        let token = jwt(&claims("n-123"));
        assert!(validate_id_token(&token, &expect(&TENANT.to_uppercase())).is_ok());
        assert!(
            validate_id_token(&token, &expect("contoso.onmicrosoft.com")).is_ok(),
            "domains are checked against /organization"
        );
        let other = "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee";
        assert_eq!(
            validate_id_token(&token, &expect(other)),
            Err(SignInError::WrongTenant {
                expected: other.into(),
                actual: TENANT.into()
            })
        );
    }

    #[test]
    fn malformed_and_unsigned_tokens() {
        let payload = base64url(claims("n-123").to_string().as_bytes());
        let none_header = base64url(br#"{"alg":"none"}"#);
        let good_header = base64url(br#"{"alg":"RS256"}"#);
        let cases = [
            ("", IdTokenProblem::Malformed),
            ("abc", IdTokenProblem::Malformed),
            ("a.b", IdTokenProblem::Malformed),
            ("a.b.c.d", IdTokenProblem::Malformed),
            (
                &*format!("{good_header}.!!!.sig"),
                IdTokenProblem::Malformed,
            ),
            (
                &*format!("{good_header}.{}.sig", base64url(b"[1,2]")),
                IdTokenProblem::Malformed,
            ),
            (
                &*format!("{}.{payload}.sig", base64url(b"{}")),
                IdTokenProblem::Malformed,
            ),
            (
                &*format!("{none_header}.{payload}."),
                IdTokenProblem::Unsigned,
            ),
        ];
        for (token, problem) in cases {
            assert_eq!(
                validate_id_token(token, &expect("organizations")),
                Err(SignInError::InvalidIdToken(problem)),
                "{token}"
            );
        }
        // A claim of the wrong type is malformed, not a panic.
        let token = with(|c| {
            c.insert("exp".into(), json!("soon"));
        });
        assert_eq!(
            check(&token),
            Err(SignInError::InvalidIdToken(IdTokenProblem::Malformed))
        );
    }
}
