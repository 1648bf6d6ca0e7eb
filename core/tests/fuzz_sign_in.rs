//! Fuzzing what the sign-in reads from outside: the redirect page's address
//! (`AuthorizationResponse`), the token endpoint's answer (`accept_token_response`, with its ID
//! token and Entra's error bodies) and ID tokens alone (`decode_claims`, `validate_id_token`).
//! None may panic; a refusal is a `SignInError` that says why.

mod fuzz_inputs;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use fuzz_inputs::{
    JWK_MEMBERS, TOKEN_MEMBERS, cases, json_input, mutated_value, random_text, tricky_text, write,
};
use proptest::prelude::*;
use registrar_core::auth::{
    AuthorizationResponse, EntraErrorDetails, IdTokenExpectations, PendingSignIn, ScopeOptions,
    SignInError, SignInRandomness, SignInRequest, decode_claims, validate_id_token,
};
use serde_json::{Value, json};

const SIGN_IN: &str = "https://login.microsoftonline.com";
const CLIENT: &str = "11111111-2222-3333-4444-555555555555";
const TENANT: &str = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const REDIRECT: &str = "https://app.example.com/registrar/redirect.html";
const NOW: u64 = 1_795_000_000;
const RANDOM: [u8; 96] = [7; 96];

/// The names the parsers look for (the token endpoint's members, an ID token's claims and
/// header), so that added members are often read.
fn keys() -> Vec<&'static str> {
    let claims = [
        "iss",
        "aud",
        "exp",
        "nbf",
        "iat",
        "nonce",
        "tid",
        "oid",
        "preferred_username",
        "name",
        "idp",
        "acct",
        "typ",
        "error_subcode",
    ];
    [&TOKEN_MEMBERS[..], &claims[..], &JWK_MEMBERS[..]].concat()
}

const PARAMETERS: [&str; 7] = [
    "code",
    "state",
    "session_state",
    "error",
    "error_description",
    "error_subcode",
    "client_info",
];

fn pending() -> PendingSignIn {
    let request = SignInRequest {
        sign_in_base: SIGN_IN,
        tenant: "organizations",
        client_id: CLIENT,
        redirect_uri: REDIRECT,
        graph_base: "https://graph.microsoft.com",
        scopes: ScopeOptions::default(),
        login_hint: None,
        domain_hint: None,
    };
    match PendingSignIn::start(&request, &SignInRandomness::from_bytes(&RANDOM)) {
        Ok(pending) => pending,
        Err(error) => panic!("the test's sign-in: {error}"),
    }
}

/// The `state` and `nonce` [`pending`] sends (both from `RANDOM`).
fn state() -> String {
    URL_SAFE_NO_PAD.encode(&RANDOM[..32])
}

fn nonce() -> String {
    URL_SAFE_NO_PAD.encode(&RANDOM[32..64])
}

/// Claims a work account's ID token has, valid for [`pending`] at [`NOW`].
fn claims() -> Value {
    json!({
        "iss": format!("{SIGN_IN}/{TENANT}/v2.0"), "aud": CLIENT, "exp": NOW + 3600,
        "nbf": NOW - 60, "iat": NOW - 60, "nonce": nonce(), "tid": TENANT,
        "oid": "99999999-8888-7777-6666-555555555555",
        "preferred_username": "admin@contoso.onmicrosoft.com", "name": "Admin", "acct": 0
    })
}

