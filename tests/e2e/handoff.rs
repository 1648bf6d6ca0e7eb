//! The hand-off (docs/handoff.md), as a vendor lives it: the sample dashboard on another site
//! than the app embeds or opens it, gets the result, has its backup-server stand-in open and
//! check it, and acknowledges it. The sealed bundle is also opened by a JOSE implementation that
//! is not ours (npm `jose`, tests/jose/decrypt.mjs), and its secret and certificate must pass
//! the sandbox tenant's client-credentials check.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::wd::WindowHandle;
use sandbox_tenant::sites::{AppConfig, Lookalike, Site, Sites, SitesOptions, sandbox_app_config};
use sandbox_tenant::tenant::seed;
use serde_json::{Value, json};

use crate::browser::{PATIENCE, Session, free_port};
use crate::flows::*;

const GRAPH_DEFAULT: &str = "https://graph.microsoft.com/.default";

/// Opens a compact JWE with npm `jose` (tests/jose/decrypt.mjs): `{protectedHeader, plaintext}`.
fn jose_decrypt(jwe: &str, private_jwk: &Value) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/jose/decrypt.mjs");
    let mut child = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node (scripts/test installs it with tests/jose)");
    let input = json!({ "jwe": jwe, "privateJwk": private_jwk }).to_string();
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("writes the JWE");
    let output = child.wait_with_output().expect("node runs");
    assert!(
        output.status.success(),
        "npm jose refused the sealed bundle: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("decrypt.mjs prints JSON")
}

/// A `data-*` value of the dashboard page's body (the sample dashboard's test hooks).
async fn dashboard_data(session: &Session, key: &str) -> String {
    let value = session
        .client
        .execute(
            "return document.body.dataset[arguments[0]] || ''",
            vec![json!(key)],
        )
        .await
        .expect("the dashboard's dataset");
    value.as_str().unwrap_or_default().to_owned()
}

