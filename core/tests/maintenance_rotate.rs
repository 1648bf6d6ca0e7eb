//! Rotating an app's credentials: phase 1 adds new ones (a registration run against the app)
//! and keeps the old ones working; phase 2, after the receiver acknowledged, removes the old.

mod common;

use common::*;
use registrar_core::graph::RetryPolicy;
use registrar_core::maintenance::{
    AppCheck, ChangePath, ChangeRecord, Confirmation, MaintenanceError, RetireOld, Rotated,
    Rotation, run as run_operation,
};
use registrar_core::registration::{Engine, Halt, Outcome};
use sandbox_tenant::tenant::seed;

/// The token endpoint accepts `secret` for the app (the backup server's client credentials).
fn secret_works(sandbox: &Sandbox, app_id: &str, secret: &str) -> bool {
    sandbox
        .tenant
        .client_secret_token(app_id, secret, "https://graph.microsoft.com/.default")
        .is_ok()
}

/// Phase 1 as the page runs it: check, start, the engine against the app, the outcome.
async fn phase_one(
    sandbox: &Sandbox,
    admin: &Admin,
    profile: &str,
    check: &AppCheck,
    confirmation: &Confirmation,
) -> (Rotated, Box<Outcome>, ChangeRecord) {
    let request = request(profile, admin, 7);
    let rotation = Rotation::start(check, &request, confirmation).expect("a rotation");
    let mut engine = Engine::new(rotation.request(request), GRAPH, RetryPolicy::default(), 8);
    let halt = run(sandbox, admin, &mut engine).await;
    let Halt::Finished(outcome) = halt else {
        panic!("phase 1 did not finish: {halt:?}");
    };
    let plan = engine.plan().expect("a plan");
    let record = ChangeRecord::from_outcome(ChangePath::Rotate, &outcome, plan, 1_000);
    (
        rotation.rotated(&outcome).expect("rotated"),
        outcome,
        record,
    )
}

async fn phase_two(
    sandbox: &Sandbox,
    admin: &Admin,
    rotated: &Rotated,
) -> Result<registrar_core::maintenance::Retired, MaintenanceError> {
    let mut retire = RetireOld::new(rotated, GRAPH, RetryPolicy::default(), 9);
    let target = sandbox.target(&admin.authorization);
    run_operation(&mut retire, sandbox, &sandbox.timer(), target).await
}

#[tokio::test]
async fn old_secrets_keep_working_until_phase_two_and_only_the_new_ones_stay() {
    let sandbox = Sandbox::new("");
    let (first, admin, check) = registered_and_checked(&sandbox, "exchange-only").await;
    let old = secret(&first).clone();

    let (rotated, outcome, record) = phase_one(
        &sandbox,
        &admin,
        "exchange-only",
        &check,
        &Confirmation::None,
    )
    .await;
    let new = secret(&outcome).clone();
    assert_ne!(new.key_id, old.key_id);
    assert_eq!(rotated.new_secret.as_deref(), Some(new.key_id.as_str()));
    assert_eq!(
        rotated.new_certificate, None,
        "exchange-only uses no certificate"
    );
    let retiring: Vec<&str> = rotated
        .retire_secrets
        .iter()
        .map(|c| c.key_id.as_str())
        .collect();
    assert_eq!(retiring, [old.key_id.as_str()]);

    // Both work until phase 2 (the receiver has not acknowledged yet).
    later(&sandbox, 60);
    assert!(secret_works(&sandbox, &first.client_id, old.value.expose()));
    assert!(secret_works(&sandbox, &first.client_id, new.value.expose()));
    let mut both = vec![old.key_id.clone(), new.key_id.clone()];
    both.sort();
    let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
    assert_eq!(app.secret_key_ids, both);

    // The record of phase 1 names the new secret by key id, never by value.
    let text = record.to_text();
    assert!(text.contains(&new.key_id), "{text}");
    assert!(text.contains(" rotate: \"Contoso Backup\""), "{text}");
    for shown in [text, record.to_json().to_string()] {
        assert!(!shown.contains(new.value.expose()));
        assert!(!shown.contains(old.value.expose()));
        assert!(!shown.contains(&admin.authorization[7..]), "no token");
    }

    // Phase 2, after the acknowledgement.
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let retired = phase_two(&sandbox, &admin, &rotated)
        .await
        .expect("retired");
    let removed: Vec<&str> = retired
        .removed_secrets
        .iter()
        .map(|c| c.key_id.as_str())
        .collect();
    assert_eq!(removed, [old.key_id.as_str()]);
    let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
    assert_eq!(app.secret_key_ids, vec![new.key_id.clone()]);
    assert!(!secret_works(
        &sandbox,
        &first.client_id,
        old.value.expose()
    ));
    assert!(secret_works(&sandbox, &first.client_id, new.value.expose()));
    let log = ChangeRecord::retired(&retired, 2_000).to_text();
    assert!(
        log.contains(&format!(
            "Removed the old client secret \"{}\" (key id {})",
            old.display_name, old.key_id
        )),
        "{log}"
    );

    // Again (a retry after a lost answer): nothing more goes, the new secret stays.
    let again = phase_two(&sandbox, &admin, &rotated)
        .await
        .expect("idempotent");
    assert_eq!(again.removed_secrets, retired.removed_secrets);
    let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
    assert_eq!(app.secret_key_ids, vec![new.key_id.clone()]);
    let clean = check_app(&sandbox, &admin, "exchange-only", &first.client_id)
        .await
        .expect("a check");
    assert!(clean.is_clean(), "{:?}", clean.describe());
}

