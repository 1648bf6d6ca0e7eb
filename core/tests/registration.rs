//! The whole registration against the in-process sandbox tenant, for every profile: discovery,
//! plan, confirmation, writes and verification, in at most five round trips.

mod common;

use common::*;
use registrar_core::catalog;
use registrar_core::registration::{AppAction, Halt, Step, StepState, drive};
use sandbox_tenant::tenant::seed;

#[tokio::test]
async fn every_profile_registers_in_five_round_trips() {
    for profile in catalog::profiles() {
        let sandbox = Sandbox::new("");
        let (engine, halt) = register(&sandbox, seed::GLOBAL_ADMIN, profile.id, 1).await;
        let outcome = assert_registered(&sandbox, profile.id, &halt);
        assert!(
            outcome.round_trips <= 5,
            "{}: {} round trips",
            profile.id,
            outcome.round_trips
        );
        assert_eq!(outcome.tenant_id, seed::TENANT_ID);
        assert_eq!(outcome.granted.len(), profile.permissions.len());
        assert!(!format!("{outcome:?}").contains(secret(&outcome).value.expose()));
        for (step, state) in &engine.progress().steps {
            assert!(
                matches!(state, StepState::Done | StepState::Skipped),
                "{}: {step:?} is {state:?}",
                profile.id
            );
        }
    }
}

#[tokio::test]
async fn the_engine_pauses_with_the_plan_until_the_admin_confirms() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let mut engine = engine(&config("exchange-only"), &admin, 1);
    let target = sandbox.target(&admin.authorization);
    let halt = drive(&mut engine, &sandbox, &sandbox.timer(), target, |_| {}).await;
    assert_eq!(halt, Halt::AwaitingConfirmation);
    assert_eq!(
        engine.round_trips(),
        1,
        "discovery is one round trip in a fresh tenant"
    );
    let plan = engine.plan().expect("a plan");
    assert_eq!(plan.app, AppAction::Create);
    assert!(plan.describe().iter().any(|l| l.contains("Mail.ReadWrite")));
    assert!(
        sandbox.tenant.apps_by_display_name(DISPLAY_NAME).is_empty(),
        "nothing written yet"
    );
    // Asking again without confirming changes nothing.
    let again = drive(&mut engine, &sandbox, &sandbox.timer(), target, |_| {}).await;
    assert_eq!(again, Halt::AwaitingConfirmation);
    assert!(sandbox.tenant.apps_by_display_name(DISPLAY_NAME).is_empty());
    assert_eq!(*engine.progress().state(Step::Confirm), StepState::Running);
    confirm(&sandbox, &mut engine);
    let halt = drive(&mut engine, &sandbox, &sandbox.timer(), target, |_| {}).await;
    assert_registered(&sandbox, "exchange-only", &halt);
}

#[tokio::test]
async fn running_again_adds_a_secret_and_keeps_the_earlier_one() {
    let sandbox = Sandbox::new("");
    let (_, first) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 1).await;
    let first = assert_registered(&sandbox, "full-backup", &first);
    let (engine, second) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 2).await;
    let second = assert_registered(&sandbox, "full-backup", &second);
    assert_eq!(first.client_id, second.client_id, "the same app");
    let plan = engine.plan().expect("a plan");
    assert!(matches!(plan.app, AppAction::Update(_)));
    assert!(plan.application_grants.iter().all(|g| g.exists));
    assert!(
        plan.stale_secrets.is_empty(),
        "the first run's secret was handed out: kept"
    );
    let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
    assert_eq!(app.secret_key_ids.len(), 2, "{:?}", app.secret_key_ids);
    // The first secret still works: a backup server may be using it.
    let token = sandbox.tenant.client_secret_token(
        &first.client_id,
        secret(&first).value.expose(),
        "https://graph.microsoft.com/.default",
    );
    assert!(token.is_ok(), "{token:?}");
}

#[tokio::test]
async fn a_directory_role_is_assigned_and_verified() {
    use registrar_core::graph::RetryPolicy;
    use registrar_core::registration::Engine;
    let sandbox = Sandbox::new("");
    let admin = sign_in_to_assign_roles(&sandbox).await;
    let request = request_with_exchange_role("exchange-only", &admin, 1);
    let mut engine = Engine::new(request, GRAPH, RetryPolicy::default(), 1);
    let halt = run(&sandbox, &admin, &mut engine).await;
    let outcome = assert_registered(&sandbox, "exchange-only", &halt);
    assert_eq!(outcome.roles, ["Exchange Administrator"]);
    assert!(outcome.round_trips <= 5, "{}", outcome.round_trips);
    let consent = sandbox
        .tenant
        .consent_of(&outcome.client_id)
        .expect("a service principal");
    assert_eq!(consent.directory_roles, [EXCHANGE_ADMINISTRATOR]);

    // Run again: the role is kept, not assigned twice.
    let mut engine = Engine::new(
        request_with_exchange_role("exchange-only", &admin, 2),
        GRAPH,
        RetryPolicy::default(),
        2,
    );
    let halt = run(&sandbox, &admin, &mut engine).await;
    assert_registered(&sandbox, "exchange-only", &halt);
    assert!(
        engine
            .plan()
            .is_some_and(|p| p.roles.iter().all(|r| r.exists))
    );
    let consent = sandbox.tenant.consent_of(&outcome.client_id).expect("sp");
    assert_eq!(consent.directory_roles, [EXCHANGE_ADMINISTRATOR]);
}