/// Waits until the dashboard's `data-<key>` is `want`.
async fn wait_for_dashboard(session: &Session, key: &str, want: &str) {
    let started = Instant::now();
    loop {
        if dashboard_data(session, key).await == want {
            return;
        }
        assert!(
            started.elapsed() < PATIENCE * 3,
            "the dashboard's data-{key} never became {want:?}: {}",
            session.page_text().await
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The result message the dashboard received (kept by the sample for tests only).
async fn last_result(session: &Session) -> Value {
    session
        .client
        .execute("return window.lastResult || null", vec![])
        .await
        .expect("the dashboard's last result")
}

/// The secret signs in as the app, as the backup server would: retried while the new secret
/// propagates (Entra takes seconds; so does the sandbox).
async fn assert_secret_signs_in(session: &Session, client_id: &str, secret: &str) {
    let started = Instant::now();
    loop {
        match session
            .sites
            .tenant
            .client_secret_token(client_id, secret, GRAPH_DEFAULT)
        {
            Ok(roles) => {
                assert!(!roles.is_empty(), "the app has application permissions");
                return;
            }
            Err(code) if started.elapsed() < PATIENCE => {
                let _ = code;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(code) => panic!("the bundle's secret does not sign in: AADSTS{code}"),
        }
    }
}

/// The registrar (the current frame or window) confirms the plan and waits for its result.
async fn confirm_and_wait_for_result(session: &Session) {
    session.click("#confirm-registration").await;
    session.element("#result").await;
}

/// Checks what the dashboard's backup-server stand-in stored, and that the dashboard page itself
/// never saw the secret: returns the sealed JWE it passed on.
async fn assert_stored_sealed(session: &Session) -> String {
    wait_for_dashboard(session, "stored", "yes").await;
    wait_for_dashboard(session, "acked", "yes").await;
    assert_eq!(session.text_of("#check-secret").await, "accepted");
    assert_eq!(session.text_of("#check-certificate").await, "accepted");
    let result = last_result(session).await;
    assert_eq!(result["type"], "m365-registrar.result");
    assert_eq!(result["sealed"], true);
    let text = result.to_string();
    assert!(
        !text.contains("clientSecret") && !text.contains("PRIVATE KEY"),
        "the dashboard page can read nothing of the bundle: {text}"
    );
    result["jwe"].as_str().expect("a JWE").to_owned()
}

/// Opens `jwe` with npm `jose` and the stand-in's private key for `alg`, and checks it is this
/// onboarding's bundle, whose secret signs in.
async fn assert_opens_with_jose(session: &Session, jwe: &str, alg: &str) -> Value {
    let private = session.sites.handoff_private_jwk(alg);
    let opened = jose_decrypt(jwe, &private);
    let header = &opened["protectedHeader"];
    assert_eq!(header["alg"], alg);
    assert_eq!(header["enc"], "A256GCM");
    assert_eq!(header["kid"], private["kid"]);
    assert_eq!(
        header["onboardingId"].as_str().unwrap_or_default(),
        dashboard_data(session, "onboardingId").await,
        "the onboarding id is bound in the protected header"
    );
    let bundle = opened["plaintext"].clone();
    assert_eq!(bundle["format"], "m365-registrar.bundle");
    assert_eq!(bundle["tenantId"], seed::TENANT_ID);
    assert_eq!(
        bundle["clientId"].as_str().unwrap_or_default(),
        session.text_of("#stored-client-id").await
    );
    let secret = bundle["clientSecret"]["value"].as_str().expect("a secret");
    assert_secret_signs_in(
        session,
        bundle["clientId"].as_str().unwrap_or_default(),
        secret,
    )
    .await;
    assert!(
        bundle["certificate"]["privateKeyPem"]
            .as_str()
            .is_some_and(|pem| pem.contains("BEGIN PRIVATE KEY")),
        "the new certificate's key travels sealed"
    );
    bundle
}

/// After the acknowledgement the registrar shows the delivery and no longer holds the secret.
async fn assert_delivered_and_forgotten(session: &Session) {
    session
        .element("#handoff-state[data-state=delivered]")
        .await;
    let said = session.text_of("#handoff-state").await;
    assert!(said.contains("removed from this page"), "{said}");
    assert!(!session.shows("#result-secret").await);
    assert!(!session.shows("#result-pfx").await);
    assert!(!displayed(session, "#handoff-download").await);
}

/// Whether the element is on the page and not hidden.
async fn displayed(session: &Session, css: &str) -> bool {
    match session.client.find(Locator::Css(css)).await {
        Ok(element) => element.is_displayed().await.unwrap_or(false),
        Err(_) => false,
    }
}

/// From the sample dashboard: embeds the registrar, waits until the dashboard has sent its
/// start (as an admin reading the page would), and signs in as the Global Administrator
/// through the relay window; returns the dashboard's window, the registrar's iframe entered.
async fn sign_in_in_started_frame(session: &Session) -> WindowHandle {
    let dashboard = session.client.window().await.expect("the dashboard window");
    session.click("#embed").await;
    sign_in_once_started(session, &dashboard).await;
    dashboard
}

/// From the dashboard, whose start is on its way: waits until it was sent, then signs in as the
/// Global Administrator in the registrar's iframe through the relay window.
async fn sign_in_once_started(session: &Session, dashboard: &WindowHandle) {
    wait_for_dashboard(session, "started", "yes").await;
    enter_registrar_frame(session).await;
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[dashboard]).await;
    let sign_in = continue_in_relay(session, &relay, &[dashboard]).await;
    finish_relay_sign_in(session, &sign_in, dashboard).await;
}

#[tokio::test]
async fn iframe_mode_delivers_a_sealed_bundle_only_the_backup_server_opens() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = sign_in_in_started_frame(&session).await;
    // The page shows the key's thumbprint, to compare with the vendor's.
    let public = session.sites.handoff_public_jwk("ECDH-ES+A256KW");
    confirm_and_check_the_sealed_delivery(&session, &dashboard, "ECDH-ES+A256KW").await;
    session.switch_to(&dashboard).await;
    enter_registrar_frame(&session).await;
    let shown = session.text_of("#handoff-key-thumbprint").await;
    assert_eq!(shown, jwk_thumbprint(&public));
    session.assert_no_console_errors().await;
    session.finish().await;
}

/// In the registrar (the current frame or window): confirms the plan, sees the result delivered
/// and forgotten; then in the dashboard: the stand-in stored it, and npm `jose` opens it with
/// the stand-in's key for `alg`.
async fn confirm_and_check_the_sealed_delivery(
    session: &Session,
    dashboard: &WindowHandle,
    alg: &str,
) {
    confirm_and_wait_for_result(session).await;
    assert_delivered_and_forgotten(session).await;
    session.switch_to(dashboard).await;
    let jwe = assert_stored_sealed(session).await;
    assert_opens_with_jose(session, &jwe, alg).await;
}

#[tokio::test]
async fn window_mode_delivers_a_bundle_sealed_to_an_rsa_key() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    choose_seal(&session, "RSA-OAEP-256").await;
    let dashboard = session.client.window().await.expect("the dashboard window");
    session.click("#open-window").await;
    wait_for_dashboard(&session, "started", "yes").await;
    let registrar = session.wait_for_new_window(&[&dashboard]).await;
    session.switch_to(&registrar).await;
    session.click("#sign-in-button").await;
    let popup = session.wait_for_new_window(&[&dashboard, &registrar]).await;
    session.switch_to(&popup).await;
    choose_admin_and_accept(&session).await;
    session.switch_to(&registrar).await;
    confirm_and_check_the_sealed_delivery(&session, &dashboard, "RSA-OAEP-256").await;
    session.finish().await;
}

#[tokio::test]
async fn a_dashboard_that_never_acknowledges_leaves_the_bundle_retrievable() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    choose_seal(&session, "none").await;
    session.click("#no-ack").await;
    let dashboard = sign_in_in_started_frame(&session).await;
    confirm_and_wait_for_result(&session).await;
    session.element("#handoff-state[data-state=pending]").await;
    // Sent again on request.
    session.click("#handoff-send-again").await;
    let file = downloaded_text(&session, "#handoff-download").await;
    let bundle: Value = serde_json::from_str(&file).expect("the settings file is JSON");
    assert!(
        session.shows("#result-secret").await,
        "still shown, still held"
    );

    session.switch_to(&dashboard).await;
    wait_for_dashboard(&session, "stored", "yes").await;
    assert_eq!(dashboard_data(&session, "acked").await, "");
    assert_eq!(dashboard_data(&session, "sealed").await, "false");
    let log = session.text_of("#log").await;
    assert!(
        log.contains("m365-registrar.result ×2"),
        "sent twice: {log}"
    );
    assert_eq!(
        bundle["clientId"].as_str().unwrap_or_default(),
        session.text_of("#stored-client-id").await,
        "the file holds the bundle the dashboard got"
    );
    let client_id = bundle["clientId"].as_str().unwrap_or_default();
    let secret = bundle["clientSecret"]["value"].as_str().unwrap_or_default();
    assert_secret_signs_in(&session, client_id, secret).await;
    session.finish().await;
}

