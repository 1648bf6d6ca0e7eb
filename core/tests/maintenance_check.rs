//! Checking an existing app against the profile, and repairing it with the registration engine
//! told which app: what the admin reads, and what the tenant holds afterwards.

mod common;

use common::*;
use registrar_core::catalog::PermissionKind;
use registrar_core::graph::RetryPolicy;
use registrar_core::maintenance::{
    Finding, MaintenanceError, Maker, PermissionRef, Remedy, repair_request,
};
use registrar_core::registration::{AppAction, Engine, Halt};
use sandbox_tenant::tenant::seed;

fn graph(permission: &str) -> PermissionRef {
    PermissionRef {
        resource: "Microsoft Graph".into(),
        permission: permission.into(),
        kind: PermissionKind::Application,
    }
}

#[tokio::test]
async fn a_registered_app_checks_clean() {
    for profile in ["exchange-only", "full-backup"] {
        let sandbox = Sandbox::new("");
        let (outcome, _, check) = registered_and_checked(&sandbox, profile).await;
        assert_eq!(check.findings, vec![], "{profile}: {:?}", check.describe());
        assert!(check.is_clean());
        let app = check.app.as_ref().expect("the app");
        assert_eq!(app.maker, Maker::ThisProduct);
        assert_eq!(app.object_id, outcome.app_object_id);
        assert_eq!(
            app.principal_id.as_deref(),
            Some(outcome.principal_id.as_str())
        );
        assert_eq!(app.secrets.len(), 1, "{profile}");
        assert_eq!(
            app.certificates.len(),
            usize::from(profile == "full-backup"),
            "{profile}"
        );
        let words = check.describe().join("\n");
        assert!(words.contains("made by M365 Registrar"), "{words}");
        assert!(words.contains("nothing to repair"), "{words}");
        assert!(check.round_trips <= 3, "{}", check.round_trips);
    }
}

#[tokio::test]
async fn a_hand_made_app_gets_exactly_its_findings_and_repair_fixes_them() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    // exchange-only wants User.Read.All, Group.Read.All, Mail.ReadWrite, Calendars.ReadWrite
    // and Contacts.ReadWrite. Contacts.ReadWrite is granted but not requested, Calendars
    // requested but not granted, Directory.ReadWrite.All requested and not wanted,
    // Directory.Read.All granted and not wanted.
    let name = "Contoso Backup (set up by hand)";
    let (object_id, app_id) = hand_made_app(
        &sandbox,
        &admin,
        name,
        &[
            "User.Read.All",
            "Group.Read.All",
            "Mail.ReadWrite",
            "Calendars.ReadWrite",
            "Directory.ReadWrite.All",
        ],
        &[
            "User.Read.All",
            "Group.Read.All",
            "Mail.ReadWrite",
            "Contacts.ReadWrite",
            "Directory.Read.All",
        ],
    )
    .await;

    let check = check_app(&sandbox, &admin, "exchange-only", &app_id)
        .await
        .expect("a check");
    assert_eq!(
        check.findings,
        vec![
            Finding::MissingFromRequested(graph("Contacts.ReadWrite")),
            Finding::ExtraRequested(graph("Directory.ReadWrite.All")),
            Finding::NotConsented(graph("Calendars.ReadWrite")),
            Finding::ConsentedNotRequested(graph("Directory.Read.All")),
        ]
    );
    assert!(check.findings.iter().all(|f| f.remedy() == Remedy::Repair));
    assert!(check.needs_repair() && !check.needs_rotation());
    let app = check.app.as_ref().expect("the app");
    assert_eq!(app.maker, Maker::Other);
    assert_eq!(app.object_id, object_id);
    let words = check.describe();
    assert_eq!(
        words[0],
        format!("The app \"{name}\" (application id {app_id}), not made by M365 Registrar.")
    );
    assert_eq!(
        words[1],
        "Contacts.ReadWrite (Microsoft Graph, application permission) is needed by the profile \
         but missing from the app's list of requested permissions. Repair adds it."
    );
    assert!(
        words[2].ends_with("the profile does not need it. Repair removes it."),
        "{words:?}"
    );
    assert!(words[3].contains("has no admin consent") && words[3].ends_with("Repair grants it."));
    assert!(words[4].starts_with("Directory.Read.All") && words[4].ends_with("Repair revokes it."));

    // Repair: the registration engine, told which app.
    let request = repair_request(request("exchange-only", &admin, 2), &check).expect("an app");
    let mut engine = Engine::new(request, GRAPH, RetryPolicy::default(), 3);
    let halt = run(&sandbox, &admin, &mut engine).await;
    let plan = engine.plan().expect("a plan");
    assert!(matches!(&plan.app, AppAction::Adopt(a) if a.object_id == object_id));
    let Halt::Finished(outcome) = halt else {
        panic!("expected the repair to finish: {halt:?}");
    };
    assert!(
        outcome.verification.is_complete(),
        "{:?}",
        outcome.verification
    );
    assert_eq!(outcome.client_id, app_id, "the same app, repaired");
    assert!(
        sandbox.tenant.apps_by_display_name(DISPLAY_NAME).is_empty(),
        "no other app was made, and this one kept its name"
    );
    assert_eq!(sandbox.tenant.apps_by_display_name(name).len(), 1);

    let again = check_app(&sandbox, &admin, "exchange-only", &app_id)
        .await
        .expect("a check");
    assert_eq!(again.findings, vec![], "{:?}", again.describe());
    assert!(again.is_clean());
    // The hand-made secret and the repair's.
    assert_eq!(again.app.as_ref().map(|a| a.secrets.len()), Some(2));
}

