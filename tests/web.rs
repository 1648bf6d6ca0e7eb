//! wasm tests of the browser layer, in headless Chromium (`scripts/test` runs them).
#![cfg(target_arch = "wasm32")]

use m365_registrar::web::config_source::{self, StartupError};
use m365_registrar::web::fetch::get_text;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_config_file_the_server_does_not_have_is_reported_with_its_status_and_address() {
    // The test runner's page has no config.json beside it.
    match config_source::load().await {
        Err(StartupError::NotServed { url, status }) => {
            assert_eq!(status, 404);
            assert!(
                url.ends_with("/config.json"),
                "absolute address of the file: {url}"
            );
            assert!(
                url.starts_with("http"),
                "absolute address of the file: {url}"
            );
        }
        other => panic!("expected NotServed, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn an_unreachable_host_is_an_error_not_a_panic() {
    // Port 9 on loopback: nothing listens, the request fails before any HTTP answer.
    let result = get_text("http://127.0.0.1:9/config.json").await;
    assert!(result.is_err(), "a refused connection must be an error");
}

mod nonce {
    use m365_registrar::web::sign_in::now_seconds;
    use registrar_core::auth::{
        AuthorizationResponse, PendingSignIn, ScopeOptions, SignInRandomness, SignInRequest, flow,
    };
    use registrar_core::http::{HttpClient, HttpRequest, HttpResponse, Unreachable};
    use wasm_bindgen_test::wasm_bindgen_test;

    const SIGN_IN: &str = "https://login.microsoftonline.com";
    const CLIENT: &str = "3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856";
    const TENANT: &str = "7c1e4a52-3d9b-4f86-a0e5-2b8d6c9f1e34";

    fn base64url(text: &str) -> String {
        let window = web_sys::window().expect("a window");
        let standard = window.btoa(text).expect("ASCII JSON");
        standard
            .trim_end_matches('=')
            .replace('+', "-")
            .replace('/', "_")
    }

    /// A token endpoint whose ID token answers another sign-in's nonce, as a token injected by
    /// someone else would.
    struct ForeignToken;

    impl HttpClient for ForeignToken {
        async fn send(&self, _: HttpRequest) -> Result<HttpResponse, Unreachable> {
            let now = now_seconds();
            let claims = format!(
                r#"{{"iss":"{SIGN_IN}/{TENANT}/v2.0","aud":"{CLIENT}","tid":"{TENANT}","oid":"1","exp":{},"iat":{now},"nbf":{now},"nonce":"not-this-sign-in","preferred_username":"ada@example.com"}}"#,
                now + 3600
            );
            let id_token = format!(
                "{}.{}.c2ln",
                base64url(r#"{"alg":"RS256","typ":"JWT"}"#),
                base64url(&claims)
            );
            let body = format!(
                r#"{{"token_type":"Bearer","scope":"openid profile","expires_in":3600,"access_token":"opaque","id_token":"{id_token}"}}"#
            );
            Ok(HttpResponse {
                status: 200,
                body,
                retry_after: None,
            })
        }
    }

    #[wasm_bindgen_test]
    async fn an_id_token_for_another_sign_in_is_refused_with_words_for_the_admin() {
        let request = SignInRequest {
            sign_in_base: SIGN_IN,
            tenant: "organizations",
            client_id: CLIENT,
            redirect_uri: "https://registrar.example.com/redirect.html",
            graph_base: "https://graph.microsoft.com",
            scopes: ScopeOptions::default(),
            login_hint: None,
            domain_hint: None,
        };
        let random = m365_registrar::web::random::random_bytes::<96>().expect("WebCrypto");
        let pending =
            PendingSignIn::start(&request, &SignInRandomness::from_bytes(&random)).expect("starts");
        let response =
            AuthorizationResponse::from_parameters(&format!("code=abc&state={}", pending.state()))
                .expect("a response");
        let code = pending.accept(response).expect("our state");
        let error = match flow::redeem(code, &ForeignToken, now_seconds()).await {
            Err(error) => error.to_string(),
            Ok(_) => panic!("a foreign ID token must be refused"),
        };
        assert!(error.contains("belongs to another sign-in"), "{error}");
        assert!(error.contains("sign in again"), "{error}");
    }
}
