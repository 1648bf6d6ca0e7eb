//! The app loads, reads its runtime configuration, and shows either the first screen with the
//! configured values or a page that names what is wrong with the configuration.

use sandbox_tenant::sites::{AppConfig, Site, sandbox_app_config};

use crate::browser::Session;

#[tokio::test]
async fn first_screen_shows_values_from_the_configuration() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;

    let heading = session.text_of("#welcome h1").await;
    assert!(
        heading.contains("Sandbox Backup"),
        "heading names the app to create: {heading}"
    );
    let facts = session.text_of("#welcome-facts").await;
    assert!(
        facts.contains(&session.sites.origin(Site::Login)),
        "shows the sign-in host: {facts}"
    );
    assert!(
        facts.contains(&session.sites.origin(Site::Dashboard)),
        "shows the hand-off origin: {facts}"
    );
    assert!(
        facts.contains("180 days"),
        "shows the secret lifetime: {facts}"
    );
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn an_invalid_configuration_shows_each_problem_and_nothing_else() {
    // A typo in one key and an unsafe hand-off origin: both must be named.
    let broken = sandbox_app_config(8400)
        .replace("\"appDisplayName\"", "\"appDisplayNam\"")
        .replace("http://dashboard.localhost:8400", "*");
    let session = Session::open(AppConfig::Literal(broken), Site::App, "/").await;

    let page = session.text_of("#config-error").await;
    assert!(
        page.contains("appDisplayNam"),
        "names the unknown key: {page}"
    );
    assert!(
        page.contains("handoffOrigins[0]"),
        "names the unsafe origin's key: {page}"
    );
    assert!(
        session
            .client
            .find(fantoccini::Locator::Css("#welcome"))
            .await
            .is_err(),
        "no first screen"
    );
    assert!(
        session
            .client
            .find(fantoccini::Locator::Css("button"))
            .await
            .is_err(),
        "offers no action"
    );
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn a_configuration_that_is_not_json_says_where_it_breaks() {
    let session = Session::open(
        AppConfig::Literal("{\n  \"clientId\": \n}".into()),
        Site::App,
        "/",
    )
    .await;

    let page = session.text_of("#config-error").await;
    assert!(page.contains("not valid JSON"), "{page}");
    assert!(page.contains("Line 3"), "says the line: {page}");
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn a_missing_configuration_file_is_reported_with_its_address() {
    // dist/ ships only config.example.json: the host forgot config.json.
    let session = Session::open(AppConfig::FromAppDir, Site::App, "/").await;

    let page = session.text_of("#config-error").await;
    assert!(page.contains("HTTP 404"), "{page}");
    assert!(
        page.contains(&session.url(Site::App, "/config.json")),
        "names the address: {page}"
    );
    session.finish().await;
}
