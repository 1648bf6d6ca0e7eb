//! The dashboard's origin is compared exactly: a look-alike that opened the registrar (so is
//! the very window it expects messages from) and the dashboard's host over another scheme are
//! not its dashboard. Made to fail by a suffix comparison (README, "The attack suite").

use sandbox_tenant::sites::{AppConfig, Site, Sites, SitesOptions, sandbox_app_config};
use serde_json::json;

use super::click_a_button_that_runs;
use crate::browser::{Session, free_port};
use crate::flows::*;

#[tokio::test]
async fn a_dashboard_of_another_scheme_is_not_the_dashboard() {
    // The configuration allows the https dashboard; the page that embeds the app is the same
    // host and port over http.
    let port = free_port();
    let config = sandbox_app_config(port).replace(
        &format!("\"http://dashboard.localhost:{port}\""),
        &format!("\"https://dashboard.localhost:{port}\""),
    );
    assert!(config.contains("https://dashboard.localhost"), "{config}");
    // The host's frame-ancestors would refuse that frame; this host wrongly admits it, so the
    // app's own check is what is tested.
    let options = SitesOptions {
        port,
        also_framed_by: vec![Site::Dashboard.origin(port)],
        ..Session::options(AppConfig::Literal(config))
    };
    let session = Session::start_with(options).await;
    session
        .visit(&session.url(Site::Dashboard, "/?start=manual"))
        .await;
    session.click("#embed").await;
    enter_registrar_frame(&session).await;
    session.element("#sign-in-button").await;
    session
        .client
        .enter_parent_frame()
        .await
        .expect("back to the dashboard");
    post_from_dashboard(
        &session,
        &json!({"type": "m365-registrar.start", "version": 1, "onboardingId": "http"}),
    )
    .await;
    enter_registrar_frame(&session).await;
    wait_for_ignored(&session, 1).await;
    session
        .client
        .enter_parent_frame()
        .await
        .expect("back to the dashboard");
    // The app said nothing to an origin it does not know, not even ready.
    assert_eq!(session.text_of("#log").await, "(none yet)");
    session.finish().await;
}

#[tokio::test]
async fn a_look_alike_page_that_opens_the_registrar_is_not_its_dashboard() {
    // Here the stranger is the registrar's own opener, the window it expects messages from:
    // only the exact comparison of origins keeps its start out.
    let session = Session::with_lookalikes().await;
    let app_url = format!("{}/?handoff=window", session.sites.origin(Site::App));
    for origin in session.lookalike_origins() {
        let page = Sites::hostile_page_url(&origin, &json!({"messages": [], "delayMs": 0}));
        session.visit(&page).await;
        let opener = session.client.window().await.expect("its window");
        // A button of its own, clicked by a person: the popup blocker lets the window open.
        click_a_button_that_runs(
            &session,
            "window.registrar = window.open(arg, 'registrar', 'popup');",
            &app_url,
        )
        .await;
        let registrar = session.wait_for_new_window(&[&opener]).await;
        session.switch_to(&registrar).await;
        session.element("#sign-in-button").await;
        session.switch_to(&opener).await;
        session
            .client
            .execute(
                "window.registrar.postMessage({type: 'm365-registrar.start', version: 1, \
                 onboardingId: 'evil'}, '*');",
                vec![],
            )
            .await
            .expect("the stranger posts a start");
        session.switch_to(&registrar).await;
        wait_for_ignored(&session, 1).await;
        session.close_window().await;
        session.switch_to(&opener).await;
        let heard = session.text_of("#received").await;
        assert!(heard.is_empty(), "{origin} heard the registrar: {heard}");
    }
    session.finish().await;
}
