//! Markup and script in every string the tenant sends: its name, users' names, group and site
//! names (the sandbox seeds them hostile, `sandbox/src/tenant/seed.rs`), and app names (an app
//! renamed here, found by the check path's search; the maintenance list shows only apps this
//! page made, by the name it gave them). Each screen that shows one shows it as text: no element is made of it, no
//! script runs, nothing is fetched (an `<img src=x>` would log a failed load). Role names are
//! not the tenant's: the page names roles from their template ids (README, "Signing in").

use sandbox_tenant::sites::{AppConfig, Site};
use sandbox_tenant::tenant::seed;
use serde_json::{Value, json};

use super::assert_no_injected_elements;
use crate::browser::Session;
use crate::flows::*;

const HOSTILE_APP_NAME: &str = "<img src=x onerror=alert('app')> Backup <b>Ltd</b>";

/// Types `text` into the field `css`.
async fn type_into(session: &Session, css: &str, text: &str) {
    session
        .element(css)
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
}

/// Opens "Something else" and `path`, and signs in again as the Global Administrator (who
/// consented for everyone before: no consent page).
async fn open_path(session: &Session, path: &str) {
    session.client.refresh().await.expect("a fresh page");
    session.click("#welcome-other-paths summary").await;
    let app_window = session.client.window().await.expect("the app window");
    open_sign_in_window(session, &app_window, path).await;
    session
        .click(&format!("button[data-upn=\"{}\"]", seed::GLOBAL_ADMIN))
        .await;
    session.wait_until_window_closes().await;
    session.switch_to(&app_window).await;
}

#[tokio::test]
async fn names_from_a_hostile_tenant_stay_text_on_every_screen() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    // For the whole organisation, so that the user with a hostile name can sign in later.
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#on-behalf", "#accept"]).await;
    assert_eq!(
        session.text_of("#signed-in #tenant-name").await,
        seed::TENANT_DISPLAY_NAME
    );
    session.text_of("#tenant-preview").await;
    assert_no_injected_elements(&session, "signed in, the plan and the preview").await;
    session.click("#confirm-registration").await;
    session.element("#progress").await;
    assert_no_injected_elements(&session, "the progress").await;
    let client_id = session.text_of("#result-client-id").await;
    assert_no_injected_elements(&session, "the result").await;

    // Someone renamed the app in the Entra admin center.
    {
        let mut state = session.sites.tenant.lock();
        let app = state
            .applications
            .iter_mut()
            .find(|a| a.get("appId").and_then(Value::as_str) == Some(client_id.as_str()))
            .expect("the registered app");
        app.insert("displayName".into(), json!(HOSTILE_APP_NAME));
    }
    open_path(&session, "#path-check").await;
    type_into(&session, "#check-name", "<img").await;
    session.click("#check-find").await;
    let candidates = session.text_of("#check-candidates").await;
    assert!(candidates.contains(HOSTILE_APP_NAME), "{candidates}");
    assert_no_injected_elements(&session, "the apps found").await;
    session.click(&format!("#check-{client_id}")).await;
    assert_eq!(session.text_of("#check-app-name").await, HOSTILE_APP_NAME);
    assert_no_injected_elements(&session, "the check").await;

    // A user whose name is markup signs in.
    session.client.refresh().await.expect("a fresh page");
    sign_in_in_popup(&session, seed::HOSTILE_USER, &[]).await;
    let user = session.text_of("#signed-in #user").await;
    assert!(user.contains(seed::HOSTILE_MARKUP), "{user}");
    assert_no_injected_elements(&session, "a user named in markup").await;
    session.assert_no_console_errors().await;
    session.finish().await;
}
