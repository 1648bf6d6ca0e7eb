//! A page that knows the sign-in window's name (`m365-registrar-sign-in`, in the source) and is
//! as close to it as can be, the dashboard that opened the registrar's window, targets it with
//! `window.open(…, name)` to put its own page in its place. Microsoft's sign-in page severs the
//! window from its openers (Cross-Origin-Opener-Policy; the sandbox sends it as Entra does), so
//! the name finds nothing: the stranger gets a window of its own, and the sign-in goes on.

use sandbox_tenant::sites::{Site, Sites};
use serde_json::json;

use super::click_a_button_that_runs;
use crate::browser::Session;
use crate::flows::*;

#[tokio::test]
async fn a_page_that_targets_the_sign_in_window_by_name_gets_a_window_of_its_own() {
    let session = Session::with_lookalikes().await;
    session.visit(&session.url(Site::Dashboard, "/")).await;
    let (dashboard, registrar) = open_registrar_window(&session).await;
    session.click("#sign-in-button").await;
    let sign_in = session.wait_for_new_window(&[&dashboard, &registrar]).await;
    session.switch_to(&sign_in).await;
    session.element("button[data-upn]").await;

    session.switch_to(&dashboard).await;
    let phishing = Sites::hostile_page_url(&session.lookalike_origins()[0], &json!({}));
    click_a_button_that_runs(
        &session,
        "window.open(arg, 'm365-registrar-sign-in', 'popup');",
        &phishing,
    )
    .await;
    let theirs = session
        .wait_for_new_window(&[&dashboard, &registrar, &sign_in])
        .await;
    session.switch_to(&theirs).await;
    session.element("body[data-ready='1']").await;

    session.switch_to(&sign_in).await;
    let still = session.client.current_url().await.expect("url");
    assert!(
        still.as_str().starts_with(&session.url(Site::Login, "/")),
        "the sign-in window shows the sign-in page still: {still}"
    );
    choose_admin_and_accept(&session).await;
    session.switch_to(&registrar).await;
    assert_signed_in_to_the_sandbox(&session).await;
    session.finish().await;
}
