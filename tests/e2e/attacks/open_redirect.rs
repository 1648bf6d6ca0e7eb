//! Open-redirect attempts: every parameter name a redirecting page might read, pointing at a
//! stranger's page, in the query and the fragment of `index.html`, `redirect.html` and
//! `relay.html`. No window ever goes there, and the sign-in still returns to the registered
//! redirect page. (The relay's `authorize` parameter is in `relay.rs`.)

use sandbox_tenant::sites::{AppConfig, Lookalike, Site};

use super::query_of_current_url;
use crate::browser::Session;
use crate::flows::*;

const NAMES: [&str; 9] = [
    "redirect",
    "redirect_uri",
    "redirectUrl",
    "returnUrl",
    "return_to",
    "next",
    "url",
    "target",
    "authorize",
];

/// `name=<evil>&…` for every name, URI-encoded.
fn parameters_to(evil: &str) -> String {
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    for name in NAMES {
        pairs.append_pair(name, evil);
    }
    pairs.finish()
}

/// Fails if any open window shows a page of `evil`'s origin; ends in `back_to`.
async fn assert_no_window_at(
    session: &Session,
    evil: &str,
    back_to: &fantoccini::wd::WindowHandle,
) {
    for window in session.client.windows().await.expect("windows") {
        session.switch_to(&window).await;
        let url = session.client.current_url().await.expect("url");
        assert!(!url.as_str().starts_with(evil), "a window went to {url}");
    }
    session.switch_to(back_to).await;
}

#[tokio::test]
async fn no_parameter_of_the_apps_pages_sends_anyone_to_another_site() {
    let session = Session::start_with(Session::options(AppConfig::Sandbox)).await;
    let evil = session
        .sites
        .lookalike_origin(Lookalike::Suffix)
        .expect("a look-alike");
    let evil_page = format!("{evil}/hostile.html");
    let parameters = parameters_to(&evil_page);

    // The app's own page, with a sign-in through it.
    let app = session.url(Site::App, &format!("/?{parameters}#{parameters}"));
    session.visit(&app).await;
    let app_window = session.client.window().await.expect("the app window");
    open_sign_in_window(&session, &app_window, "#sign-in-button").await;
    let asked = query_of_current_url(&session).await;
    assert_eq!(
        asked["redirect_uri"],
        session.url(Site::App, "/redirect.html"),
        "the sign-in returns to the registered redirect page only"
    );
    accept_as_admin_and_return(&session, &app_window).await;
    assert_no_window_at(&session, &evil, &app_window).await;

    // The redirect and relay pages, opened by a stranger's link with every parameter.
    for page in ["/redirect.html", "/relay.html"] {
        for address in [
            format!("{page}?{parameters}"),
            format!("{page}#{parameters}"),
            format!("{page}?{parameters}#error=x&state=y&{parameters}"),
        ] {
            session.open_tab(Site::App, &address).await;
            let url = session.client.current_url().await.expect("url");
            assert_eq!(
                url.as_str(),
                session.url(Site::App, page),
                "{address}: stays, and takes its parameters out of the address"
            );
            session.close_window().await;
            assert_no_window_at(&session, &evil, &app_window).await;
        }
    }
    session.finish().await;
}
