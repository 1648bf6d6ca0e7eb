//! wasm tests in headless Chromium (`scripts/test` runs them): the browser layer (fetching the
//! configuration, the relay's message checks), and the sign-in
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

/// The certificate credential made with WebCrypto (src/web/crypto.rs), checked with WebCrypto
/// and a small DER reader of the test's own rather than with the core that assembled it.
mod certificate {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use m365_registrar::web::crypto::{
        CertificateRandom, NewCertificate, WebCrypto, WebCryptoError,
    };
    use registrar_core::credential::pkcs12::Pkcs12Crypto;
    use registrar_core::credential::{CertificateRequest, CredentialError};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::wasm_bindgen_test;
    use web_sys::{CryptoKey, SubtleCrypto};

    const NAME: &str = "Contoso Backup — 東京 🗄";
    /// 2026-01-01T00:00:00Z and two years later.
    const NOT_BEFORE: u64 = 1_767_225_600;
    const NOT_AFTER: u64 = NOT_BEFORE + 2 * 365 * 86_400;
    const SHA256_WITH_RSA: &[u8] = &[
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
    ];

    /// One DER element: its tag byte, its content, and all of it.
    #[derive(Clone, Copy, Debug)]
    struct Tlv<'a> {
        tag: u8,
        content: &'a [u8],
        raw: &'a [u8],
    }

    /// The elements `bytes` holds one after the other (definite lengths only, as DER).
    fn elements(mut bytes: &[u8]) -> Vec<Tlv<'_>> {
        let mut out = Vec::new();
        while !bytes.is_empty() {
            let tag = bytes[0];
            let (len, header) = match bytes[1] {
                short if short < 0x80 => (usize::from(short), 2),
                long => {
                    let n = usize::from(long & 0x7f);
                    let len = bytes[2..2 + n]
                        .iter()
                        .fold(0usize, |acc, &b| acc << 8 | usize::from(b));
                    (len, 2 + n)
                }
            };
            let (raw, rest) = bytes.split_at(header + len);
            out.push(Tlv {
                tag,
                content: &raw[header..],
                raw,
            });
            bytes = rest;
        }
        out
    }

    /// The children of a constructed element with `tag`.
    fn children(element: Tlv<'_>, tag: u8) -> Vec<Tlv<'_>> {
        assert_eq!(element.tag, tag, "tag of {:02x?}", &element.raw[..4]);
        elements(element.content)
    }

    fn only(bytes: &[u8]) -> Tlv<'_> {
        let all = elements(bytes);
        assert_eq!(all.len(), 1, "one DER element");
        all[0]
    }

    fn subtle() -> SubtleCrypto {
        let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).expect("crypto");
        Reflect::get(&crypto, &"subtle".into())
            .expect("subtle")
            .unchecked_into()
    }

    async fn done(promise: Result<js_sys::Promise, JsValue>) -> JsValue {
        JsFuture::from(promise.expect("a promise"))
            .await
            .expect("WebCrypto resolved")
    }

    async fn buffer(promise: Result<js_sys::Promise, JsValue>) -> Vec<u8> {
        Uint8Array::new(&done(promise).await).to_vec()
    }

    async fn digest(hash: &str, data: &[u8]) -> Vec<u8> {
        buffer(subtle().digest_with_str_and_u8_array(hash, data)).await
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
            .collect()
    }

    /// Standard or URL-safe base64 (padded or not) through the browser's `atob`.
    fn base64_decode(text: &str) -> Vec<u8> {
        let mut standard: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                c => c,
            })
            .collect();
        while !standard.len().is_multiple_of(4) {
            standard.push('=');
        }
        let binary = web_sys::window()
            .expect("a window")
            .atob(&standard)
            .expect("base64");
        binary.chars().map(|c| c as u8).collect()
    }

    /// The DER between a PEM's `-----BEGIN label-----` and `-----END label-----` lines.
    fn pem_body(pem: &str, label: &str) -> Vec<u8> {
        let begin = format!("-----BEGIN {label}-----\n");
        let end = format!("-----END {label}-----\n");
        assert!(pem.starts_with(&begin) && pem.ends_with(&end), "{pem}");
        assert!(pem.lines().all(|line| line.len() <= 64));
        base64_decode(&pem[begin.len()..pem.len() - end.len()])
    }

    fn rsassa() -> Object {
        let algorithm = Object::new();
        Reflect::set(&algorithm, &"name".into(), &"RSASSA-PKCS1-v1_5".into()).unwrap();
        Reflect::set(&algorithm, &"hash".into(), &"SHA-256".into()).unwrap();
        algorithm
    }

    async fn import(format: &str, der: &[u8], usage: &str) -> CryptoKey {
        let usages: Array = [JsValue::from_str(usage)].into_iter().collect();
        let promise = subtle().import_key_with_object(
            format,
            &Uint8Array::from(der),
            &rsassa(),
            false,
            &usages,
        );
        done(promise).await.unchecked_into()
    }

    async fn verifies(spki: &[u8], signature: &[u8], data: &[u8]) -> bool {
        let key = import("spki", spki, "verify").await;
        let promise =
            subtle().verify_with_object_and_u8_array_and_u8_array(&rsassa(), &key, signature, data);
        done(promise).await.as_bool().expect("a boolean")
    }

    fn random() -> CertificateRandom {
        CertificateRandom::draw().expect("crypto.getRandomValues")
    }

    /// The certificate's parts: TBSCertificate, signatureAlgorithm, signature (without the
    /// BIT STRING's unused-bits octet), and the TBS's SubjectPublicKeyInfo.
    fn certificate_parts(der: &[u8]) -> (Tlv<'_>, Tlv<'_>, &[u8], &[u8]) {
        let parts = children(only(der), 0x30);
        assert_eq!(parts.len(), 3);
        let tbs = children(parts[0], 0x30);
        assert_eq!(tbs.len(), 8, "v3 TBSCertificate with extensions");
        assert_eq!(tbs[6].tag, 0x30);
        assert_eq!(parts[2].tag, 0x03);
        assert_eq!(parts[2].content[0], 0, "no unused bits");
        (parts[0], parts[1], &parts[2].content[1..], tbs[6].raw)
    }

    #[wasm_bindgen_test]
    async fn a_certificate_made_in_the_browser_is_signed_by_its_key_and_named_by_its_thumbprint() {
        let random = random();
        let made = NewCertificate::make(NAME, NOT_BEFORE, NOT_AFTER, &random)
            .await
            .expect("a certificate");
        let der = &made.certificate_der;

        // The thumbprints are hashes of the DER, by WebCrypto's SHA-256 and SHA-1.
        assert_eq!(made.thumbprint_sha256, hex(&digest("SHA-256", der).await));
        let sha1 = digest("SHA-1", der).await;
        assert_eq!(made.thumbprint_sha1, hex(&sha1));
        assert_eq!(base64_decode(&made.x5t), sha1);
        assert!(!made.x5t.contains(['=', '+', '/']));

        // The certificate re-parses: the TBS inside is what the core writes for the same
        // inputs and the exported public key, signed with sha256WithRSAEncryption.
        let (tbs, algorithm, signature, spki) = certificate_parts(der);
        let request = CertificateRequest {
            subject_common_name: registrar_core::credential::common_name(NAME),
            not_before: NOT_BEFORE,
            not_after: NOT_AFTER,
            serial: random.serial.to_vec(),
            subject_public_key_info_der: spki.to_vec(),
        };
        assert_eq!(tbs.raw, request.tbs_der().expect("TBS").as_slice());
        assert_eq!(algorithm.raw, SHA256_WITH_RSA);
        assert_eq!(signature.len(), 256, "RSA 2048");

        // The signature verifies with the public key in the certificate, over the TBS only.
        assert!(verifies(spki, signature, tbs.raw).await);
        let mut tampered = tbs.raw.to_vec();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert!(!verifies(spki, signature, &tampered).await);

        // The PEM is the same DER.
        assert_eq!(&pem_body(&made.certificate_pem, "CERTIFICATE"), der);
        assert_eq!((made.not_before, made.not_after), (NOT_BEFORE, NOT_AFTER));
    }

    #[wasm_bindgen_test]
    async fn the_private_key_pem_imports_as_pkcs8_and_its_signatures_verify_with_the_certificate() {
        let made = NewCertificate::make("Contoso Backup", NOT_BEFORE, NOT_AFTER, &random())
            .await
            .expect("a certificate");
        let pkcs8 = pem_body(made.private_key_pem.expose(), "PRIVATE KEY");
        let key = import("pkcs8", &pkcs8, "sign").await;
        let assertion = b"eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJsb2dpbiJ9";
        let promise = subtle().sign_with_object_and_u8_array(&rsassa(), &key, assertion);
        let signature = buffer(promise).await;
        let (_, _, _, spki) = certificate_parts(&made.certificate_der);
        assert!(verifies(spki, &signature, assertion).await);
    }

    /// RFC 7292 appendix B.2 with SHA-256 for the MAC key (ID 3), 32 bytes: one block, so
    /// A = H^iterations(D || I), with WebCrypto's SHA-256.
    async fn pkcs12_mac_key(password: &str, salt: &[u8], iterations: u32) -> Vec<u8> {
        let mut bmp: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
        bmp.extend([0, 0]);
        let fill = |bytes: &[u8]| -> Vec<u8> {
            let len = bytes.len().div_ceil(64) * 64;
            bytes.iter().copied().cycle().take(len).collect()
        };
        let input = [vec![3u8; 64], fill(salt), fill(&bmp)].concat();
        let mut a = digest("SHA-256", &input).await;
        for _ in 1..iterations {
            a = digest("SHA-256", &a).await;
        }
        a
    }

    async fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
        WebCrypto::from_global()
            .expect("WebCrypto")
            .hmac_sha256(key, data)
            .await
            .expect("HMAC")
            .to_vec()
    }

    /// Decrypts a PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC) AlgorithmIdentifier's ciphertext
    /// with WebCrypto, checking the parameters as OpenSSL 3 writes them.
    async fn pbes2_decrypt(algorithm: Tlv<'_>, ciphertext: &[u8], password: &str) -> Vec<u8> {
        let parts = children(algorithm, 0x30);
        // 1.2.840.113549.1.5.13
        assert_eq!(parts[0].content, unhex("2A864886F70D01050D"));
        let params = children(parts[1], 0x30);
        let kdf = children(params[0], 0x30);
        assert_eq!(kdf[0].content, unhex("2A864886F70D01050C"), "PBKDF2");
        let kdf_params = children(kdf[1], 0x30);
        let salt = kdf_params[0].content;
        assert_eq!(salt.len(), 16);
        assert_eq!(kdf_params[1].content, [0x08, 0x00], "2048 iterations");
        // hmacWithSHA256
        assert_eq!(
            children(kdf_params[2], 0x30)[0].content,
            unhex("2A864886F70D0209")
        );
        let cipher = children(params[1], 0x30);
        assert_eq!(cipher[0].content, unhex("60864801650304012A"), "aes256-CBC");
        let iv = cipher[1].content;

        let usages = |usage: &str| -> Array { [JsValue::from_str(usage)].into_iter().collect() };
        let pbkdf2 = Object::new();
        Reflect::set(&pbkdf2, &"name".into(), &"PBKDF2".into()).unwrap();
        let base: CryptoKey = done(subtle().import_key_with_object(
            "raw",
            &Uint8Array::from(password.as_bytes()),
            &pbkdf2,
            false,
            &usages("deriveBits"),
        ))
        .await
        .unchecked_into();
        let derive =
            web_sys::Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", 2048, &Uint8Array::from(salt));
        let key_bytes = buffer(subtle().derive_bits_with_object(&derive, &base, 256)).await;
        let aes = Object::new();
        Reflect::set(&aes, &"name".into(), &"AES-CBC".into()).unwrap();
        let key: CryptoKey = done(subtle().import_key_with_object(
            "raw",
            &Uint8Array::from(key_bytes.as_slice()),
            &aes,
            false,
            &usages("decrypt"),
        ))
        .await
        .unchecked_into();
        let params = web_sys::AesCbcParams::new("AES-CBC", &Uint8Array::from(iv));
        buffer(subtle().decrypt_with_object_and_u8_array(&params, &key, ciphertext)).await
    }

    #[wasm_bindgen_test]
    async fn the_pfx_mac_verifies_with_the_password_and_its_bags_decrypt_to_the_key_and_certificate()
     {
        let made = NewCertificate::make(NAME, NOT_BEFORE, NOT_AFTER, &random())
            .await
            .expect("a certificate");
        let password = made.pfx_password.expose();
        assert_eq!(password.len(), 23);

        // PFX: version 3, authSafe (Data), macData.
        let pfx = children(only(&made.pfx), 0x30);
        assert_eq!(pfx.len(), 3);
        assert_eq!(pfx[0].content, [3]);
        let auth_safe_info = children(pfx[1], 0x30);
        let auth_safe = children(auth_safe_info[1], 0xA0)[0];
        assert_eq!(auth_safe.tag, 0x04);
        let mac_data = children(pfx[2], 0x30);
        let digest_info = children(mac_data[0], 0x30);
        let mac = digest_info[1].content;
        let salt = mac_data[1].content;
        assert_eq!(mac_data[2].content, [0x08, 0x00], "2048 iterations");

        // The MAC: HMAC-SHA-256 over the AuthenticatedSafe's octets, keyed from the password.
        let key = pkcs12_mac_key(password, salt, 2048).await;
        assert_eq!(hmac_sha256(&key, auth_safe.content).await, mac);
        let wrong = pkcs12_mac_key("22222-22222-22222-22222", salt, 2048).await;
        assert_ne!(hmac_sha256(&wrong, auth_safe.content).await, mac);

        let infos = children(only(auth_safe.content), 0x30);
        assert_eq!(infos.len(), 2);

        // 1. EncryptedData: the certificate's bag.
        let encrypted_data = children(children(infos[0], 0x30)[1], 0xA0)[0];
        let encrypted_content = children(children(encrypted_data, 0x30)[1], 0x30);
        let certificates =
            pbes2_decrypt(encrypted_content[1], encrypted_content[2].content, password).await;
        let cert_bag = children(only(&certificates), 0x30)[0];
        let cert_bag_value = children(children(cert_bag, 0x30)[1], 0xA0)[0];
        let x509 = children(children(cert_bag_value, 0x30)[1], 0xA0)[0];
        assert_eq!(x509.content, made.certificate_der.as_slice());

        // 2. Data: the key's shrouded bag decrypts to the PKCS#8 of the PEM.
        let safe_contents = children(children(infos[1], 0x30)[1], 0xA0)[0];
        let key_bag = children(only(safe_contents.content), 0x30)[0];
        let shrouded = children(children(children(key_bag, 0x30)[1], 0xA0)[0], 0x30);
        let pkcs8 = pbes2_decrypt(shrouded[0], shrouded[1].content, password).await;
        assert_eq!(
            pkcs8,
            pem_body(made.private_key_pem.expose(), "PRIVATE KEY")
        );
    }

    #[wasm_bindgen_test]
    async fn webcrypto_pbkdf2_aes_and_hmac_match_known_answers() {
        let crypto = WebCrypto::from_global().expect("WebCrypto");
        // PBKDF2-HMAC-SHA-256, RFC 6070's inputs (answers as published for SHA-256).
        for (password, salt, iterations, expected) in [
            (
                &b"password"[..],
                &b"salt"[..],
                1,
                "120FB6CFFCF8B32C43E7225256C4F837A86548C92CCC35480805987CB70BE17B",
            ),
            (
                b"password",
                b"salt",
                2,
                "AE4D0C95AF6B46D32D0ADFF928F06DD02A303F8EF3C251DFD6E2D85A95474C43",
            ),
            (
                b"password",
                b"salt",
                4096,
                "C5E478D59288C841AA530DB6845C4C8D962893A001CE4E11A4963873AA98134A",
            ),
            (
                b"passwordPASSWORDpassword",
                b"saltSALTsaltSALTsaltSALTsaltSALTsalt",
                4096,
                "348C89DBCBD32B2F32D814B8116E84CF2B17347EBC1800181C4E2A1FB8DD53E1",
            ),
        ] {
            let key = crypto
                .pbkdf2_hmac_sha256(password, salt, iterations)
                .await
                .expect("PBKDF2");
            assert_eq!(hex(&key), expected, "{iterations} iterations");
        }

        // AES-256-CBC, NIST SP 800-38A F.2.5; WebCrypto adds a block of PKCS#7 padding.
        let key: [u8; 32] =
            unhex("603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4")
                .try_into()
                .unwrap();
        let iv: [u8; 16] = unhex("000102030405060708090A0B0C0D0E0F")
            .try_into()
            .unwrap();
        let plaintext = unhex(
            "6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51\
             30C81C46A35CE411E5FBC1191A0A52EFF69F2445DF4F9B17AD2B417BE66C3710",
        );
        let ciphertext = crypto
            .aes256_cbc_encrypt(&key, &iv, &plaintext)
            .await
            .expect("AES-CBC");
        assert_eq!(ciphertext.len(), 80);
        assert_eq!(
            hex(&ciphertext[..64]),
            "F58C4C04D6E5F1BA779EABFB5F7BFBD69CFC4E967EDB808D679F777BC6702C7D\
             39F23369A9D9BACFA530E26304231461B2EB05E2C39BE9FCDA6C19078C6A9D1B"
        );

        // HMAC-SHA-256, RFC 4231 test cases 1 and 2.
        let mac = crypto
            .hmac_sha256(&[0x0b; 20], b"Hi There")
            .await
            .expect("HMAC");
        assert_eq!(
            hex(&mac),
            "B0344C61D8DB38535CA8AFCEAF0BF12B881DC200C9833DA726E9376C2E32CFF7"
        );
        let mac = crypto
            .hmac_sha256(b"Jefe", b"what do ya want for nothing?")
            .await
            .expect("HMAC");
        assert_eq!(
            hex(&mac),
            "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843"
        );
    }

    #[wasm_bindgen_test]
    async fn failures_say_which_webcrypto_call_failed_in_the_admins_words() {
        let crypto = WebCrypto::from_global().expect("WebCrypto");
        // PBKDF2 refuses zero iterations.
        let failure = crypto
            .pbkdf2_hmac_sha256(b"pw", b"salt", 0)
            .await
            .expect_err("zero iterations");
        assert!(
            failure.0.starts_with("WebCrypto deriveBits: "),
            "{}",
            failure.0
        );

        let error = NewCertificate::make(NAME, NOT_AFTER, NOT_BEFORE, &random())
            .await
            .expect_err("validity backwards");
        assert!(matches!(
            error,
            WebCryptoError::Credential(CredentialError::Validity(_))
        ));
        assert!(
            error.to_string().starts_with(
                "this browser could not create the certificate (certificate validity: "
            ),
            "{error}"
        );
        let failed = WebCryptoError::Failed {
            operation: "generateKey",
            reason: "OperationError: no".into(),
        };
        assert_eq!(
            failed.to_string(),
            "this browser could not create the certificate (WebCrypto generateKey: OperationError: no)"
        );
    }

    #[wasm_bindgen_test]
    async fn debug_never_shows_the_private_key_or_the_password() {
        let made = NewCertificate::make("Contoso Backup", NOT_BEFORE, NOT_AFTER, &random())
            .await
            .expect("a certificate");
        let shown = format!("{made:?}");
        assert!(shown.contains(&made.thumbprint_sha256), "{shown}");
        assert!(!shown.contains(made.pfx_password.expose()), "{shown}");
        assert!(!shown.contains("PRIVATE KEY"), "{shown}");
        let pem_line = made
            .private_key_pem
            .expose()
            .lines()
            .nth(1)
            .expect("a line");
        assert!(!shown.contains(pem_line), "{shown}");
        assert_eq!(format!("{:?}", made.pfx_password), "PfxPassword(…)");
        assert_eq!(format!("{:?}", random()), "CertificateRandom(…)");
    }
}

