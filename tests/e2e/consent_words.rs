//! What the page says when the person who signed in cannot consent to what it needs. Microsoft
//! shows such a user "Need admin approval" with no Accept button, only "Return to the
//! application without granting consent"
//! (https://learn.microsoft.com/entra/identity-platform/application-consent-experience); telling
//! them to "accept the requested permissions" would send them round in circles.

use sandbox_tenant::sites::{AppConfig, Site};
use sandbox_tenant::tenant::seed;

use crate::browser::Session;
use crate::flows::*;

#[tokio::test]
async fn a_user_who_may_not_consent_is_told_who_can_and_can_hand_over_to_them() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let app_window = session.client.window().await.expect("the app window");

    open_sign_in_window(&session, &app_window, "#sign-in-button").await;
    session
        .click(&format!("button[data-upn=\"{}\"]", seed::PLAIN_USER))
        .await;
    // Microsoft's page for this user: no way to accept, only a way back.
    let page = session.text_of("#need-admin-approval").await;
    assert_eq!(page, "Need admin approval");
    assert!(!session.shows("#accept").await, "the user cannot accept");
    session.click("#decline").await;
    session.wait_until_window_closes().await;
    session.switch_to(&app_window).await;

    let message = sign_in_failure(&session).await;
    for words in [
        "Your account cannot consent to the permissions this page needs",
        "A Global Administrator or Privileged Role Administrator must do it",
        "Send them the link to this page",
        "sign in again with such an account",
    ] {
        assert!(message.contains(words), "{words:?} not said: {message}");
    }
    assert!(
        !message.contains("accept the requested permissions"),
        "a user who cannot accept is not told to: {message}"
    );
    assert!(
        !message.contains("declined"),
        "they declined nothing: {message}"
    );

    // What the words offer works: signing in again with a Global Administrator goes through.
    open_sign_in_window(&session, &app_window, "#sign-in-error #sign-in-retry").await;
    accept_as_admin_and_return(&session, &app_window).await;
    session.finish().await;
}

#[tokio::test]
async fn an_administrator_who_declines_is_still_told_to_sign_in_again_and_accept() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;

    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#decline"]).await;

    let message = sign_in_failure(&session).await;
    assert!(
        message.contains("sign in again and accept the requested permissions"),
        "{message}"
    );
    assert!(
        !message.starts_with("Your account cannot consent"),
        "an administrator can consent: {message}"
    );
    session.finish().await;
}