#[tokio::test]
async fn an_unknown_app_id_gets_the_not_found_words() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let unknown = "0f0e0d0c-0b0a-4908-8706-050403020100";
    let check = check_app(&sandbox, &admin, "exchange-only", unknown)
        .await
        .expect("a check");
    assert_eq!(check.app, None);
    assert!(!check.is_clean());
    assert_eq!(
        check.describe(),
        vec![format!(
            "No app with application id {unknown} in tenant {}. Check the id (Entra admin \
             center, App registrations, \"Application (client) ID\") or search for the app by \
             its name.",
            seed::TENANT_ID
        )]
    );
    // Nothing to repair there.
    assert_eq!(
        repair_request(request("exchange-only", &admin, 1), &check),
        Err(MaintenanceError::AppNotFound {
            app_id: unknown.into(),
            tenant_id: seed::TENANT_ID.into()
        })
    );

    let typo = check_app(&sandbox, &admin, "exchange-only", "Contoso Backup").await;
    let Err(error) = typo else {
        panic!("a name is not an application id: {typo:?}");
    };
    assert!(
        error
            .to_string()
            .starts_with("\"contoso backup\" is not an application (client) id."),
        "{error}"
    );
    assert!(
        sandbox
            .graph_requests()
            .iter()
            .all(|r| !r.contains("ontoso"))
    );
}

#[tokio::test]
async fn expiring_and_expired_secrets_are_reported_for_rotation() {
    let sandbox = Sandbox::new("");
    let (_, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "exchange-only", 1).await;
    let outcome = assert_registered(&sandbox, "exchange-only", &halt);
    // The secret is valid 180 days; 175 days on, it has less than 5 left.
    later(&sandbox, 175 * 86_400);
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let check = check_app(&sandbox, &admin, "exchange-only", &outcome.client_id)
        .await
        .expect("a check");
    let [Finding::SecretExpiresSoon(secret)] = &check.findings[..] else {
        panic!("{:?}", check.describe());
    };
    assert_eq!(secret.key_id, secret_of(&outcome));
    assert!(check.needs_rotation() && !check.needs_repair());
    let words = check.findings[0].to_string();
    assert!(words.contains("expires in 4 days"), "{words}");
    assert!(
        words.contains("Rotating the credentials adds a new one"),
        "{words}"
    );

    later(&sandbox, 10 * 86_400);
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let check = check_app(&sandbox, &admin, "exchange-only", &outcome.client_id)
        .await
        .expect("a check");
    assert!(
        matches!(
            &check.findings[..],
            [Finding::SecretExpired(_), Finding::NoCredential]
        ),
        "{:?}",
        check.describe()
    );
    assert!(check.describe()[1].contains("expired on"));
}

fn secret_of(outcome: &registrar_core::registration::Outcome) -> String {
    secret(outcome).key_id.clone()
}

#[tokio::test]
async fn throttling_and_lost_answers_are_retried() {
    let sandbox = Sandbox::new(
        "429@GET /applications*#1;503@GET /servicePrincipals/*/appRoleAssignments#1;\
         drop@GET /oauth2PermissionGrants#1",
    );
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let wanted = [
        "User.Read.All",
        "Group.Read.All",
        "Mail.ReadWrite",
        "Calendars.ReadWrite",
        "Contacts.ReadWrite",
    ];
    let (_, app_id) = hand_made_app(&sandbox, &admin, DISPLAY_NAME, &wanted, &wanted).await;
    let before = sandbox.graph_requests().len();
    let check = check_app(&sandbox, &admin, "exchange-only", &app_id)
        .await
        .expect("a check despite the faults");
    assert!(check.is_clean(), "{:?}", check.describe());
    assert_eq!(
        check.app.as_ref().map(|a| a.maker),
        Some(Maker::SameNameByHand)
    );
    // Three round trips, and the refused ones again: the app read, then the grants' batch.
    let sent = sandbox.graph_requests().len() - before;
    assert!(sent >= 5, "the refused calls went again: {sent} requests");
}
