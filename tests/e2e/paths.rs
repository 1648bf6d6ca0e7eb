//! The paths other than connect, as an admin walks them: do it by hand (no sign-in), check an
//! existing app and repair it, rotate an app's credentials, disconnect an app. Against the
//! sandbox, whose tenant and user names are hostile on purpose.

use registrar_core::config;
use registrar_core::registration::unique_name;
use sandbox_tenant::sites::{AppConfig, Site, sandbox_app_config};
use sandbox_tenant::tenant::seed;
use serde_json::Value;

use crate::a11y::step;
use crate::browser::Session;
use crate::flows::*;

/// Opens "Something else" on the welcome screen and clicks `path`'s button; for a path that
/// signs in, finishes the sign-in as the Global Administrator (consent given before: none asked).
async fn choose_path(session: &Session, path: &str, consent: &[&str]) {
    session.click("#welcome-other-paths summary").await;
    if path == "#path-manual" {
        session.click(path).await;
        return;
    }
    let app_window = session.client.window().await.expect("the app window");
    session.click(path).await;
    let popup = session.wait_for_new_window(&[&app_window]).await;
    session.switch_to(&popup).await;
    session
        .click(&format!("button[data-upn=\"{}\"]", seed::GLOBAL_ADMIN))
        .await;
    for css in consent {
        session.click(css).await;
    }
    session.wait_until_window_closes().await;
    session.switch_to(&app_window).await;
}

/// Registers the app through the connect path and returns its client id and secret.
async fn register(session: &Session) -> (String, String) {
    sign_in_in_popup(session, seed::GLOBAL_ADMIN, &["#accept"]).await;
    session.click("#confirm-registration").await;
    let verified = session.text_of("#result-verified").await;
    assert!(verified.contains("matches the plan"), "{verified}");
    let client_id = session.text_of("#result-client-id").await;
    let secret = shown_secret(session).await;
    (client_id, secret)
}

/// Whether `secret` still gets the app a Graph token in the sandbox tenant.
fn secret_works(session: &Session, client_id: &str, secret: &str) -> bool {
    session
        .sites
        .tenant
        .client_secret_token(client_id, secret, "https://graph.microsoft.com/.default")
        .is_ok()
}

/// From the vendor's dashboard (`acknowledge`: or one that never acknowledges), rotates the
/// app `client_id` this page registered, up to the confirmed plan.
async fn rotate_in_dashboard(session: &Session, client_id: &str, acknowledge: bool) {
    session
        .client
        .goto(&session.url(Site::Dashboard, "/"))
        .await
        .expect("the dashboard");
    if !acknowledge {
        session.click("#no-ack").await;
    }
    let dashboard = embedded_registrar(session).await;
    session.click("#welcome-other-paths summary").await;
    session.click("#path-maintain").await;
    sign_in_again_through_relay(session, &dashboard).await;
    session.click(&format!("#rotate-{client_id}")).await;
    session.click("#confirm-registration").await;
}

/// Types `text` into the input `css`.
async fn type_into(session: &Session, css: &str, text: &str) {
    let input = session.element(css).await;
    input.clear().await.expect("clear");
    input.send_keys(text).await.expect("type");
}

fn app_config() -> config::Config {
    config::parse(&sandbox_app_config(8400)).expect("the sandbox's configuration")
}

/// The change record the page offers: a text file without secrets.
async fn change_record(session: &Session, secrets: &[&str]) -> String {
    let record = downloaded_text(session, "#record-download").await;
    for secret in secrets {
        assert!(
            !record.contains(secret),
            "no secret in the record: {record}"
        );
    }
    assert!(!record.contains("BEGIN"), "no key in the record: {record}");
    record
}

