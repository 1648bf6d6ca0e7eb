//! wasm tests in headless Chromium (`scripts/test` runs them): the browser layer (fetching the
//! configuration, the relay's message checks, the full-page sign-in's storage), and the sign-in
//! checks that no sandbox can be made to fail (an ID token for another sign-in).
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
            Ok(HttpResponse::new(200, body))
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

mod relay_messages {
    use std::cell::RefCell;
    use std::rc::Rc;

    use m365_registrar::web::sign_in::RelayListener;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;
    use web_sys::{HtmlIFrameElement, MessageEvent, MessageEventInit, Window};

    /// A second window of our origin to play the relay: an iframe's window.
    fn stand_in_window() -> Window {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .expect("a document");
        let frame: HtmlIFrameElement = document
            .create_element("iframe")
            .expect("an iframe")
            .dyn_into()
            .expect("an iframe element");
        document
            .body()
            .expect("a body")
            .append_child(&frame)
            .expect("attached");
        frame.content_window().expect("its window")
    }

    fn message(origin: &str, source: &Window) -> MessageEvent {
        let init = MessageEventInit::new();
        init.set_origin(origin);
        init.set_source(Some(source.as_ref()));
        let data = js_sys::Object::new();
        let set = |key: &str, value: &str| js_sys::Reflect::set(&data, &key.into(), &value.into());
        set("type", "m365-registrar.sign-in-response").expect("type");
        set("response", "code=c&state=s").expect("response");
        init.set_data(&data);
        MessageEvent::new_with_event_init_dict("message", &init).expect("a message event")
    }

    #[wasm_bindgen_test]
    fn only_our_own_origin_and_the_relay_window_we_opened_are_heard() {
        let window = web_sys::window().expect("a window");
        let own = window.location().origin().expect("an origin");
        let relay = stand_in_window();
        let other = stand_in_window();
        let heard = Rc::new(RefCell::new(Vec::new()));
        let record = heard.clone();
        let _listener =
            RelayListener::listen(relay.clone(), move |r| record.borrow_mut().push(r), || {})
                .expect("listens");

        window
            .dispatch_event(&message("https://evil.example", &relay))
            .expect("sent");
        window.dispatch_event(&message(&own, &other)).expect("sent");
        window
            .dispatch_event(&message(&own, &window))
            .expect("sent");
        assert!(
            heard.borrow().is_empty(),
            "a wrong origin or a window we did not open is ignored"
        );

        window.dispatch_event(&message(&own, &relay)).expect("sent");
        assert_eq!(*heard.borrow(), vec!["code=c&state=s".to_owned()]);
    }
}

mod full_page_storage {
    use m365_registrar::web::full_page;
    use registrar_core::auth::{PendingSignIn, ScopeOptions, SignInRandomness, SignInRequest};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn what_a_full_page_sign_in_left_is_taken_out_of_storage_at_startup_and_used_once() {
        let request = SignInRequest {
            sign_in_base: "https://login.microsoftonline.com",
            tenant: "organizations",
            client_id: "3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856",
            redirect_uri: "https://registrar.example.com/redirect.html",
            graph_base: "https://graph.microsoft.com",
            scopes: ScopeOptions::default(),
            login_hint: None,
            domain_hint: None,
        };
        let pending = PendingSignIn::start(&request, &SignInRandomness::from_bytes(&[9; 96]))
            .expect("starts");
        let state = pending.state().to_owned();
        let storage = web_sys::window()
            .and_then(|w| w.session_storage().ok().flatten())
            .expect("storage");
        storage
            .set_item(
                "m365-registrar.sign-in",
                &serde_json::to_string(&pending).expect("json"),
            )
            .expect("set");
        storage
            .set_item("m365-registrar.sign-in-state", &state)
            .expect("set");
        storage
            .set_item("m365-registrar.sign-in-response", "code=c&state=s")
            .expect("set");

        full_page::collect();
        assert_eq!(
            storage.length().expect("length"),
            0,
            "nothing is left in storage"
        );
        let (resumed, response) = full_page::resume().expect("the sign-in is resumed");
        assert_eq!(resumed.state(), state);
        assert_eq!(response, "code=c&state=s");
        assert!(full_page::resume().is_none(), "only once");
    }

