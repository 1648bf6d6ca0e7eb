//! The relay opens only the configured sign-in host, even for a page of its own origin.

use sandbox_tenant::sites::{Lookalike, Site};

use super::click_a_button_that_runs;
use crate::browser::Session;

#[tokio::test]
async fn the_relay_opens_only_the_configured_sign_in_host() {
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
    for authorize in [
        format!("{evil}/hostile.html?state=s"),
        format!("{other_port}/organizations/oauth2/v2.0/authorize?state=s"),
        format!(
            "http://login.localhost.evil.localhost:{}/organizations/oauth2/v2.0/authorize?state=s",
            session.sites.port
        ),
    ] {
        // Script in our origin (the threat the relay's guard is for) opens the relay.
        let fragment = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("authorize", &authorize)
            .finish();
        click_a_button_that_runs(
            &session,
            "window.open('relay.html#' + arg, 'relay', 'popup');",
            &fragment,
        )
        .await;
        let relay = session.wait_for_new_window(&[&app_window]).await;
        session.switch_to(&relay).await;
        let mut status = String::new();
        for _ in 0..100 {
            status = session.text_of("#status").await;
            if !status.starts_with("Opening") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(
            status.contains(&login),
            "{authorize}: names the only sign-in host it opens: {status}"
        );
        assert!(
            !session.shows("#continue:not([hidden])").await,
            "{authorize}: offers nothing to open: {status}"
        );
        assert_eq!(
            session.client.windows().await.expect("windows").len(),
            2,
            "{authorize}: opened nothing"
        );
        session.close_window().await;
        session.switch_to(&app_window).await;
        session.element("#attack-button").await;
        session
            .client
            .execute("document.getElementById('attack-button').remove()", vec![])
            .await
            .expect("the button goes");
    }
    session.finish().await;
}