#[tokio::test]
async fn by_hand_the_admin_gets_portal_steps_and_a_manifest_and_nothing_signs_in() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    choose_path(&session, "#path-manual", &[]).await;

    let steps = session.text_of("#manual-steps").await;
    step(&session, "20-manual").await;
    assert!(steps.contains("Sandbox Backup"), "{steps}");
    assert!(steps.contains("Mail.ReadWrite"), "{steps}");
    assert!(steps.contains("Grant admin consent"), "{steps}");
    let manifest: Value = serde_json::from_str(&session.text_of("#manual-manifest").await)
        .expect("the manifest fragment is JSON");
    let graph = manifest
        .as_array()
        .and_then(|resources| {
            resources
                .iter()
                .find(|r| r["resourceAppId"] == "00000003-0000-0000-c000-000000000000")
        })
        .expect("Microsoft Graph's entry");
    assert!(
        graph["resourceAccess"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    assert!(session.shows("#manual-check").await, "offers to check it");
    assert_eq!(
        session.client.windows().await.expect("windows").len(),
        1,
        "no sign-in window"
    );
    assert!(
        session
            .sites
            .tenant
            .apps_by_display_name("Sandbox Backup")
            .is_empty(),
        "nothing written"
    );
    // Done by hand: "Sign in and check it" signs in (inside the click) and asks which app.
    let app_window = session.client.window().await.expect("the app window");
    session.click("#manual-check").await;
    let popup = session.wait_for_new_window(&[&app_window]).await;
    session.switch_to(&popup).await;
    session
        .click(&format!("button[data-upn=\"{}\"]", seed::GLOBAL_ADMIN))
        .await;
    session.click("#accept").await;
    session.wait_until_window_closes().await;
    session.switch_to(&app_window).await;
    session.element("#check-app-id").await;
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn a_revoked_consent_is_found_by_the_check_and_repaired() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let (client_id, _) = register(&session).await;
    // Someone revoked one application permission by hand in the Entra admin center.
    {
        let tenant = &session.sites.tenant;
        let mut state = tenant.lock();
        let principal = state
            .sp_by_app_id(&client_id)
            .and_then(|sp| sp.get("id").and_then(Value::as_str).map(str::to_owned))
            .expect("the app's service principal");
        let at = state
            .app_role_assignments
            .iter()
            .position(|a| a.get("principalId").and_then(Value::as_str) == Some(&principal))
            .expect("an application permission");
        state.app_role_assignments.remove(at);
    }

    session.client.refresh().await.expect("reload");
    choose_path(&session, "#path-check", &[]).await;
    session.element("#check-app-id").await;
    step(&session, "30-check").await;
    type_into(&session, "#check-app-id", &client_id).await;
    session.click("#check-run").await;
    let findings = session.text_of("#check-findings").await;
    assert!(findings.contains("Repair"), "{findings}");
    step(&session, "31-checked").await;

    session.click("#check-repair").await;
    let plan = session.text_of("#plan").await;
    assert!(plan.contains(&client_id), "repairs that app: {plan}");
    step(&session, "32-repair-plan").await;
    session.click("#confirm-registration").await;
    let verified = session.text_of("#result-verified").await;
    assert!(verified.contains("matches the plan"), "{verified}");
    let record = change_record(&session, &[]).await;
    assert!(record.contains(&client_id), "{record}");

    // Checked again: clean.
    session.client.refresh().await.expect("reload");
    choose_path(&session, "#path-check", &[]).await;
    type_into(&session, "#check-app-id", &client_id).await;
    session.click("#check-run").await;
    let clean = session.text_of("#check-clean").await;
    assert!(clean.contains("Nothing is missing"), "{clean}");
    session.finish().await;
}

#[tokio::test]
async fn rotating_keeps_the_old_secret_until_the_backup_product_has_the_new_one() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let (client_id, old_secret) = register(&session).await;

    session.client.refresh().await.expect("reload");
    choose_path(&session, "#path-maintain", &[]).await;
    let apps = session.text_of("#maintain-apps").await;
    assert!(apps.contains(&client_id), "{apps}");
    step(&session, "40-maintain").await;
    session.click(&format!("#rotate-{client_id}")).await;
    session.click("#confirm-registration").await;
    let verified = session.text_of("#result-verified").await;
    assert!(verified.contains("matches the plan"), "{verified}");
    let new_secret = shown_secret(&session).await;
    assert_ne!(new_secret, old_secret, "a new secret");
    assert!(
        secret_works(&session, &client_id, &old_secret),
        "the old secret still works until the backup product has the new one"
    );
    assert!(
        secret_works(&session, &client_id, &new_secret),
        "the new one works"
    );

    session.element("#rotate-retire").await;
    step(&session, "41-rotated").await;
    session.click("#rotate-retire-old").await;
    let retired = session.text_of("#retired-words").await;
    assert!(
        retired.contains("Removed the old client secret"),
        "{retired}"
    );
    step(&session, "42-retired").await;
    assert!(
        !secret_works(&session, &client_id, &old_secret),
        "the old secret is gone"
    );
    assert!(
        secret_works(&session, &client_id, &new_secret),
        "the new one stays"
    );
    change_record(&session, &[&old_secret, &new_secret]).await;
    session.finish().await;
}

#[tokio::test]
async fn disconnecting_asks_for_the_app_s_name_then_removes_app_and_principal() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let (client_id, secret) = register(&session).await;
    let config = app_config();
    let tenant = session.sites.tenant.clone();

    session.client.refresh().await.expect("reload");
    choose_path(&session, "#path-maintain", &[]).await;
    session.click(&format!("#disconnect-{client_id}")).await;
    let words = session.text_of("#disconnect").await;
    assert!(words.contains("30 days"), "{words}");
    step(&session, "50-disconnect").await;
    type_into(&session, "#disconnect-name", "Some Other App").await;
    session.click("#disconnect-confirm").await;
    let problem = session.text_of("#disconnect-problem").await;
    assert!(!problem.is_empty(), "a wrong name is refused");
    assert_eq!(
        tenant
            .apps_by_unique_name(&unique_name(&config.client_id, &config.app_display_name))
            .len(),
        1,
        "nothing deleted yet"
    );

    type_into(&session, "#disconnect-name", &config.app_display_name).await;
    session.click("#disconnect-confirm").await;
    let gone = session.text_of("#disconnected-words").await;
    assert!(gone.contains("restored"), "{gone}");
    step(&session, "51-disconnected").await;
    assert!(
        tenant
            .apps_by_unique_name(&unique_name(&config.client_id, &config.app_display_name))
            .is_empty(),
        "the app is gone"
    );
    assert!(tenant.consent_of(&client_id).is_none(), "its principal too");
    change_record(&session, &[&secret]).await;
    session.finish().await;
}

