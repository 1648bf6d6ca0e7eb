//! Every way sign-in goes wrong shows the admin what happened and leaves the app ready to try
//! again.

use std::time::Duration;

use sandbox_tenant::sites::{AppConfig, Site, SitesOptions};
use sandbox_tenant::tenant::seed;

use crate::browser::Session;
use crate::flows::*;

#[tokio::test]
async fn closing_the_sign_in_window_leaves_a_way_to_start_again() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let app_window = session.client.window().await.expect("the app window");
    open_sign_in_window(&session, &app_window, "#sign-in-button").await;
    session.close_window().await;
    session.switch_to(&app_window).await;

    // Microsoft's sign-in page cuts the window's link to the app (COOP), so the app cannot see
    // it close; it says what to do instead, and starting again works.
    let waiting = session.text_of("#sign-in-waiting").await;
    assert!(waiting.contains("If you closed it"), "{waiting}");
    open_sign_in_window(&session, &app_window, "#sign-in-restart").await;
    accept_as_admin_and_return(&session, &app_window).await;
    session.finish().await;
}

#[tokio::test]
async fn a_guest_from_another_tenant_is_told_to_use_an_account_of_this_tenant() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    // A guest cannot consent; an administrator has consented for the whole organization before.
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#on-behalf", "#accept"]).await;
    session.text_of("#signed-in").await;
    session.client.refresh().await.expect("a fresh page");
    sign_in_in_popup(&session, seed::GUEST, &[]).await;

    let error = sign_in_failure(&session).await;
    assert!(error.contains("guest"), "{error}");
    assert!(!session.shows("#signed-in").await, "nobody is signed in");
    session.finish().await;
}

#[tokio::test]
async fn a_response_with_another_state_is_said_and_ignored() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let app_window = session.client.window().await.expect("the app window");
    let popup = open_sign_in_window(&session, &app_window, "#sign-in-button").await;

    // Another page of the same origin broadcasts a response that was not for this sign-in.
    session.open_tab(Site::App, "/relay.html").await;
    session
        .client
        .execute(
            "new BroadcastChannel('m365-registrar.sign-in').postMessage({type: 'm365-registrar.sign-in-response', \
             response: 'code=stolen&state=not-yours'})",
            vec![],
        )
        .await
        .expect("forges");
    session.close_window().await;

    session.switch_to(&app_window).await;
    let waiting = session.text_of("#sign-in-waiting").await;
    assert!(
        waiting.contains("Finish signing in"),
        "still waiting for its own response: {waiting}"
    );
    // The real response is still accepted.
    session.switch_to(&popup).await;
    accept_as_admin_and_return(&session, &app_window).await;
    session.finish().await;
}

#[tokio::test]
async fn a_sign_in_host_that_does_not_answer_is_named_and_sign_in_can_be_retried() {
    // The connection to the token endpoint drops once, as an unreachable host or a proxy would.
    let session = Session::open_app(Session::faults("drop@POST /*/oauth2/v2.0/token#1")).await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;

    let error = sign_in_failure(&session).await;
    let login_host = session.sites.origin(Site::Login).replace("http://", "");
    assert!(error.contains(&login_host), "names the host: {error}");
    assert!(error.contains("did not answer"), "{error}");
    // The second try goes through (consent was given: no consent page this time).
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &[]).await;
    assert_signed_in_to_the_sandbox(&session).await;
    session.finish().await;
}

#[tokio::test]
async fn a_page_whose_sign_in_window_is_blocked_signs_in_through_a_new_tab() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    click_sign_in_without_a_gesture(&session).await;
    session.element("#sign-in-new-tab").await;
    crate::a11y::assert_accessible(&session.client, "sign-in window blocked").await;

    // The page never leaves: it waits, the sign-in in memory, for the tab's answer.
    sign_in_in_new_tab(&session).await;
    assert_signed_in_to_the_sandbox(&session).await;
    assert_nothing_left_behind(&session).await;
    session.finish().await;
}

#[tokio::test]
async fn an_app_opened_by_a_dashboard_signs_in_through_a_new_tab_and_keeps_its_window() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let (dashboard, _) = open_registrar_window(&session).await;
    let opened_at = session.client.current_url().await.expect("url");
    click_sign_in_without_a_gesture(&session).await;

    sign_in_in_new_tab(&session).await;
    assert_signed_in_to_the_sandbox(&session).await;
    assert_eq!(
        session.client.current_url().await.expect("url"),
        opened_at,
        "the window the dashboard opened never left, so its link to the dashboard holds"
    );
    assert_still_linked_to_the_dashboard(&session, &dashboard).await;
    session.finish().await;
}

#[tokio::test]
async fn an_expired_code_says_the_sign_in_took_too_long() {
    // Codes live 10 minutes in Entra; here none outlives its own redemption.
    let options = SitesOptions {
        code_lifetime: Duration::ZERO,
        ..Session::options(AppConfig::Sandbox)
    };
    let session = Session::open_app(options).await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;

    let error = sign_in_failure(&session).await;
    assert!(error.contains("took too long and expired"), "{error}");
    session.finish().await;
}

/// A copy of the release build without the registration worker's module, as a host that did
/// not upload it (or serves its fallback page instead) would serve.
fn build_without_the_worker_module() -> std::path::PathBuf {
    let copy = std::env::temp_dir().join(format!("registrar-no-worker-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).expect("a temporary folder");
    for entry in std::fs::read_dir(crate::browser::dist_dir()).expect("dist") {
        let path = entry.expect("a dist entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        // Its pre-compressed copies (`.gz`, `.br`) too, which a host would send in its place.
        if path.is_file() && !name.starts_with("registration-worker_bg.wasm") {
            std::fs::copy(&path, copy.join(name)).expect("copied");
        }
    }
    copy
}

#[tokio::test]
async fn a_worker_module_that_cannot_load_is_said_and_nothing_waits_forever() {
    let session = assert_worker_module_refused(build_without_the_worker_module()).await;
    session.finish().await;
}

/// Signs in to the app served from `app_dir`, whose worker module cannot run: the page says so,
/// and nothing waits forever.
pub async fn assert_worker_module_refused(app_dir: std::path::PathBuf) -> Session {
    let session = Session::open_app(SitesOptions {
        app_dir,
        ..Session::options(AppConfig::Sandbox)
    })
    .await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;

    let error = sign_in_failure(&session).await;
    assert!(error.contains("could not be loaded"), "{error}");
    assert!(error.contains("nothing was written"), "{error}");
    session
}