    #[wasm_bindgen_test]
    fn a_pending_sign_in_without_an_answer_is_dropped() {
        let storage = web_sys::window()
            .and_then(|w| w.session_storage().ok().flatten())
            .expect("storage");
        storage
            .set_item("m365-registrar.sign-in", "{}")
            .expect("set");
        full_page::collect();
        assert_eq!(storage.length().expect("length"), 0);
        assert!(full_page::resume().is_none());
    }
}

#[wasm_bindgen_test]
fn the_redirect_uri_is_redirect_html_beside_the_page_without_query_or_fragment() {
    let uri = m365_registrar::web::sign_in::redirect_uri().expect("an address");
    let page = web_sys::window()
        .expect("a window")
        .location()
        .href()
        .expect("href");
    let folder = &page[..page.rfind('/').expect("a path") + 1];
    assert_eq!(
        uri,
        format!(
            "{}redirect.html",
            folder.split(['?', '#']).next().unwrap_or(folder)
        )
    );
}

mod fetch_timeout {
    use m365_registrar::web::fetch::send_within;
    use m365_registrar::web::timer::BrowserTimer;
    use registrar_core::http::{HttpRequest, Timer};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Replaces `window.fetch` with one that never answers but, like the real one, rejects with
    /// the signal's reason when aborted; gives back the real `fetch`. A real host that accepts
    /// and never answers cannot be had in the test runner.
    fn install_silent_fetch() -> JsValue {
        let window = web_sys::window().expect("a window");
        let real = js_sys::Reflect::get(&window, &"fetch".into()).expect("fetch");
        let silent = js_sys::Function::new_with_args(
            "url, init",
            "return new Promise((_, reject) => {
                 window.__silentFetchSignal = init.signal;
                 window.__silentFetchContentType = init.headers.get('content-type');
                 init.signal.addEventListener('abort', () => reject(init.signal.reason));
             });",
        );
        js_sys::Reflect::set(&window, &"fetch".into(), &silent).expect("replace fetch");
        real
    }

    #[wasm_bindgen_test]
    async fn a_request_that_never_answers_is_aborted_and_said_so() {
        let window = web_sys::window().expect("a window");
        let real = install_silent_fetch();
        let started = BrowserTimer.now_millis();
        let result = send_within(
            HttpRequest::json(
                "POST",
                "https://graph.example/v1.0/$batch".into(),
                "{}".into(),
            ),
            300,
        )
        .await;
        let elapsed = BrowserTimer.now_millis() - started;
        let signal = js_sys::Reflect::get(&window, &"__silentFetchSignal".into()).expect("signal");
        let content_type =
            js_sys::Reflect::get(&window, &"__silentFetchContentType".into()).expect("header");
        js_sys::Reflect::set(&window, &"fetch".into(), &real).expect("restore fetch");
        let error = result.expect_err("no answer is an error");
        assert_eq!(error.0, "no answer within 1 s");
        assert!(
            (250..5_000).contains(&elapsed),
            "gave up after {elapsed} ms"
        );
        let aborted = js_sys::Reflect::get(&signal, &"aborted".into()).expect("aborted");
        assert_eq!(
            aborted.as_bool(),
            Some(true),
            "the request itself was aborted"
        );
        // Graph refuses a JSON body without it ("Unable to read JSON request payload").
        assert_eq!(
            content_type.as_string().as_deref(),
            Some("application/json")
        );
    }

    #[wasm_bindgen_test]
    async fn an_answer_in_time_is_not_aborted() {
        // The test runner serves this page: a real answer, well within the time.
        let page = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .expect("the page's address");
        let response = send_within(HttpRequest::get(page), 10_000).await;
        assert_eq!(response.map(|r| r.status), Ok(200));
    }

    #[wasm_bindgen_test]
    async fn the_timer_sleeps() {
        let started = BrowserTimer.now_millis();
        BrowserTimer.sleep(50).await;
        assert!(BrowserTimer.now_millis() - started >= 45);
    }
}
