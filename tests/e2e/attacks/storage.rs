//! Storage scans while a flow waits and after it ends, in the window or frame that holds the
//! app (sessionStorage is per tab: a new tab's is empty whatever the app keeps), in the relay
//! window, in the address, the history and the console: no token, code, verifier, secret or
//! key, and nothing stored at all, in every way of signing in (the new tab a blocked window's
//! link opens included).

use fantoccini::wd::WindowHandle;
use sandbox_tenant::sites::{AppConfig, Site};
use serde_json::json;
use url::Url;

use crate::browser::{Session, assert_free_of_secrets};
use crate::devtools::cdp;
use crate::flows::*;

/// Every authorization code the sandbox issued so far.
fn issued_codes(session: &Session) -> Vec<String> {
    session.sites.tenant.lock().codes.keys().cloned().collect()
}

/// Scans the current page with the codes issued so far and `more` secrets as needles.
async fn scan(session: &Session, when: &str, more: &[&str]) {
    let codes = issued_codes(session);
    let mut needles: Vec<&str> = codes.iter().map(String::as_str).collect();
    needles.extend_from_slice(more);
    session.assert_nothing_kept(when, &needles).await;
}

/// The console since the last read holds no secret, nor any of `more`.
async fn assert_console_keeps_nothing(session: &Session, more: &[&str]) {
    let codes = issued_codes(session);
    let mut needles: Vec<&str> = codes.iter().map(String::as_str).collect();
    needles.extend_from_slice(more);
    let said: Vec<String> = session
        .console()
        .await
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    assert_free_of_secrets("the console", &said.join("\n"), &needles);
}

/// No address in this tab's history carries a code, a token or an error answer.
async fn assert_history_keeps_nothing(session: &Session) {
    let urls = session.history_urls().await;
    for address in &urls {
        let url = Url::parse(address).expect("an address");
        let fragment = url.fragment().unwrap_or_default();
        let names: Vec<String> = url
            .query_pairs()
            .chain(url::form_urlencoded::parse(fragment.as_bytes()))
            .map(|(name, _)| name.into_owned())
            .collect();
        for secret in ["code", "id_token", "access_token", "authorize"] {
            assert!(
                !names.iter().any(|n| n == secret),
                "{secret} in the history: {urls:?}"
            );
        }
    }
}

#[tokio::test]
async fn nothing_is_kept_while_a_popup_sign_in_and_a_registration_wait_nor_after() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let app_window = session.client.window().await.expect("the app window");
    let popup = open_sign_in_window(&session, &app_window, "#sign-in-button").await;
    session.switch_to(&app_window).await;
    scan(&session, "in the Microsoft window", &[]).await;

    session.switch_to(&popup).await;
    accept_as_admin_and_return(&session, &app_window).await;
    session.element("#plan").await;
    scan(&session, "at the plan", &[]).await;

    session.click("#confirm-registration").await;
    session.element("#progress").await;
    scan(&session, "during the progress", &[]).await;

    session.element("#result").await;
    let secret = shown_secret(&session).await;
    assert!(!secret.is_empty(), "the result shows the secret");
    scan(&session, "after the result", &[&secret]).await;
    assert_console_keeps_nothing(&session, &[&secret]).await;
    assert_history_keeps_nothing(&session).await;
    session.finish().await;
}

/// In the relay window and in the registrar's iframe, while the admin is at Microsoft.
async fn scan_relay_and_frame(session: &Session, relay: &WindowHandle, dashboard: &WindowHandle) {
    session.switch_to(relay).await;
    scan(session, "in the relay window", &[]).await;
    session.switch_to(dashboard).await;
    enter_registrar_frame(session).await;
    scan(session, "in the registrar's frame, at Microsoft", &[]).await;
}

#[tokio::test]
async fn nothing_is_kept_in_the_iframe_or_the_relay_while_they_wait_nor_after() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = embedded_registrar(&session).await;
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    let sign_in = continue_in_relay(&session, &relay, &[&dashboard]).await;
    scan_relay_and_frame(&session, &relay, &dashboard).await;

    finish_relay_sign_in(&session, &sign_in, &dashboard).await;
    session.element("#plan").await;
    scan(&session, "in the frame, at the plan", &[]).await;
    session.click("#confirm-registration").await;
    session.element("#progress").await;
    scan(&session, "in the frame, during the progress", &[]).await;
    session
        .element("#handoff-state[data-state=delivered]")
        .await;
    scan(&session, "in the frame, after the delivery", &[]).await;
    assert_console_keeps_nothing(&session, &[]).await;
    session.assert_no_first_party_state(&dashboard).await;
    session.finish().await;
}

#[tokio::test]
async fn the_new_tab_sign_in_keeps_nothing_and_no_code_in_the_history() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let app_window = session.client.window().await.expect("the app window");
    click_sign_in_without_a_gesture(&session).await;
    session.click("#sign-in-new-tab").await;
    scan(&session, "waiting with the new tab's link", &[]).await;
    let tab = session.wait_for_new_window(&[&app_window]).await;
    session.switch_to(&tab).await;
    // This browser closes the tab once the answer is handed over; one that keeps it open shows
    // the redirect page, whose storage and history are then scanned too.
    cdp(
        &session.client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "window.close = function () {};" }),
    )
    .await;
    choose_admin_and_accept(&session).await;
    session.element("#handed-over:not([hidden])").await;
    scan(&session, "in the new tab, back at the redirect page", &[]).await;
    assert_history_keeps_nothing(&session).await;
    session.close_window().await;

    session.switch_to(&app_window).await;
    assert_signed_in_to_the_sandbox(&session).await;
    scan(&session, "after the new tab's sign-in", &[]).await;
    assert_console_keeps_nothing(&session, &[]).await;
    assert_history_keeps_nothing(&session).await;
    session.finish().await;
}

/// The console scans above read ChromeDriver's browser log, and the tokens live in a dedicated
/// worker: a canary a worker writes must reach that log, or the scans could not see a leak
/// there. (A cross-site iframe's console does not reach it at all: README, "The attack suite".)
#[tokio::test]
async fn the_console_scan_hears_dedicated_workers() {
    let session = Session::with_lookalikes().await;
    // A page without a policy against blob workers: a worker of its own writes the canary.
    let page = session
        .sites
        .lookalike_origin(sandbox_tenant::sites::Lookalike::Suffix)
        .expect("a look-alike");
    session.visit(&format!("{page}/canary")).await;
    session
        .client
        .execute(
            "new Worker(URL.createObjectURL(new Blob([\"console.log('eyJworker-canary')\"], \
             { type: 'text/javascript' })));",
            vec![],
        )
        .await
        .expect("a worker");
    let started = std::time::Instant::now();
    let mut heard = String::new();
    while !heard.contains("eyJworker-canary") && started.elapsed() < crate::browser::PATIENCE {
        for (_, message) in session.console().await {
            heard.push_str(&message);
            heard.push('\n');
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(
        heard.contains("eyJworker-canary"),
        "a worker's console: {heard}"
    );
    session.finish().await;
}