#[tokio::test]
async fn without_a_dashboard_the_admin_downloads_the_settings_file() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;
    confirm_and_wait_for_result(&session).await;
    session.element("#handoff-state[data-state=download]").await;
    let link = session.element("#handoff-download").await;
    let name = link
        .attr("download")
        .await
        .expect("attr")
        .unwrap_or_default();
    assert_eq!(name, format!("m365-registrar-{}.json", seed::TENANT_ID));
    let file = downloaded_text(&session, "#handoff-download").await;
    let bundle: Value = serde_json::from_str(&file).expect("the settings file is JSON");
    assert_eq!(bundle["format"], "m365-registrar.bundle");
    assert_eq!(bundle["version"], 1);
    assert_eq!(
        bundle["clientId"].as_str().unwrap_or_default(),
        session.text_of("#result-client-id").await
    );
    assert!(bundle["certificate"]["pfx"].is_string());
    let client_id = bundle["clientId"].as_str().unwrap_or_default();
    let secret = bundle["clientSecret"]["value"].as_str().unwrap_or_default();
    assert_secret_signs_in(&session, client_id, secret).await;
    session.assert_no_stored_state().await;
    session.assert_no_console_errors().await;
    session.finish().await;
}

/// RFC 7638 SHA-256 thumbprint of a public JWK, as the page shows it (the core's function).
fn jwk_thumbprint(public: &Value) -> String {
    registrar_core::config::parse_public_jwk(public, "key")
        .expect("a public JWK")
        .thumbprint()
}