#[tokio::test]
async fn a_certificate_is_rotated_beside_the_secret_and_the_old_one_removed_in_phase_two() {
    let sandbox = Sandbox::new("");
    let (first, admin, check) = registered_and_checked(&sandbox, "full-backup").await;
    let old_certificate = first.certificate.clone().expect("a certificate");
    later(&sandbox, 5);
    let (rotated, outcome, record) =
        phase_one(&sandbox, &admin, "full-backup", &check, &Confirmation::None).await;
    let new_certificate = outcome.certificate.clone().expect("a new certificate");
    assert!(new_certificate.added);
    assert_ne!(new_certificate.key_id, old_certificate.key_id);
    assert_eq!(
        rotated.new_certificate.as_deref(),
        Some(new_certificate.key_id.as_str())
    );
    let on_app = |sandbox: &Sandbox| {
        let mut ids: Vec<String> = sandbox
            .tenant
            .certificates_of(&first.client_id)
            .into_iter()
            .map(|c| c.key_id)
            .collect();
        ids.sort();
        ids
    };
    let mut both = vec![
        old_certificate.key_id.clone(),
        new_certificate.key_id.clone(),
    ];
    both.sort();
    assert_eq!(
        on_app(&sandbox),
        both,
        "the old certificate still works until phase 2"
    );
    let text = record.to_text();
    assert!(text.contains(&new_certificate.thumbprint_sha1), "{text}");
    assert!(!text.contains("PRIVATE KEY") && !text.contains("BEGIN"));

    let retired = phase_two(&sandbox, &admin, &rotated)
        .await
        .expect("retired");
    assert_eq!(retired.removed_certificates.len(), 1);
    assert_eq!(on_app(&sandbox), vec![new_certificate.key_id.clone()]);
    let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
    assert_eq!(app.secret_key_ids, vec![secret(&outcome).key_id.clone()]);
}

#[tokio::test]
async fn phase_two_removes_nothing_when_the_new_secret_is_not_on_the_app() {
    let sandbox = Sandbox::new("");
    let (_, admin, check) = registered_and_checked(&sandbox, "exchange-only").await;
    let (mut rotated, _, _) = phase_one(
        &sandbox,
        &admin,
        "exchange-only",
        &check,
        &Confirmation::None,
    )
    .await;
    // Someone removed the new secret by hand before the acknowledgement.
    let gone = "00000000-0000-4000-8000-000000000000".to_owned();
    rotated.new_secret = Some(gone.clone());
    let before = sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0]
        .secret_key_ids
        .clone();
    let result = phase_two(&sandbox, &admin, &rotated).await;
    assert_eq!(
        result,
        Err(MaintenanceError::NewCredentialMissing { key_id: gone })
    );
    let words = result.unwrap_err().to_string();
    assert!(words.contains("no old one was removed"), "{words}");
    let after = sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0]
        .secret_key_ids
        .clone();
    assert_eq!(after, before, "nothing removed");
}

#[tokio::test]
async fn a_foreign_app_is_rotated_only_with_its_name_typed() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let (_, app_id) =
        hand_made_app(&sandbox, &admin, "Fabrikam Sync", &["User.Read.All"], &[]).await;
    let check = check_app(&sandbox, &admin, "exchange-only", &app_id)
        .await
        .expect("a check");
    let request = request("exchange-only", &admin, 3);
    let refused = Rotation::start(&check, &request, &Confirmation::None);
    assert_eq!(
        refused.as_ref().map_err(ToString::to_string).unwrap_err(),
        format!(
            "The app \"Fabrikam Sync\" (application id {app_id}) was not made by M365 Registrar, \
             so nothing was changed. If you are sure, type its name to confirm."
        )
    );
    let typo = Rotation::start(
        &check,
        &request,
        &Confirmation::TypedName("Fabrikam".into()),
    );
    assert!(matches!(typo, Err(MaintenanceError::NameMismatch { .. })));
    let rotation = Rotation::start(
        &check,
        &request,
        &Confirmation::TypedName(" fabrikam sync ".into()),
    )
    .expect("confirmed");
    assert_eq!(rotation.app.app_id, app_id);
}

#[tokio::test]
async fn throttled_removals_are_retried() {
    let sandbox =
        Sandbox::new("429@POST /applications/*/removePassword#1;503@GET /applications/*#3");
    let (_, admin, check) = registered_and_checked(&sandbox, "exchange-only").await;
    let (rotated, outcome, _) = phase_one(
        &sandbox,
        &admin,
        "exchange-only",
        &check,
        &Confirmation::None,
    )
    .await;
    let retired = phase_two(&sandbox, &admin, &rotated)
        .await
        .expect("retired despite throttling");
    assert_eq!(retired.removed_secrets.len(), 1);
    let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
    assert_eq!(app.secret_key_ids, vec![secret(&outcome).key_id.clone()]);
}
