//! The connect path, screen by screen, as the admin sees it: each screen passes axe-core's
//! WCAG 2.x A/AA rules (tests/e2e/a11y.rs) and, on demand, is photographed at 360 and 1280 px
//! into docs/screenshots/ (issue #10):
//!
//! ```sh
//! SCREENSHOTS=1 cargo test --offline -p m365-registrar --test e2e -- --test-threads=1 walkthrough
//! ```
//!
//! The tenant is slow where the path has a screen worth looking at (reading the tenant, creating
//! the app), so each screen stays long enough to be checked as it is.

use std::net::TcpListener;

use fantoccini::key::Key;
use sandbox_tenant::sites::Site;
use sandbox_tenant::tenant::seed;

use crate::a11y::{screenshots_wanted, step};
use crate::browser::Session;
use crate::flows::*;

/// With `SCREENSHOTS=1` the sites listen on the sandbox's usual port, so the addresses the
/// screens show are the same on every run (and as `scripts/start` shows them); otherwise on a
/// free one, as every other test.
const SCREENSHOT_PORT: u16 = 8400;

/// Presses Tab, as a keyboard user, until the element with this id has the focus; fails if it
/// never gets it.
async fn tab_to(session: &Session, id: &str) {
    for _ in 0..100 {
        let focused = session.client.active_element().await.expect("a focus");
        if focused.attr("id").await.expect("its id").as_deref() == Some(id) {
            return;
        }
        focused
            .send_keys(&String::from(char::from(Key::Tab)))
            .await
            .expect("Tab is pressed");
    }
    panic!("#{id} never got the focus from the keyboard");
}

#[tokio::test]
async fn walkthrough_the_connect_path_is_accessible_at_every_step() {
    // Reading the tenant's app management policy (while the plan is made) and creating the app
    // take seconds, as they may in a busy tenant.
    let mut options = Session::faults(
        "latency=3s@GET /policies/defaultAppManagementPolicy;latency=6s@POST /applications",
    );
    if screenshots_wanted() {
        assert!(
            TcpListener::bind(("127.0.0.1", SCREENSHOT_PORT)).is_ok(),
            "SCREENSHOTS=1 serves the sites on port {SCREENSHOT_PORT}: stop what uses it (scripts/start?)"
        );
        options.port = SCREENSHOT_PORT;
    }
    let session = Session::open_app(options).await;

    // What the registrar is, what it will do, and the button to start.
    let welcome = session.text_of("#welcome").await;
    assert!(welcome.contains("Sandbox Backup"), "{welcome}");
    session.element("#sign-in-button").await;
    step(&session, "01-welcome").await;

    // The Microsoft window is open; the registrar says to finish there.
    let app_window = session.client.window().await.expect("the app window");
    session.click("#sign-in-button").await;
    let sign_in = session.wait_for_new_window(&[&app_window]).await;
    session.switch_to(&app_window).await;
    let waiting = session.text_of("#sign-in-waiting").await;
    assert!(waiting.contains("Microsoft window"), "{waiting}");
    step(&session, "02-sign-in").await;

    // Back from Microsoft: who signed in, to which tenant, while the tenant is read.
    session.switch_to(&sign_in).await;
    choose_admin_and_accept(&session).await;
    session.wait_until_window_closes().await;
    session.switch_to(&app_window).await;
    assert_signed_in_to_the_sandbox(&session).await;
    assert!(
        !session.shows("#confirm-registration").await,
        "the plan is not made yet: {}",
        session.page_text().await
    );
    step(&session, "03-signed-in").await;

    // The plan, before anything is written.
    let plan = session.text_of("#plan").await;
    assert!(
        plan.contains("Nothing is written until you confirm"),
        "{plan}"
    );
    session.element("#confirm-registration").await;
    step(&session, "04-plan").await;

    // A keyboard user reaches "Create it" (its focus shown) and presses Enter.
    tab_to(&session, "confirm-registration").await;
    step(&session, "05-confirm").await;
    session
        .client
        .active_element()
        .await
        .expect("the focused button")
        .send_keys(&String::from(char::from(Key::Enter)))
        .await
        .expect("Enter is pressed");

    // Creating the app: the steps, and which one is running.
    session.element("#progress").await;
    step(&session, "06-progress").await;
    assert!(
        !session.shows("#result").await,
        "the progress was checked, not the result: the run ended too soon"
    );

    // Registered and verified, with what the backup server needs.
    let verified = session.text_of("#result #result-verified").await;
    assert!(verified.contains("matches the plan"), "{verified}");
    assert_eq!(session.text_of("#result-tenant-id").await, seed::TENANT_ID);
    step(&session, "07-result").await;

    assert_eq!(
        session.client.current_url().await.expect("url").as_str(),
        session.url(Site::App, "/")
    );
    session.assert_no_console_errors().await;
    session.finish().await;
}