/// The sealed hand-off made by the worker's WebCrypto and opened again with WebCrypto, as a
/// backup server holding the private key would (RFC 7516 §5.2).
mod seal {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use m365_registrar::web::seal::WebSeal;
    use registrar_core::config::{PublicJwk, parse_public_jwk};
    use registrar_core::handoff::{concat_kdf, seal};
    use serde_json::Value;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::wasm_bindgen_test;
    use web_sys::{CryptoKey, SubtleCrypto};

    const BUNDLE: &[u8] =
        br#"{"format":"m365-registrar.bundle","clientSecret":{"value":"Q~s3cr3t"}}"#;

    fn subtle() -> SubtleCrypto {
        let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).expect("crypto");
        Reflect::get(&crypto, &"subtle".into())
            .expect("subtle")
            .unchecked_into()
    }

    async fn done(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
        JsFuture::from(promise?).await
    }

    fn object(entries: &[(&str, JsValue)]) -> Object {
        let object = Object::new();
        for (key, value) in entries {
            Reflect::set(&object, &(*key).into(), value).expect("set");
        }
        object
    }

    fn usages(names: &[&str]) -> Array {
        names.iter().map(|name| JsValue::from_str(name)).collect()
    }

    fn member(value: &JsValue, name: &str) -> JsValue {
        Reflect::get(value, &name.into()).expect(name)
    }

    fn unb64(text: &str) -> Vec<u8> {
        let mut standard = text.replace('-', "+").replace('_', "/");
        while !standard.len().is_multiple_of(4) {
            standard.push('=');
        }
        let binary = web_sys::window()
            .expect("a window")
            .atob(&standard)
            .expect("base64");
        binary.chars().map(|c| c as u8).collect()
    }

    /// A key pair made by WebCrypto: the private key and the public JWK as the core reads it.
    async fn key_pair(algorithm: &Object, usages_: &[&str]) -> (CryptoKey, PublicJwk) {
        let pair = done(subtle().generate_key_with_object(algorithm, true, &usages(usages_)))
            .await
            .expect("generateKey");
        let public: CryptoKey = member(&pair, "publicKey").unchecked_into();
        let jwk = done(subtle().export_key("jwk", &public))
            .await
            .expect("exportKey");
        let text = js_sys::JSON::stringify(&jwk)
            .expect("JSON")
            .as_string()
            .expect("text");
        let mut value: Value = serde_json::from_str(&text).expect("a JWK");
        // WebCrypto adds key_ops and ext; the JWK a vendor publishes has neither.
        if let Some(object) = value.as_object_mut() {
            object.retain(|key, _| ["kty", "crv", "x", "y", "n", "e"].contains(&key.as_str()));
            object.insert("kid".into(), "backup-2026".into());
        }
        let public = parse_public_jwk(&value, "publicKey").expect("a public key");
        (member(&pair, "privateKey").unchecked_into(), public)
    }

    async fn ec_pair() -> (CryptoKey, PublicJwk) {
        let algorithm = object(&[("name", "ECDH".into()), ("namedCurve", "P-256".into())]);
        key_pair(&algorithm, &["deriveBits"]).await
    }

    async fn rsa_pair() -> (CryptoKey, PublicJwk) {
        let algorithm = object(&[
            ("name", "RSA-OAEP".into()),
            ("modulusLength", 2048.into()),
            ("publicExponent", Uint8Array::from(&[1u8, 0, 1][..]).into()),
            ("hash", "SHA-256".into()),
        ]);
        key_pair(&algorithm, &["encrypt", "decrypt"]).await
    }

    async fn import_raw(key: &[u8], algorithm: &str, usage: &str) -> CryptoKey {
        let promise = subtle().import_key_with_object(
            "raw",
            &Uint8Array::from(key),
            &object(&[("name", algorithm.into())]),
            false,
            &usages(&[usage]),
        );
        done(promise).await.expect("importKey").unchecked_into()
    }

    /// Opens the compact JWE: its header, and the plaintext or WebCrypto's refusal.
    async fn open(jwe: &str, private: &CryptoKey) -> (Value, Result<Vec<u8>, JsValue>) {
        let parts: Vec<&str> = jwe.split('.').collect();
        assert_eq!(parts.len(), 5, "compact serialization");
        let header: Value = serde_json::from_slice(&unb64(parts[0])).expect("header");
        let encrypted_key = unb64(parts[1]);
        let cek: CryptoKey = match header["alg"].as_str() {
            Some(alg @ "ECDH-ES+A256KW") => {
                let epk = &header["epk"];
                let jwk = object(&[
                    ("kty", "EC".into()),
                    ("crv", "P-256".into()),
                    ("x", epk["x"].as_str().expect("x").into()),
                    ("y", epk["y"].as_str().expect("y").into()),
                ]);
                let ecdh = object(&[("name", "ECDH".into()), ("namedCurve", "P-256".into())]);
                let epk: JsValue =
                    done(subtle().import_key_with_object("jwk", &jwk, &ecdh, false, &Array::new()))
                        .await
                        .expect("epk");
                let derive = object(&[("name", "ECDH".into()), ("public", epk)]);
                let z = done(subtle().derive_bits_with_object(&derive, private, 256))
                    .await
                    .expect("deriveBits");
                let z = Uint8Array::new(&z).to_vec();
                let kek =
                    import_raw(&concat_kdf(&z, alg, b"", b"", 256), "AES-KW", "unwrapKey").await;
                let promise = subtle().unwrap_key_with_u8_array_and_str_and_object(
                    "raw",
                    &encrypted_key,
                    &kek,
                    "AES-KW",
                    &object(&[("name", "AES-GCM".into())]),
                    false,
                    &usages(&["decrypt"]),
                );
                done(promise).await.expect("unwrapKey").unchecked_into()
            }
            Some("RSA-OAEP-256") => {
                let promise = subtle().decrypt_with_object_and_u8_array(
                    &object(&[("name", "RSA-OAEP".into())]),
                    private,
                    &encrypted_key,
                );
                let cek = done(promise).await.expect("RSA-OAEP decrypt");
                import_raw(&Uint8Array::new(&cek).to_vec(), "AES-GCM", "decrypt").await
            }
            other => panic!("alg {other:?}"),
        };
        let mut sealed = unb64(parts[3]);
        sealed.extend(unb64(parts[4]));
        let params = object(&[
            ("name", "AES-GCM".into()),
            ("iv", Uint8Array::from(&unb64(parts[2])[..]).into()),
            (
                "additionalData",
                Uint8Array::from(parts[0].as_bytes()).into(),
            ),
        ]);
        let plaintext = done(subtle().decrypt_with_object_and_u8_array(&params, &cek, &sealed))
            .await
            .map(|buffer| Uint8Array::new(&buffer).to_vec());
        (header, plaintext)
    }

    #[wasm_bindgen_test]
    async fn an_ec_sealed_bundle_opens_with_webcrypto_and_names_its_key_and_onboarding() {
        let (private, public) = ec_pair().await;
        let crypto = WebSeal::from_global().expect("WebCrypto");
        let jwe = seal(BUNDLE, &public, Some("onb-7Hq2"), &crypto)
            .await
            .expect("sealed");
        let (header, plaintext) = open(&jwe, &private).await;
        assert_eq!(plaintext.expect("decrypts"), BUNDLE);
        assert_eq!(header["alg"], "ECDH-ES+A256KW");
        assert_eq!(header["enc"], "A256GCM");
        assert_eq!(header["cty"], "application/json");
        assert_eq!(header["kid"], "backup-2026");
        assert_eq!(header["onboardingId"], "onb-7Hq2");
        assert_eq!(header["epk"]["kty"], "EC");
        assert_eq!(
            header["epk"].get("d"),
            None,
            "never the ephemeral private key"
        );
    }

    #[wasm_bindgen_test]
    async fn an_rsa_sealed_bundle_opens_with_webcrypto() {
        let (private, public) = rsa_pair().await;
        let crypto = WebSeal::from_global().expect("WebCrypto");
        let jwe = seal(BUNDLE, &public, None, &crypto).await.expect("sealed");
        let (header, plaintext) = open(&jwe, &private).await;
        assert_eq!(plaintext.expect("decrypts"), BUNDLE);
        assert_eq!(header["alg"], "RSA-OAEP-256");
        assert_eq!(header.get("onboardingId"), None);
    }

    #[wasm_bindgen_test]
    async fn a_changed_header_fails_the_decryption() {
        let (private, public) = ec_pair().await;
        let crypto = WebSeal::from_global().expect("WebCrypto");
        let jwe = seal(BUNDLE, &public, Some("onb-1"), &crypto)
            .await
            .expect("sealed");
        let mut parts: Vec<String> = jwe.split('.').map(str::to_owned).collect();
        let mut header: Value = serde_json::from_slice(&unb64(&parts[0])).expect("header");
        header["onboardingId"] = "onb-2".into();
        let text = header.to_string();
        let encoded = web_sys::window()
            .expect("a window")
            .btoa(&text)
            .expect("ASCII");
        parts[0] = encoded
            .trim_end_matches('=')
            .replace('+', "-")
            .replace('/', "_");
        let (_, plaintext) = open(&parts.join("."), &private).await;
        assert!(plaintext.is_err(), "AES-GCM refuses another header");
    }

    #[wasm_bindgen_test]
    async fn a_point_off_the_curve_is_refused_in_words() {
        let x = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
        let off_curve = serde_json::json!({"kty": "EC", "crv": "P-256", "x": x, "y": x});
        let public = parse_public_jwk(&off_curve, "publicKey").expect("well-formed");
        let crypto = WebSeal::from_global().expect("WebCrypto");
        let error = seal(BUNDLE, &public, None, &crypto)
            .await
            .expect_err("not on the curve");
        assert!(error.to_string().contains("WebCrypto importKey"), "{error}");
    }
}

