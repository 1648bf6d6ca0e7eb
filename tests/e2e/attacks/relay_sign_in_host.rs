//! The relay opens only this app's own sign-in, even for a page of its own origin: the configured
//! sign-in host, an authorize path, the configured client and this deployment's redirect page.

use fantoccini::wd::WindowHandle;
use sandbox_tenant::sites::{AppConfig, Lookalike, Site};
use sandbox_tenant::tenant::seed;

use super::click_a_button_that_runs;
use crate::browser::{PATIENCE, Session};

/// A sign-in request as the app makes it, to `base`, with `client` and `redirect`.
fn authorize(base: &str, client: &str, redirect: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", client)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", redirect)
        .append_pair("state", "s0123456789abcdefghijk")
        .append_pair(
            "code_challenge",
            "c0123456789abcdefghijklmnopqrstuvwxyz0123",
        )
        .append_pair("code_challenge_method", "S256")
        .finish();
    format!("{base}/organizations/oauth2/v2.0/authorize?{query}")
}

/// Script in our origin (the threat the relay's guard is for) opens the relay with `address`;
/// returns the relay's final status once it has checked, and whether it said who it is for.
async fn relay_asked_to_open(
    session: &Session,
    app_window: &WindowHandle,
    address: &str,
) -> (String, bool) {
    let fragment = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("authorize", address)
        .finish();
    click_a_button_that_runs(
        session,
        "window.open('relay.html#' + arg, 'relay', 'popup');",
        &fragment,
    )
    .await;
    let relay = session.wait_for_new_window(&[app_window]).await;
    session.switch_to(&relay).await;
    let started = std::time::Instant::now();
    let mut status = session.text_of("#status").await;
    while (status.starts_with("Opening") || status.starts_with("Checking"))
        && started.elapsed() < PATIENCE
    {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        status = session.text_of("#status").await;
    }
    let about_shown = session.shows("#about:not([hidden])").await;
    assert!(
        !session.shows("#continue:not([hidden])").await,
        "{address}: offers nothing to open: {status}"
    );
    assert_eq!(
        session.client.windows().await.expect("windows").len(),
        2,
        "{address}: opened nothing"
    );
    session.close_window().await;
    session.switch_to(app_window).await;
    session
        .client
        .execute("document.getElementById('attack-button').remove()", vec![])
        .await
        .expect("the button goes");
    (status, about_shown)
}

#[tokio::test]
async fn the_relay_opens_only_this_apps_own_sign_in() {
    let session = Session::with_lookalikes().await;
    session.visit(&session.url(Site::App, "/")).await;
    let app_window = session.client.window().await.expect("the app window");
    session.element("#sign-in-button").await;
    let evil = session
        .sites
        .lookalike_origin(Lookalike::Suffix)
        .expect("a look-alike");
    let other_port = session
        .sites
        .second_port
        .map(|port| Site::Login.origin(port))
        .expect("the second port");
    let login = session.url(Site::Login, "");
    let login = login.trim_end_matches('/');
    let redirect = session.url(Site::App, "/redirect.html");
    let client = seed::ONBOARDING_CLIENT_ID;
    let suffix_host = format!(
        "http://login.localhost.evil.localhost:{}",
        session.sites.port
    );
    // Another host: the relay names the only one it opens.
    for address in [
        format!("{evil}/hostile.html?state=s"),
        authorize(&other_port, client, &redirect),
        authorize(&suffix_host, client, &redirect),
        format!("{login}/organizations/oauth2/v2.0/logout?state=s"),
    ] {
        let (status, about_shown) = relay_asked_to_open(&session, &app_window, &address).await;
        assert!(
            status.contains(&format!("sign-in page at {login}")),
            "{address}: names the only sign-in host it opens: {status}"
        );
        assert!(!about_shown, "{address}: lends it no words: {status}");
    }
    // Microsoft's own host, another app's sign-in (an illicit consent grant): refused too.
    let other_client = "11111111-2222-4333-8444-555555555555";
    for address in [
        authorize(login, other_client, &redirect),
        authorize(login, client, &format!("{evil}/redirect.html")),
    ] {
        let (status, about_shown) = relay_asked_to_open(&session, &app_window, &address).await;
        assert!(
            status.contains("only this app's own sign-in"),
            "{address}: refused as another app's sign-in: {status}"
        );
        assert!(!about_shown, "{address}: lends it no words: {status}");
    }
    session.finish().await;
}

#[tokio::test]
async fn a_relay_that_cannot_read_its_configuration_opens_nothing() {
    let session = Session::start(AppConfig::Literal("not json".into())).await;
    session.visit(&session.url(Site::App, "/")).await;
    let app_window = session.client.window().await.expect("the app window");
    // The app shows its configuration error; script of this origin still opens the relay.
    session.element("#config-error").await;
    let login = session.url(Site::Login, "");
    let redirect = session.url(Site::App, "/redirect.html");
    let address = authorize(
        login.trim_end_matches('/'),
        seed::ONBOARDING_CLIENT_ID,
        &redirect,
    );
    let (status, about_shown) = relay_asked_to_open(&session, &app_window, &address).await;
    assert!(
        status.contains("cannot read its configuration"),
        "says why it opens nothing: {status}"
    );
    assert!(!about_shown, "lends no words: {status}");
    session.finish().await;
}