#[tokio::test]
async fn the_plan_counts_what_the_backup_will_see_and_names_from_the_tenant_stay_text() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;
    let preview = session.text_of("#tenant-preview").await;
    for counted in ["Users", "Groups", "Mailboxes", "SharePoint sites"] {
        assert!(preview.contains(counted), "{preview}");
    }
    let users = session.text_of("#tenant-preview [data-count=users]").await;
    assert!(
        users.parse::<u64>().is_ok_and(|n| n > 0),
        "the users are counted: {users}"
    );
    // The tenant's name holds markup, shown as text and isolated from the words around it.
    let name = session.element("#tenant-name").await;
    assert_eq!(
        name.tag_name().await.expect("its tag").to_lowercase(),
        "bdi"
    );
    assert_eq!(
        name.text().await.expect("its text"),
        seed::TENANT_DISPLAY_NAME
    );
    assert!(
        name.find(fantoccini::Locator::Css("*")).await.is_err(),
        "no element inside the name"
    );
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn in_a_dashboard_a_rotation_removes_the_old_secret_only_after_the_acknowledgement() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let (client_id, old_secret) = register(&session).await;
    let tenant = session.sites.tenant.clone();
    let config = app_config();
    let made_here = unique_name(&config.client_id, &config.app_display_name);

    // The vendor's dashboard embeds the registrar again, for the rotation.
    rotate_in_dashboard(&session, &client_id, true).await;

    // The dashboard stores the new credentials, proves them, acknowledges; only then does the
    // registrar remove the old secret.
    let retired = session.text_of("#retired-words").await;
    assert!(
        retired.contains("Removed the old client secret"),
        "{retired}"
    );
    assert!(
        !secret_works(&session, &client_id, &old_secret),
        "the old secret is gone"
    );
    let apps = tenant.apps_by_unique_name(&made_here);
    assert_eq!(apps.len(), 1, "the same app");
    assert_eq!(apps[0].secret_key_ids.len(), 1, "only the new secret");
    session
        .client
        .enter_parent_frame()
        .await
        .expect("back to the dashboard");
    assert_eq!(session.text_of("#check-secret").await, "accepted");
    session.finish().await;
}

#[tokio::test]
async fn on_the_plan_the_admin_may_choose_another_profile_the_configuration_allows() {
    let port = crate::browser::free_port();
    let mut config: Value =
        serde_json::from_str(&sandbox_app_config(port)).expect("the sandbox configuration");
    config["allowedProfiles"] = serde_json::json!(["read-only"]);
    let options = sandbox_tenant::sites::SitesOptions {
        port,
        ..Session::options(AppConfig::Literal(config.to_string()))
    };
    let session = Session::start_with(options).await;
    session
        .client
        .goto(&session.url(Site::App, "/"))
        .await
        .expect("the app");
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;
    let offered = session.text_of("#plan-profiles").await;
    assert!(offered.contains("Full Microsoft 365 backup"), "{offered}");
    session.click("#plan-profile-read-only").await;
    // Planned again with the other profile, which offers the file's own back: Mail.Read, not
    // Mail.ReadWrite.
    session.element("#plan-profile-full-backup").await;
    let permissions = session.text_of("#plan-permissions").await;
    assert!(permissions.contains("Mail.Read"), "{permissions}");
    assert!(!permissions.contains("Mail.ReadWrite"), "{permissions}");
    session.click("#confirm-registration").await;
    let granted = session.text_of("#result-granted").await;
    assert!(granted.contains("Mail.Read ("), "{granted}");
    assert!(!granted.contains("Mail.ReadWrite"), "{granted}");
    session.finish().await;
}

#[tokio::test]
async fn in_a_dashboard_that_never_acknowledges_the_old_secret_stays_and_no_button_removes_it() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let (client_id, old_secret) = register(&session).await;

    rotate_in_dashboard(&session, &client_id, false).await;

    // The result says the old ones go on the dashboard's acknowledgement, and offers no
    // button to remove them before it: the old secret keeps working.
    let waiting = session.text_of("#rotate-awaiting").await;
    assert!(waiting.contains("confirms"), "{waiting}");
    assert!(
        !session.shows("#rotate-retire-old").await,
        "no early removal"
    );
    assert!(
        secret_works(&session, &client_id, &old_secret),
        "the old secret still works without the acknowledgement"
    );
    session.finish().await;
}
