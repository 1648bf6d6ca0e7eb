//! Signing in from the app's first screen through the sandbox tenant's sign-in and consent pages,
//! back to the app's redirect page, and on to "who signed in".

use sandbox_tenant::sites::{AppConfig, Site};
use sandbox_tenant::tenant::seed;

use crate::browser::Session;
use crate::flows::*;

#[tokio::test]
async fn a_global_admin_signs_in_through_a_popup_and_sees_the_tenant_and_their_roles() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;

    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;

    let tenant_id = session.text_of("#signed-in #tenant-id").await;
    assert_eq!(tenant_id, seed::TENANT_ID);
    // The seeded name carries markup: it must show as text, not as HTML.
    assert_eq!(
        session.text_of("#tenant-name").await,
        seed::TENANT_DISPLAY_NAME
    );
    assert!(session.text_of("#user").await.contains(seed::GLOBAL_ADMIN));
    assert!(
        session
            .text_of("#roles")
            .await
            .contains("Global Administrator")
    );
    assert!(
        session
            .text_of("#ability")
            .await
            .contains("You can complete the registration")
    );
    assert_nothing_left_behind(&session).await;
    session.finish().await;
}

#[tokio::test]
async fn an_application_administrator_is_told_who_must_grant_consent() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;

    sign_in_in_popup(&session, seed::APPLICATION_ADMIN, &["#accept"]).await;

    let ability = session.text_of("#signed-in #ability").await;
    assert!(ability.contains("Global Administrator"), "{ability}");
    assert!(
        ability.contains("Privileged Role Administrator"),
        "{ability}"
    );
    assert!(
        session
            .text_of("#roles")
            .await
            .contains("Application Administrator")
    );
    session.finish().await;
}

#[tokio::test]
async fn declining_consent_says_so_and_lets_the_admin_try_again() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;

    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#decline"]).await;

    let error = sign_in_failure(&session).await;
    assert!(
        error.to_lowercase().contains("declined") || error.to_lowercase().contains("cancel"),
        "{error}"
    );
    session.finish().await;
}

#[tokio::test]
async fn an_app_window_opened_by_a_dashboard_signs_in_and_keeps_its_link_to_the_dashboard() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let (dashboard, app_window) = open_registrar_window(&session).await;

    // The sign-in happens in a third window; the app window never leaves its page.
    session.click("#sign-in-button").await;
    let popup = session
        .wait_for_new_window(&[&dashboard, &app_window])
        .await;
    session.switch_to(&popup).await;
    choose_admin_and_accept(&session).await;
    session.switch_to(&app_window).await;

    assert_signed_in_to_the_sandbox(&session).await;
    session.assert_no_console_errors().await;
    assert_still_linked_to_the_dashboard(&session, &dashboard).await;
    session.finish().await;
}

#[tokio::test]
async fn a_personal_microsoft_account_is_told_to_use_a_work_account() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;

    sign_in_in_popup(&session, seed::PERSONAL_ACCOUNT, &[]).await;

    let error = sign_in_failure(&session).await;
    assert!(error.contains("work"), "asks for a work account: {error}");
    assert!(!session.shows("#signed-in").await, "nobody is signed in");
    session.assert_no_stored_state().await;
    session.finish().await;
}

#[tokio::test]
async fn a_blocked_sign_in_window_is_offered_as_a_new_tab_and_starting_again_opens_the_window() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    click_sign_in_without_a_gesture(&session).await;

    let said = session.text_of("#sign-in-blocked .message").await;
    assert!(said.contains("blocked the sign-in window"), "{said}");
    assert!(said.contains("new tab"), "offers a new tab: {said}");
    assert!(
        said.contains("allow pop-ups"),
        "says how to allow it: {said}"
    );
    assert_eq!(
        session.client.windows().await.expect("windows").len(),
        1,
        "no window opened"
    );
    // A real click on "Start sign-in again" now opens the sign-in window.
    let app_window = session.client.window().await.expect("the app window");
    session.click("#sign-in-restart").await;
    session.wait_for_new_window(&[&app_window]).await;
    session.finish().await;
}

#[tokio::test]
async fn a_blocked_relay_window_in_the_iframe_says_how_to_allow_it_and_offers_to_try_again() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = embedded_registrar(&session).await;
    click_sign_in_without_a_gesture(&session).await;

    // A new tab's answer could not reach a frame in another site's storage partition: no link.
    let error = sign_in_failure(&session).await;
    assert!(error.contains("blocked the sign-in window"), "{error}");
    assert!(error.contains("Allow pop-ups"), "{error}");
    assert!(!session.shows("#sign-in-new-tab").await);
    assert_eq!(
        session.client.windows().await.expect("windows").len(),
        1,
        "no window opened"
    );
    session.click("#sign-in-error #sign-in-retry").await;
    session.wait_for_new_window(&[&dashboard]).await;
    session.finish().await;
}

/// Inside a cross-site iframe of the dashboard: the app opens a same-origin relay window, the
/// relay opens the sign-in window, and the response comes back through the relay. With storage
/// partitioning on, as here, a design that listens in the iframe itself never hears it.
#[tokio::test]
async fn an_app_in_a_cross_site_iframe_signs_in_through_the_relay_window() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = sign_in_in_embedded_registrar(&session).await;
    session.assert_no_stored_state().await;
    session.assert_no_console_errors().await;
    session.assert_no_first_party_state(&dashboard).await;
    session.finish().await;
}

