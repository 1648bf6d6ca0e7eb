//! The relay window's own guards (`static/relay.js`): it serves only a page of its own origin
//! that opened it, and posts what it hears only to its own origin. Its authorize-URL guard is
//! described in README, "The attack suite".

use fantoccini::wd::WindowHandle;
use sandbox_tenant::sites::{AppConfig, Site, Sites};
use serde_json::json;

use super::click_a_button_that_runs;
use crate::browser::Session;
use crate::flows::*;

/// The relay's address for an authorize URL at the configured sign-in host.
fn relay_address(session: &Session) -> String {
    let authorize = session.url(Site::Login, "/organizations/oauth2/v2.0/authorize?state=s");
    let fragment = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("authorize", &authorize)
        .finish();
    session.url(Site::App, &format!("/relay.html#{fragment}"))
}

/// In the relay window (the current one): it refuses to serve, says why, and opens nothing.
async fn assert_relay_refuses(session: &Session, windows_before: usize, who: &str) {
    let status = session.text_of("#status").await;
    assert!(
        status.contains("only works when M365 Registrar opens it"),
        "{who}: {status}"
    );
    assert!(!session.shows("#continue:not([hidden])").await, "{who}");
    assert!(!session.shows("#about:not([hidden])").await, "{who}");
    let open = session.client.windows().await.expect("windows").len();
    assert_eq!(open, windows_before, "{who}: the relay opened no window");
}

#[tokio::test]
async fn a_relay_opened_by_nobody_or_by_another_site_opens_nothing() {
    let session = Session::with_lookalikes().await;
    let relay = relay_address(&session);

    // Typed into the address bar, or a link followed: no opener.
    session.visit(&relay).await;
    assert_relay_refuses(&session, 1, "no opener").await;

    // Opened by a stranger's click: the dashboard itself, and its look-alikes.
    let mut strangers = session.lookalike_origins();
    strangers.push(session.sites.origin(Site::Dashboard));
    for origin in strangers {
        let page = Sites::hostile_page_url(&origin, &json!({"messages": []}));
        session.visit(&page).await;
        let opener = session.client.window().await.expect("its window");
        click_a_button_that_runs(&session, "window.open(arg, 'relay', 'popup');", &relay).await;
        let opened = session.wait_for_new_window(&[&opener]).await;
        session.switch_to(&opened).await;
        assert_relay_refuses(&session, 2, &origin).await;
        session.close_window().await;
        session.switch_to(&opener).await;
    }
    session.finish().await;
}

/// Points the registrar's iframe, in the dashboard (the current window), at `url`.
async fn navigate_registrar_frame(session: &Session, url: &str) {
    session
        .client
        .execute(
            "document.getElementById('registrar-frame').src = arguments[0];",
            vec![json!(url)],
        )
        .await
        .expect("the frame navigates");
}

#[tokio::test]
async fn the_relay_posts_the_answer_to_its_own_origin_only() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard: WindowHandle = embedded_registrar(&session).await;
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    let sign_in = continue_in_relay(&session, &relay, &[&dashboard]).await;

    // While the admin signs in, the relay's opener (the registrar's iframe) becomes a page of
    // another site that listens for everything.
    session.switch_to(&dashboard).await;
    let listener = Sites::hostile_page_url(
        &session.sites.origin(Site::Dashboard),
        &json!({"messages": []}),
    );
    navigate_registrar_frame(&session, &listener).await;
    enter_registrar_frame(&session).await;
    session.element("body[data-ready='1']").await;

    session.switch_to(&sign_in).await;
    choose_admin_and_accept(&session).await;
    // The relay heard the answer, posted it and closed; so did the sign-in window.
    session.wait_until_windows(1).await;
    session.switch_to(&dashboard).await;
    enter_registrar_frame(&session).await;
    let heard = session.text_of("#received").await;
    assert!(
        !heard.contains("sign-in-response"),
        "the stranger in the relay's opener heard the answer: {heard}"
    );
    session.finish().await;
}