#[tokio::test]
async fn messages_from_look_alike_origins_other_windows_and_of_the_wrong_shape_are_ignored() {
    let options = SitesOptions {
        second_port: true,
        ..Session::options(AppConfig::Sandbox)
    };
    let session = Session::start_with(options).await;
    let dashboard = embed_with_the_start_held(&session).await;

    // Strangers speak first, as if they were the dashboard: a start with their own onboarding
    // id, a cancel, an acknowledgement. Had any been taken, the start would pin their origin and
    // the real dashboard would never get the result.
    let forged = json!([
        {"type": "m365-registrar.start", "version": 1, "onboardingId": "evil"},
        {"type": "m365-registrar.cancel", "version": 1},
        {"type": "m365-registrar.ack", "version": 1, "resultId": "r-0"},
    ]);
    let sites = &session.sites;
    let dashboard_origin = sites.origin(Site::Dashboard);
    let strangers = [
        // Suffix: ends with "dashboard.localhost:PORT".
        sites.lookalike_origin(Lookalike::Suffix).expect("suffix"),
        // Prefix: starts with "http://dashboard.localhost".
        sites.lookalike_origin(Lookalike::Prefix).expect("prefix"),
        // Same host, another port.
        sites
            .lookalike_origin(Lookalike::OtherPort)
            .expect("second port"),
        // The right origin, but not the window that embeds the registrar.
        dashboard_origin.clone(),
    ];
    for origin in &strangers {
        let instructions = json!({"messages": forged, "delayMs": 0});
        add_frame_to_dashboard(&session, &Sites::hostile_page_url(origin, &instructions)).await;
    }
    // A sandboxed frame: origin "null".
    let null = json!({"messages": forged, "null": true, "delayMs": 0});
    add_frame_to_dashboard(&session, &Sites::hostile_page_url(&strangers[0], &null)).await;

    // The right window and origin, the wrong shapes.
    let malformed = [
        json!("m365-registrar.start"),
        json!({"type": "m365-registrar.START", "version": 1}),
        json!({"type": "m365-registrar.start", "version": 2}),
        json!({"type": "m365-registrar.start", "version": 1, "extra": true}),
        json!({"type": "m365-registrar.start", "version": 1, "onboardingId": "x".repeat(20_000)}),
        json!({"type": "m365-registrar.ack", "version": 1, "resultId": "<script>alert(1)</script>"}),
    ];
    for message in &malformed {
        post_from_dashboard(&session, message).await;
    }
    let expected = u32::try_from(5 * 3 + malformed.len()).expect("a small count");
    enter_registrar_frame(&session).await;
    wait_for_ignored(&session, expected).await;
    assert!(
        session.shows("#sign-in-button").await,
        "nothing was cancelled"
    );

    // Now the real dashboard starts it, and the whole hand-off goes to it alone.
    session.switch_to(&dashboard).await;
    session.click("#send-start").await;
    sign_in_once_started(&session, &dashboard).await;
    // Sealed to the dashboard's key, for the dashboard's onboarding (not "evil"): checked there.
    confirm_and_check_the_sealed_delivery(&session, &dashboard, "ECDH-ES+A256KW").await;

    // No stranger heard anything from the registrar.
    let app = session.sites.origin(Site::App);
    let frames = session
        .client
        .find_all(Locator::Css("iframe.hostile"))
        .await
        .expect("the strangers' frames");
    assert_eq!(frames.len(), 5);
    for frame in frames {
        frame.enter_frame().await.expect("into a stranger's frame");
        let heard = session.text_of("#received").await;
        assert!(
            !heard.contains(&app),
            "a stranger heard the registrar: {heard}"
        );
        session.switch_to(&dashboard).await;
    }
    session.finish().await;
}

#[tokio::test]
async fn a_dashboard_that_cuts_off_its_window_is_noticed() {
    // `Cross-Origin-Opener-Policy: same-origin` on the dashboard severs `window.opener`.
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/?coop=same-origin").await;
    let dashboard = session.client.window().await.expect("the dashboard window");
    session.click("#open-window").await;
    let registrar = session.wait_for_new_window(&[&dashboard]).await;
    session.switch_to(&registrar).await;
    let said = session.text_of("#handoff-lost-opener").await;
    assert!(said.contains("lost its link"), "{said}");
    assert!(said.contains("same-origin-allow-popups"), "{said}");
    session.finish().await;
}

