//! The sign-in window (or the relay window, in an iframe) opens inside the click's own task,
//! never after an `await` that yields to the event loop: popup blockers refuse a window opened
//! later, and Chromium's transient activation (seconds) would hide a slow path in a quick test.

use sandbox_tenant::sites::{AppConfig, Site};
use serde_json::json;

use crate::browser::Session;
use crate::flows::*;

/// Records every `window.open` of the current page with whether a click is being dispatched at
/// that moment (`window.event`, the event whose listeners are running: set only during the
/// dispatch, never after an `await` on a promise another task settles), and, as a second
/// witness, whether the click's task is still the current one (a capture listener marks it, a
/// zero timeout unmarks it).
const WATCH_WINDOW_OPEN: &str = "window.opened = []; let clickTask = false; \
    window.addEventListener('click', () => { clickTask = true; \
      setTimeout(() => { clickTask = false; }, 0); }, true); \
    const open = window.open; \
    window.open = function (...args) { \
      const inClick = clickTask && !!window.event && window.event.type === 'click'; \
      window.opened.push({ inClick, url: String(args[0]) }); return open.apply(this, args); };";

/// Watches `window.open` on the current page, clicks `css` and returns what was opened.
async fn opened_by_click(
    session: &Session,
    css: &str,
    known: &[&fantoccini::wd::WindowHandle],
) -> serde_json::Value {
    session.element(css).await;
    session
        .client
        .execute(WATCH_WINDOW_OPEN, vec![])
        .await
        .expect("the watch");
    session.click(css).await;
    session.wait_for_new_window(known).await;
    session
        .client
        .execute("return window.opened;", vec![])
        .await
        .expect("what was opened")
}

#[tokio::test]
async fn the_sign_in_window_opens_inside_the_click() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let app_window = session.client.window().await.expect("the app window");
    let opened = opened_by_click(&session, "#sign-in-button", &[&app_window]).await;
    assert_eq!(opened.as_array().map(Vec::len), Some(1), "{opened}");
    assert_eq!(opened[0]["inClick"], json!(true), "{opened}");
    let login = session.url(Site::Login, "/");
    assert!(
        opened[0]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with(&login)),
        "{opened}"
    );

    // The probe tells a late window from one opened in the click: a handler that opens its
    // window a task later, or once a fetch has answered, is recorded as such (and Chromium still
    // lets it open). Not WebCrypto: Chromium settles a small digest within the click's dispatch.
    let late = [
        "setTimeout(() => window.open('about:blank', 'late'), 0);",
        "fetch('config.json', { cache: 'no-store' }).then(() => window.open('about:blank', 'after-fetch'));",
    ];
    for (index, script) in late.into_iter().enumerate() {
        let windows = session.client.windows().await.expect("windows");
        super::click_a_button_that_runs(&session, script, "").await;
        session
            .wait_for_new_window(&windows.iter().collect::<Vec<_>>())
            .await;
        let opened = session
            .client
            .execute("return window.opened;", vec![])
            .await
            .expect("what was opened");
        assert_eq!(
            opened[index + 1]["inClick"],
            json!(false),
            "{script}: {opened}"
        );
        session.switch_to(&app_window).await;
        session
            .client
            .execute("document.getElementById('attack-button').remove()", vec![])
            .await
            .expect("the button goes");
    }
    session.finish().await;
}

#[tokio::test]
async fn the_relay_window_opens_inside_the_click_in_an_iframe() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = embedded_registrar(&session).await;
    let opened = opened_by_click(&session, "#sign-in-button", &[&dashboard]).await;
    assert_eq!(opened.as_array().map(Vec::len), Some(1), "{opened}");
    assert_eq!(opened[0]["inClick"], json!(true), "{opened}");
    assert!(
        opened[0]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("relay.html#")),
        "{opened}"
    );
    session.finish().await;
}