#[tokio::test]
async fn closing_the_relay_window_in_the_iframe_says_so_and_a_new_start_works() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = embedded_registrar(&session).await;
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    session.switch_to(&relay).await;
    assert_relay_says_whose_it_is_and_where_it_goes(&session).await;
    session.close_window().await;
    session.switch_to(&dashboard).await;
    enter_registrar_frame(&session).await;

    let error = sign_in_failure(&session).await;
    assert!(error.contains("closed before you finished"), "{error}");
    session.click("#sign-in-error #sign-in-retry").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    let sign_in = continue_in_relay(&session, &relay, &[&dashboard]).await;
    finish_relay_sign_in(&session, &sign_in, &dashboard).await;
    session.finish().await;
}

/// In the relay window (the current one), which is on the app's domain, not Microsoft's: it
/// names the app (config.json's `appDisplayName`, "Sandbox Backup" in the sandbox), the sign-in
/// host it opens (its origin only, no state) and what to click, and it runs under its own strict
/// Content-Security-Policy without a refusal in the console.
async fn assert_relay_says_whose_it_is_and_where_it_goes(session: &Session) {
    let sign_in_host = session.url(Site::Login, "");
    let mut title = String::new();
    for _ in 0..50 {
        title = session.text_of("#title").await;
        if title.contains("Sandbox Backup") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        title,
        "Sign in to Microsoft 365 for \u{201c}Sandbox Backup\u{201d}"
    );
    let about = session.text_of("#about").await;
    assert!(about.contains("\u{201c}Sandbox Backup\u{201d}"), "{about}");
    assert!(
        about.contains(&format!("Microsoft's sign-in page at {sign_in_host} ")),
        "{about}"
    );
    let status = session.text_of("#status").await;
    assert!(
        status.contains("Click \u{201c}Continue to Microsoft sign-in\u{201d}"),
        "{status}"
    );
    let page = session.page_text().await;
    assert!(
        !page.contains("state=") && !page.contains("/oauth2/"),
        "only the sign-in host's origin is shown: {page}"
    );
    session.assert_no_console_errors().await;
}

#[tokio::test]
async fn starting_again_while_a_relay_is_open_replaces_it() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = embedded_registrar(&session).await;
    session.click("#sign-in-button").await;
    let first_relay = session.wait_for_new_window(&[&dashboard]).await;
    session.switch_to(&dashboard).await;
    enter_registrar_frame(&session).await;

    session.click("#sign-in-restart").await;
    let relay = session
        .wait_for_new_window(&[&dashboard, &first_relay])
        .await;
    let windows = session.client.windows().await.expect("windows");
    assert!(
        !windows.contains(&first_relay),
        "the first relay window was closed"
    );
    let sign_in = continue_in_relay(&session, &relay, &[&dashboard]).await;
    finish_relay_sign_in(&session, &sign_in, &dashboard).await;
    session.finish().await;
}

#[tokio::test]
async fn the_relay_forwards_only_the_answer_to_its_own_sign_in() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = embedded_registrar(&session).await;
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    let sign_in = continue_in_relay(&session, &relay, &[&dashboard]).await;

    // Any page can open our redirect page with made-up parameters; it broadcasts them.
    session
        .open_tab(Site::App, "/redirect.html#code=stolen&state=not-yours")
        .await;
    // The redirect page has broadcast; a relay that forwarded it would close itself at once.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let windows = session.client.windows().await.expect("windows");
    assert!(
        windows.contains(&relay),
        "the relay ignored the forged answer and is still open"
    );
    session.close_window().await;

    finish_relay_sign_in(&session, &sign_in, &dashboard).await;
    session.finish().await;
}

#[tokio::test]
async fn graph_throttling_while_reading_who_signed_in_is_waited_out_not_a_failed_sign_in() {
    // Graph answers 429 to `/me` (a part of the sign-in's `$batch`) once, asking for 2 s.
    let session = Session::open_app(Session::faults("429(retry-after=2)@GET /me#1")).await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;

    assert_signed_in_to_the_sandbox(&session).await;
    assert!(
        !session.shows("#sign-in-error").await,
        "no failure was shown on the way"
    );
    let calls = sandbox_tenant::tenant::inspect::snapshot(&session.sites.tenant)["calls"].clone();
    let me_calls = calls
        .as_array()
        .map(|calls| calls.iter().filter(|c| c["path"] == "/me").count())
        .unwrap_or_default();
    assert_eq!(me_calls, 2, "throttled once, then asked again: {calls}");
    session.finish().await;
}

#[tokio::test]
async fn a_signed_in_admin_can_sign_in_again_with_another_account() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    sign_in_in_popup(&session, seed::APPLICATION_ADMIN, &["#accept"]).await;
    assert!(
        session
            .text_of("#roles")
            .await
            .contains("Application Administrator")
    );

    let app_window = session.client.window().await.expect("the app window");
    session.click("#sign-in-again").await;
    let popup = session.wait_for_new_window(&[&app_window]).await;
    session.switch_to(&popup).await;
    choose_admin_and_accept(&session).await;
    session.wait_until_window_closes().await;
    session.switch_to(&app_window).await;

    let roles = session.text_of("#signed-in #roles").await;
    assert!(roles.contains("Global Administrator"), "{roles}");
    assert!(
        session
            .text_of("#plan")
            .await
            .contains("Create the app registration")
    );
    session.finish().await;
}