#[tokio::test]
async fn after_a_delivery_a_second_run_survives_messages_it_ignores() {
    // The acknowledgement ends the worker that held the first run's secrets; messages the page
    // ignores afterwards must not end the next run's.
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = sign_in_in_started_frame(&session).await;
    confirm_and_check_the_sealed_delivery(&session, &dashboard, "ECDH-ES+A256KW").await;

    enter_registrar_frame(&session).await;
    session.click("#sign-in-again").await;
    sign_in_again_through_relay(&session, &dashboard).await;
    session.element("#confirm-registration").await;
    session.switch_to(&dashboard).await;
    post_from_dashboard(
        &session,
        &json!({"type": "m365-registrar.ack", "version": 1}),
    )
    .await;
    post_from_dashboard(
        &session,
        &json!({"type": "m365-registrar.hello", "version": 1}),
    )
    .await;
    enter_registrar_frame(&session).await;
    wait_for_ignored(&session, 2).await;
    confirm_and_wait_for_result(&session).await;
    let verified = session.text_of("#result-verified").await;
    assert!(verified.contains("matches the plan"), "{verified}");
    session.finish().await;
}

#[tokio::test]
async fn a_dashboard_chooses_a_profile_the_configuration_allows() {
    let port = free_port();
    let mut config: Value =
        serde_json::from_str(&sandbox_app_config(port)).expect("the sandbox configuration");
    config["allowedProfiles"] = json!(["read-only"]);
    let options = SitesOptions {
        port,
        ..Session::options(AppConfig::Literal(config.to_string()))
    };
    let session = Session::start_with(options).await;
    let dashboard = embed_with_the_start_held(&session).await;
    // A profile the file does not allow is refused in words; the allowed one is taken.
    post_from_dashboard(
        &session,
        &json!({"type": "m365-registrar.start", "version": 1, "profile": "exchange-only"}),
    )
    .await;
    wait_for_dashboard(&session, "errorCode", "bad-start").await;
    let said = session.text_of("#registrar-error").await;
    assert!(
        said.contains("exchange-only") && said.contains("allowedProfiles"),
        "{said}"
    );
    post_from_dashboard(
        &session,
        &json!({"type": "m365-registrar.start", "version": 1, "profile": "read-only"}),
    )
    .await;
    enter_registrar_frame(&session).await;
    // The welcome describes the registration that will run: the start's profile.
    let started = Instant::now();
    let welcome = loop {
        let listed = session.text_of("#welcome-permissions").await;
        if !listed.contains("Mail.ReadWrite") {
            break listed;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "the welcome still lists the file's profile: {listed}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(welcome.contains("Mail.Read"), "{welcome}");
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    let sign_in = continue_in_relay(&session, &relay, &[&dashboard]).await;
    finish_relay_sign_in(&session, &sign_in, &dashboard).await;
    confirm_and_wait_for_result(&session).await;
    let granted = session.text_of("#result-granted").await;
    assert!(granted.contains("Mail.Read ("), "{granted}");
    assert!(!granted.contains("Mail.ReadWrite"), "{granted}");
    session.finish().await;
}

#[tokio::test]
async fn a_dashboard_brands_the_page_with_its_colour_and_logo_but_not_an_unreadable_colour() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    embed_with_the_start_held(&session).await;
    let logo = session.url(Site::Dashboard, "/logo.svg");
    // Yellow under white text cannot be read: refused in words, nothing changes.
    post_from_dashboard(
        &session,
        &json!({"type": "m365-registrar.start", "version": 1, "accentColor": "#ffd700"}),
    )
    .await;
    wait_for_dashboard(&session, "errorCode", "bad-start").await;
    let said = session.text_of("#registrar-error").await;
    assert!(
        said.contains("accentColor") && said.contains("4.5:1"),
        "{said}"
    );
    post_from_dashboard(
        &session,
        &json!({"type": "m365-registrar.start", "version": 1,
                "accentColor": "#5b2c83", "logoUrl": logo, "language": "de"}),
    )
    .await;
    enter_registrar_frame(&session).await;
    // The German words are fetched when the start asks for them: the page changes once they came.
    session.element("html[lang=de]").await;
    let shown = session
        .element("#brand-logo")
        .await
        .attr("src")
        .await
        .expect("the logo's address");
    assert_eq!(shown.as_deref(), Some(logo.as_str()));
    let colour = session
        .client
        .execute(
            "return getComputedStyle(document.getElementById('sign-in-button')).backgroundColor",
            vec![],
        )
        .await
        .expect("the button's colour");
    assert_eq!(colour.as_str(), Some("rgb(91, 44, 131)"));
    // The dashboard asked for German: the page says so to screen readers, and speaks it.
    let lang = session
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .expect("the page's language");
    assert_eq!(lang.as_str(), Some("de"));
    let button = session.text_of("#sign-in-button").await;
    assert_eq!(button, "Mit Microsoft anmelden");
    let role = session.text_of("#welcome-role").await;
    assert!(role.contains("Globaler Administrator"), "{role}");
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn a_german_start_speaks_german_from_the_welcome_to_the_result() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = embed_with_the_start_held(&session).await;
    post_from_dashboard(
        &session,
        &json!({"type": "m365-registrar.start", "version": 1, "language": "de"}),
    )
    .await;
    enter_registrar_frame(&session).await;
    // The German words are fetched when the start asks for them: the page changes once they came.
    session.element("html[lang=de]").await;
    // The welcome's reasons: the catalog's permissions and the sign-in's scopes.
    let permissions = session.text_of("#welcome-permissions").await;
    assert!(
        permissions.contains("Jedes Postfach lesen"),
        "{permissions}"
    );
    assert!(!permissions.contains("Read every mailbox"), "{permissions}");
    session.click("#welcome-two-apps summary").await;
    let scopes = session.text_of("#welcome-scopes").await;
    assert!(scopes.contains("Sie anmelden"), "{scopes}");
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    let sign_in = continue_in_relay(&session, &relay, &[&dashboard]).await;
    finish_relay_sign_in(&session, &sign_in, &dashboard).await;
    // The engine's plan, in German, with German reasons.
    let plan = session.text_of("#plan-steps").await;
    for german in [
        "Die App-Registrierung „",
        "erteilen (Microsoft Graph, Anwendung)",
    ] {
        assert!(plan.contains(german), "{german} missing: {plan}");
    }
    for english in [
        "Create the app registration",
        "Grant ",
        "Read every mailbox",
    ] {
        assert!(!plan.contains(english), "{english} in: {plan}");
    }
    confirm_and_wait_for_result(&session).await;
    // The progress and the result, in German.
    let progress = session.text_of("#progress").await;
    assert!(
        progress.contains("App-Registrierung: erledigt"),
        "{progress}"
    );
    for english in ["App registration", ": done", "Check everything"] {
        assert!(!progress.contains(english), "{english} in: {progress}");
    }
    let result = session.text_of("#result-details").await;
    assert!(!result.contains("matches the plan"), "{result}");
    assert!(!result.contains(" the "), "{result}");
    // The page's own hand-off panel, too.
    let panel = session.text_of("#handoff").await;
    assert!(panel.contains("Übergabe an den Backup-Server"), "{panel}");
    assert!(
        !panel.contains("Hand-off") && !panel.contains(" the "),
        "{panel}"
    );
    session.assert_no_console_errors().await;
    session.finish().await;
}

/// The dashboard cancels while the page checks its configuration before redeeming the sign-in
/// (the answer is back, the current `config.json` is slow): nothing goes on once the check ends.
/// The code is never redeemed, and the dashboard is told it was cancelled.
#[tokio::test]
async fn a_dashboard_cancel_during_the_configuration_check_stops_the_sign_in() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let (dashboard, registrar) = open_registrar_window(&session).await;
    hold_the_current_configuration(&session, Reloads::Held).await;
    session
        .client
        .execute("location.reload()", vec![])
        .await
        .expect("the registrar loads again");
    session.element("#welcome #sign-in-button").await;
    // The dashboard answered the new `ready`: it may cancel.
    session.switch_to(&dashboard).await;
    session.element("#cancel:not([disabled])").await;
    session.switch_to(&registrar).await;

    session.click("#sign-in-button").await;
    let popup = session.wait_for_new_window(&[&dashboard, &registrar]).await;
    session.switch_to(&popup).await;
    choose_admin_and_accept(&session).await;
    session.wait_until_windows(2).await;

    session.switch_to(&dashboard).await;
    session.click("#cancel").await;
    session.switch_to(&registrar).await;
    let said = sign_in_failure(&session).await;
    assert!(said.contains("cancelled"), "{said}");
    release_the_current_configuration(&session).await;

    // Time for a redeem that should not happen.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(!session.shows("#signed-in").await, "nobody is signed in");
    let codes: Vec<bool> = {
        let tenant = session.sites.tenant.lock();
        tenant.codes.values().map(|code| code.redeemed).collect()
    };
    assert_eq!(codes, [false], "one code issued, never redeemed");
    session.switch_to(&dashboard).await;
    wait_for_dashboard(&session, "errorCode", "cancelled").await;
    session.finish().await;
}
