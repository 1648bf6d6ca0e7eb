//! The registration as an admin lives it: sign in, read the plan, confirm, watch the progress,
//! get the verified result. Against the sandbox with replication delay on, as in a real tenant
//! (every test's tenant replicates slowly: `browser::ALWAYS`), so the run must wait and retry,
//! never create twice.

use registrar_core::catalog::PermissionKind;
use registrar_core::config;
use registrar_core::registration::unique_name;
use sandbox_tenant::sites::{AppConfig, Site, sandbox_app_config};
use sandbox_tenant::tenant::seed;

use crate::browser::Session;
use crate::flows::*;

/// After the sign-in: the plan, confirmed, then the verified result. Returns the client id
/// and the secret the page shows.
async fn confirm_plan_and_wait_for_the_result(session: &Session) -> (String, String) {
    let plan = session.text_of("#plan").await;
    assert!(plan.contains("Create the app registration"), "{plan}");
    assert!(plan.contains("Mail.ReadWrite"), "{plan}");
    assert!(
        plan.contains("Nothing is written until you confirm"),
        "{plan}"
    );
    session.click("#confirm-registration").await;
    let verified = session.text_of("#result #result-verified").await;
    assert!(verified.contains("matches the plan"), "{verified}");
    let progress = session.text_of("#progress-summary").await;
    assert!(progress.contains("round trips"), "{progress}");
    let client_id = session.text_of("#result-client-id").await;
    let secret = shown_secret(session).await;
    assert!(!secret.is_empty(), "the secret is shown once");
    (client_id, secret)
}

/// The tenant holds exactly one app of this deployment, its service principal holds exactly
/// the configured application permissions, it has `secrets` secrets, and the secret the page
/// showed gets a token.
fn assert_registered_once(session: &Session, client_id: &str, secret: &str, secrets: usize) {
    let config = config::parse(&sandbox_app_config(session.sites.port)).expect("sandbox config");
    let tenant = &session.sites.tenant;
    let apps =
        tenant.apps_by_unique_name(&unique_name(&config.client_id, &config.app_display_name));
    assert_eq!(apps.len(), 1, "exactly one app: {apps:?}");
    assert_eq!(apps[0].app_id, client_id);
    // A second app made without the key would carry the same display name.
    let named = tenant.apps_by_display_name(&config.app_display_name);
    assert_eq!(named.len(), 1, "no other app of that name: {named:?}");
    assert_eq!(apps[0].secret_key_ids.len(), secrets, "{secrets} secret(s)");
    let consent = tenant.consent_of(client_id).expect("a service principal");
    let mut held: Vec<(String, String)> = consent
        .app_roles
        .iter()
        .map(|r| (r.resource_app_id.clone(), r.value.clone()))
        .collect();
    held.sort();
    let mut planned: Vec<(String, String)> = config
        .requested_permissions()
        .iter()
        .filter(|p| p.kind == PermissionKind::Application)
        .map(|p| (p.resource.app_id().to_owned(), p.value.clone()))
        .collect();
    planned.sort();
    assert_eq!(held, planned, "exactly the planned application permissions");
    let roles = tenant
        .client_secret_token(client_id, secret, "https://graph.microsoft.com/.default")
        .expect("the secret gets a token");
    assert!(roles.iter().any(|r| r == "Mail.ReadWrite"), "{roles:?}");
}

#[tokio::test]
async fn a_global_admin_registers_the_app_from_a_standalone_page() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;

    let (client_id, secret) = confirm_plan_and_wait_for_the_result(&session).await;

    assert_eq!(session.text_of("#result-tenant-id").await, seed::TENANT_ID);
    assert_registered_once(&session, &client_id, &secret, 1);
    assert_nothing_left_behind(&session).await;
    session.finish().await;
}

#[tokio::test]
async fn a_registrar_in_a_cross_site_iframe_registers_the_app() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    // Unsealed and never acknowledged, so the registrar keeps showing the secret.
    choose_seal(&session, "none").await;
    session.click("#no-ack").await;
    sign_in_in_embedded_registrar(&session).await;

    let (client_id, secret) = confirm_plan_and_wait_for_the_result(&session).await;

    assert_registered_once(&session, &client_id, &secret, 1);
    session.assert_no_stored_state().await;
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn running_again_finds_the_app_and_creates_nothing_twice() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;
    let (first_client_id, _) = confirm_plan_and_wait_for_the_result(&session).await;

    // A reload: the page forgets everything; the tenant keeps the app.
    session.client.refresh().await.expect("reload");
    // Consent was given the first time: Microsoft does not ask again.
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &[]).await;
    let plan = session.text_of("#plan").await;
    assert!(plan.contains("Update the app registration"), "{plan}");
    assert!(plan.contains(&first_client_id), "{plan}");
    session.click("#confirm-registration").await;
    let verified = session.text_of("#result #result-verified").await;
    assert!(verified.contains("matches the plan"), "{verified}");
    let client_id = session.text_of("#result-client-id").await;
    assert_eq!(client_id, first_client_id, "the same app");
    let secret = shown_secret(&session).await;
    // The first run's secret was verified, so a backup server may use it: kept.
    assert_registered_once(&session, &client_id, &secret, 2);
    session.finish().await;
}

#[tokio::test]
async fn an_application_administrator_is_stopped_clearly_and_told_who_can_finish() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    sign_in_in_popup(&session, seed::APPLICATION_ADMIN, &["#accept"]).await;
    session.click("#confirm-registration").await;
    let stopped = session.text_of("#registration-stopped").await;
    assert!(stopped.contains("Global Administrator"), "{stopped}");
    assert!(
        session
            .shows("#registration-stopped #registration-retry")
            .await,
        "offers to run it again"
    );
    session.finish().await;
}