/// The German words (src/web/language.rs), fetched once per page: one test, in order. Words
/// asked for beside the first screen hold it up two seconds at most (a host that answers late
/// or never must not keep the page from starting); until they come the page speaks English,
/// also when it stops; then German.
mod german_words {
    use m365_registrar::web::fault::say_stopped;
    use m365_registrar::web::language::{await_german, spoken};
    use m365_registrar::web::timer::BrowserTimer;
    use registrar_core::http::Timer;
    use registrar_core::wizard::Language;
    use registrar_core::wizard::words::DE;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    async fn late_german_words_hold_the_first_screen_two_seconds_at_most_then_the_page_speaks_german()
     {
        let window = web_sys::window().expect("a window");
        let document = window.document().expect("a document");
        // As the page's start does (Leptos's mount sets up its executor).
        let place: web_sys::HtmlElement = document
            .create_element("div")
            .ok()
            .and_then(|e| e.dyn_into().ok())
            .expect("a place");
        leptos::mount::mount_to(place.clone(), || ()).forget();
        document
            .document_element()
            .expect("the root")
            .set_attribute("lang", "de")
            .expect("lang");
        let stopped = || {
            say_stopped(&place);
            place.text_content().unwrap_or_default()
        };
        assert_eq!(spoken(Language::German), Language::English);
        assert!(stopped().starts_with("This page stopped"));

        // The file's answer, 2.5 s after it was asked for.
        let words = DE.page().to_json();
        let late = js_sys::Promise::new(&mut |answer, _| {
            let response = web_sys::Response::new_with_opt_str(Some(&words)).expect("a response");
            window
                .set_timeout_with_callback_and_timeout_and_arguments_1(&answer, 2_500, &response)
                .expect("a timer");
        });
        let started = BrowserTimer.now_millis();
        await_german(Some(late)).await;
        let waited = BrowserTimer.now_millis() - started;
        assert!((1_900..2_400).contains(&waited), "waited {waited} ms");
        assert_eq!(spoken(Language::German), Language::English);

        // Read in the background when they come: from then on the page speaks German.
        let started = BrowserTimer.now_millis();
        while spoken(Language::German) != Language::German {
            assert!(
                BrowserTimer.now_millis() - started < 5_000,
                "the late words were never read"
            );
            BrowserTimer.sleep(50).await;
        }
        let german = stopped();
        assert!(
            german.starts_with("Diese Seite ist wegen eines Fehlers"),
            "{german}"
        );
    }
}