/// What an accepted ID token must say, whatever else was mutated: this sign-in's nonce, this
/// client, the tenant's issuer, and a validity that holds at `now` within the clock skew
/// (https://learn.microsoft.com/en-us/entra/identity-platform/id-tokens#validate-tokens).
fn assert_claims_hold(payload: &str, now: u64) {
    let claims: Value = serde_json::from_str(payload)
        .unwrap_or_else(|e| panic!("an accepted token's claims are JSON ({e}): {payload:?}"));
    let text = |name: &str| {
        claims[name]
            .as_str()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    assert_eq!(
        claims["nonce"].as_str(),
        Some(nonce().as_str()),
        "{payload:?}"
    );
    assert_eq!(text("aud"), CLIENT, "{payload:?}");
    assert_eq!(
        text("iss"),
        format!("{SIGN_IN}/{TENANT}/v2.0"),
        "{payload:?}"
    );
    let skew = registrar_core::auth::CLOCK_SKEW_SECONDS;
    let exp = claims["exp"]
        .as_u64()
        .unwrap_or_else(|| panic!("no exp: {payload:?}"));
    assert!(exp.saturating_add(skew) > now, "expired: {payload:?}");
    if let Some(nbf) = claims["nbf"].as_u64() {
        assert!(
            nbf <= now.saturating_add(skew),
            "not yet valid: {payload:?}"
        );
    }
}

fn jwt_of(header: &str, claims: &str) -> String {
    format!(
        "{}.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims)
    )
}

fn jwt(claims: &Value) -> String {
    jwt_of(r#"{"alg":"RS256","typ":"JWT"}"#, &write(claims))
}

fn token_response() -> Value {
    json!({
        "token_type": "Bearer", "scope": "https://graph.microsoft.com/Application.ReadWrite.All openid",
        "expires_in": 3599, "ext_expires_in": 3599, "access_token": "eyJ0eXAiOiJKV1QifQ.e30.sig",
        "id_token": jwt(&claims())
    })
}

fn entra_error() -> Value {
    json!({
        "error": "invalid_grant",
        "error_description": "AADSTS70008: The provided authorization code or refresh token has expired. Trace ID: 0f0f Correlation ID: 1e1e Timestamp: 2026-11-30 10:00:00Z",
        "error_codes": [70008], "timestamp": "2026-11-30 10:00:00Z",
        "trace_id": "0f0f", "correlation_id": "1e1e"
    })
}

/// A refusal says why: the words are there, and so is the reason inside them.
fn assert_says_why(input: &str, error: &SignInError) {
    assert!(
        !error.to_string().trim().is_empty(),
        "no words for {input:?}"
    );
    match error {
        SignInError::MalformedResponse { problem }
        | SignInError::InvalidTokenResponse { problem } => {
            assert!(!problem.is_empty(), "no reason for {input:?}")
        }
        SignInError::Entra { details, .. } => {
            assert!(!details.error.is_empty(), "no error for {input:?}")
        }
        _ => {}
    }
}

/// A redirect address: the real one with response parameters (known names or others, tricky
/// values, raw or percent-encoded, repeated), or any text.
fn redirect_url() -> BoxedStrategy<String> {
    let name = prop_oneof![
        4 => prop::sample::select(&PARAMETERS[..]).prop_map(str::to_owned),
        1 => tricky_text(),
    ];
    let value = prop_oneof![
        2 => Just(state()),
        1 => Just("0.AAAA-code".to_owned()),
        3 => tricky_text(),
    ];
    let parameter = (name, value, any::<bool>()).prop_map(|(name, value, encode)| {
        if encode {
            form_urlencoded::Serializer::new(String::new())
                .append_pair(&name, &value)
                .finish()
        } else {
            format!("{name}={value}")
        }
    });
    let structured = (
        prop::sample::select(&["#", "?", "?x=1#", "#a=b?"][..]),
        prop::collection::vec(parameter, 0..6),
    )
        .prop_map(|(mark, parameters)| format!("{REDIRECT}{mark}{}", parameters.join("&")));
    prop_oneof![3 => structured, 1 => random_text()].boxed()
}

#[test]
fn the_seeds_are_a_valid_sign_in() {
    let url = format!("{REDIRECT}#code=c&state={}", state());
    let response = AuthorizationResponse::from_redirect_url(&url).expect("a response");
    let code = pending().accept(response).expect("our state");
    let signed_in = code
        .accept_token_response(200, &token_response().to_string(), NOW)
        .expect("a session");
    assert_eq!(signed_in.identity.tenant_id, TENANT);
    let entra = EntraErrorDetails::from_json(&entra_error().to_string()).expect("an error");
    assert_eq!(entra.error_codes, [70008]);
}

proptest! {
    #![proptest_config(cases(384))]

    #[test]
    fn a_redirect_is_read_or_refused_in_words(url in redirect_url()) {
        match AuthorizationResponse::from_redirect_url(&url) {
            Ok(response) => {
                if let AuthorizationResponse::Code { code, .. } = &response {
                    assert!(!code.is_empty(), "an empty code from {url:?}");
                }
                let ours = response.state() == Some(state().as_str());
                match pending().accept(response) {
                    Ok(_) => assert!(ours, "a code accepted with another state: {url:?}"),
                    Err(error) => assert_says_why(&url, &error),
                }
            }
            Err(error) => assert_says_why(&url, &error),
        }
    }

    #[test]
    fn a_token_answer_is_read_or_refused_in_words(
        body in prop_oneof![
            3 => json_input(token_response(), &keys()),
            2 => mutated_value(claims(), &keys()).prop_map(|claims| {
                let mut response = token_response();
                response["id_token"] = Value::String(jwt(&claims));
                response.to_string()
            }),
            1 => json_input(entra_error(), &keys()),
        ],
        status in prop_oneof![Just(200u16), Just(400), Just(401), Just(500), any::<u16>()],
    ) {
        let code = pending()
            .accept(AuthorizationResponse::from_parameters(&format!("code=c&state={}", state()))
                .map_err(|error| TestCaseError::fail(error.to_string()))?)
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        match code.accept_token_response(status, &body, NOW) {
            Ok(signed_in) => {
                assert_eq!(status, 200, "{body:?}");
                assert!(!signed_in.access_token.secret().is_empty(), "{body:?}");
                assert_eq!(signed_in.identity.tenant_id, TENANT, "{body:?}");
                // Read as the app reads it: members it does not use are skipped, not parsed.
                #[derive(serde::Deserialize)]
                struct Answer {
                    id_token: String,
                }
                let answer: Answer = serde_json::from_str(&body)
                    .unwrap_or_else(|e| panic!("an accepted answer has an id_token ({e}): {body:?}"));
                let payload = answer.id_token.split('.').nth(1);
                let payload = payload.and_then(|p| URL_SAFE_NO_PAD.decode(p).ok());
                assert_claims_hold(&String::from_utf8_lossy(&payload.unwrap_or_default()), NOW);
            }
            Err(error) => assert_says_why(&body, &error),
        }
        if let Some(details) = EntraErrorDetails::from_json(&body) {
            assert!(!details.error.is_empty(), "{body:?}");
        }
    }

    #[test]
    fn an_id_token_is_checked_or_refused_in_words(
        header in json_input(json!({"alg": "RS256", "typ": "JWT", "kid": "k"}), &keys()),
        payload in json_input(claims(), &keys()),
        segments in prop_oneof![
            4 => Just(None),
            1 => prop::collection::vec(random_text(), 0..6).prop_map(Some),
        ],
        now in prop_oneof![Just(NOW), any::<u64>()],
    ) {
        let token = match segments {
            None => jwt_of(&header, &payload),
            Some(segments) => segments.join("."),
        };
        let _ = decode_claims(&token);
        let expected = IdTokenExpectations {
            sign_in_base: SIGN_IN,
            client_id: CLIENT,
            nonce: &nonce(),
            tenant: "organizations",
            now,
        };
        match validate_id_token(&token, &expected) {
            Ok(identity) => {
                assert_eq!(identity.tenant_id, TENANT, "{payload:?}");
                assert_claims_hold(&payload, now);
            }
            Err(error) => assert_says_why(&token, &error),
        }
    }
}
