//! Disconnecting: the app and its service principal deleted and checked gone; a foreign app
//! refused unless its name is typed; a record of it all, without secrets.

mod common;

use common::*;
use registrar_core::graph::RetryPolicy;
use registrar_core::maintenance::{
    AppCheck, ChangePath, ChangeRecord, Confirmation, Disconnect, Disconnected, MaintenanceError,
    run as run_operation,
};
use registrar_core::registration::Engine;
use sandbox_tenant::tenant::seed;

async fn disconnect(
    sandbox: &Sandbox,
    admin: &Admin,
    check: &AppCheck,
    confirmation: &Confirmation,
) -> Result<Disconnected, MaintenanceError> {
    let mut operation = Disconnect::new(check, confirmation, GRAPH, RetryPolicy::default(), 4)?;
    let target = sandbox.target(&admin.authorization);
    run_operation(&mut operation, sandbox, &sandbox.timer(), target).await
}

#[tokio::test]
async fn disconnect_removes_the_app_and_its_service_principal() {
    for faults in [
        "",
        "429@DELETE /applications/*#1;503@GET /servicePrincipals(*)#1",
    ] {
        let sandbox = Sandbox::new(faults);
        let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
        let mut engine = Engine::new(
            request("full-backup", &admin, 1),
            GRAPH,
            RetryPolicy::default(),
            2,
        );
        let halt = run(&sandbox, &admin, &mut engine).await;
        let outcome = assert_registered(&sandbox, "full-backup", &halt);
        let connected = ChangeRecord::from_outcome(
            ChangePath::Connect,
            &outcome,
            engine.plan().expect("a plan"),
            1_795_000_000_000,
        );

        let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
        let check = check_app(&sandbox, &admin, "full-backup", &outcome.client_id)
            .await
            .expect("a check");
        let gone = disconnect(&sandbox, &admin, &check, &Confirmation::None)
            .await
            .expect("disconnected");
        assert_eq!(gone.app_id, outcome.client_id, "{faults}");
        assert!(
            sandbox.tenant.apps_by_display_name(DISPLAY_NAME).is_empty(),
            "{faults}"
        );
        assert!(
            sandbox.tenant.consent_of(&outcome.client_id).is_none(),
            "{faults}: no SP"
        );
        let words = gone.describe().join("\n");
        assert!(
            words.contains("stay in Entra's \"Deleted applications\" for 30 days"),
            "{words}"
        );
        assert!(
            words.contains(
                "https://learn.microsoft.com/entra/identity/enterprise-apps/restore-application"
            ),
            "{words}"
        );
        // The backup server's secret no longer works.
        assert!(
            sandbox
                .tenant
                .client_secret_token(
                    &outcome.client_id,
                    secret(&outcome).value.expose(),
                    "https://graph.microsoft.com/.default"
                )
                .is_err()
        );

        // The check afterwards: not found.
        let after = check_app(&sandbox, &admin, "full-backup", &outcome.client_id)
            .await
            .expect("a check");
        assert_eq!(after.app, None);
        assert!(after.describe()[0].starts_with("No app with application id"));

        // The records: connect and disconnect, with ids and never a secret, key or token.
        let disconnected = ChangeRecord::disconnected(&gone, 1_795_000_600_000);
        assert_eq!(disconnected.at, "2026-11-18T11:16:40Z");
        assert_eq!(connected.at, "2026-11-18T11:06:40Z");
        let text = format!("{}{}", connected.to_text(), disconnected.to_text());
        assert!(text.contains(&outcome.client_id) && text.contains(&outcome.principal_id));
        assert!(text.contains(&format!(
            "Added the client secret \"{}\" (key id {}",
            secret(&outcome).display_name,
            secret(&outcome).key_id
        )));
        assert!(text.contains("Granted Mail.ReadWrite (Microsoft Graph, application permission"));
        assert!(text.contains(" disconnect: \"Contoso Backup\""), "{text}");
        let json = format!("{}{}", connected.to_json(), disconnected.to_json());
        assert_eq!(disconnected.to_json()["path"], "disconnect");
        for shown in [&text, &json] {
            assert!(
                !shown.contains(secret(&outcome).value.expose()),
                "no secret value"
            );
            assert!(
                !shown.contains("PRIVATE KEY") && !shown.contains("MII"),
                "no key"
            );
            assert!(!shown.contains(&admin.authorization[7..]), "no token");
        }
    }
}

#[tokio::test]
async fn a_foreign_app_is_refused_without_its_name_typed() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let (object_id, app_id) = hand_made_app(
        &sandbox,
        &admin,
        "Fabrikam Sync",
        &["User.Read.All"],
        &["User.Read.All"],
    )
    .await;
    let check = check_app(&sandbox, &admin, "exchange-only", &app_id)
        .await
        .expect("a check");
    let refused = disconnect(&sandbox, &admin, &check, &Confirmation::None).await;
    assert_eq!(
        refused,
        Err(MaintenanceError::NotOurs {
            display_name: "Fabrikam Sync".into(),
            app_id: app_id.clone()
        })
    );
    let wrong = disconnect(
        &sandbox,
        &admin,
        &check,
        &Confirmation::TypedName("Contoso Backup".into()),
    )
    .await;
    assert_eq!(
        wrong.map_err(|e| e.to_string()),
        Err("\"Contoso Backup\" is not the app's name, so nothing was changed. Type \"Fabrikam Sync\" exactly to confirm.".to_owned())
    );
    assert_eq!(
        sandbox.tenant.apps_by_display_name("Fabrikam Sync").len(),
        1,
        "still there"
    );
    assert!(sandbox.tenant.consent_of(&app_id).is_some());

    let gone = disconnect(
        &sandbox,
        &admin,
        &check,
        &Confirmation::TypedName("Fabrikam Sync".into()),
    )
    .await
    .expect("confirmed");
    assert_eq!(gone.app_object_id, object_id);
    assert!(
        sandbox
            .tenant
            .apps_by_display_name("Fabrikam Sync")
            .is_empty()
    );
    assert!(sandbox.tenant.consent_of(&app_id).is_none());
}

#[tokio::test]
async fn disconnecting_again_finds_nothing_to_delete() {
    let sandbox = Sandbox::new("");
    let (_, admin, check) = registered_and_checked(&sandbox, "exchange-only").await;
    disconnect(&sandbox, &admin, &check, &Confirmation::None)
        .await
        .expect("gone");
    // A retry with the same check (its answer was lost): the app is already gone.
    let again = disconnect(&sandbox, &admin, &check, &Confirmation::None).await;
    assert!(again.is_ok(), "{again:?}");
}