/// A fault in the page's own code is said in the page's place, in its language.
mod fault {
    use m365_registrar::web::fault::say_stopped;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_stopped_page_says_so_in_its_language() {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .expect("a document");
        let root = document.document_element().expect("the root");
        let place = document.create_element("div").expect("a place");
        place.set_text_content(Some("the app's screen"));
        let said = |lang: &str| {
            root.set_attribute("lang", lang).expect("lang");
            say_stopped(&place);
            let alert = place
                .query_selector("#page-stopped[role=alert]")
                .ok()
                .flatten()
                .expect("the page says it stopped, as an alert");
            assert_eq!(place.child_element_count(), 1, "nothing else is left");
            alert.text_content().unwrap_or_default()
        };
        // In German once its words are here: `german_words::`.
        let english = said("en");
        assert!(
            english.starts_with("This page stopped because of a fault"),
            "{english}"
        );
        assert!(english.contains("Reload it"), "{english}");
    }
}

mod fault_ends_workers {
    use std::cell::Cell;
    use std::rc::Rc;

    use m365_registrar::web::download::object_url;
    use m365_registrar::web::fault;
    use m365_registrar::web::registration_worker::RegistrationWorker;
    use m365_registrar::web::timer::BrowserTimer;
    use registrar_core::http::Timer;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// What the panic hook does (`fault::stop`): a worker that holds the admin's tokens must not
    /// outlive a page whose module stopped. A worker of the test's own says something every 10 ms.
    #[wasm_bindgen_test]
    async fn a_fault_ends_every_registration_worker() {
        let url = object_url(
            b"setInterval(() => postMessage('tick'), 10)",
            "text/javascript",
        )
        .expect("a script");
        let heard = Rc::new(Cell::new(0u32));
        let worker = {
            let heard = heard.clone();
            RegistrationWorker::spawn_at(&url, move |_| heard.set(heard.get() + 1))
        }
        .expect("a worker");
        for _ in 0..100 {
            if heard.get() >= 3 {
                break;
            }
            BrowserTimer.sleep(20).await;
        }
        assert!(heard.get() >= 3, "the worker runs and is heard");

        let place = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("div").ok())
            .expect("a place");
        fault::stop("a test's fault", Some(&place));
        assert!(
            place
                .query_selector("#page-stopped")
                .ok()
                .flatten()
                .is_some(),
            "the page says it stopped"
        );
        // What it said before it ended may still be on its way.
        BrowserTimer.sleep(50).await;
        let at_end = heard.get();
        BrowserTimer.sleep(300).await;
        assert_eq!(heard.get(), at_end, "an ended worker says nothing more");
        // Its handle's own end afterwards is harmless.
        drop(worker);
    }
}
