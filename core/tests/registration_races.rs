//! Runs that overlap, answers lost after a write, and waiting that runs out after the secret
//! was recorded: no secret that was handed out is ever removed or left unshown, nothing is
//! written twice, and one app's credentials are never changed by two calls at once.

mod common;

use common::*;
use registrar_core::graph::RetryPolicy;
use registrar_core::registration::{Discrepancy, Engine, Halt, drive, step};
use sandbox_tenant::tenant::seed;

fn verified(key_id: &str) -> String {
    format!("M365Registrar:verified:{}", key_id.to_ascii_lowercase())
}

/// Drives `engine` (confirmed) through `round_trips` more round trips, then leaves it there.
async fn run_writes(sandbox: &Sandbox, admin: &Admin, engine: &mut Engine, round_trips: u32) {
    let target = sandbox.target(&admin.authorization);
    let timer = sandbox.timer();
    assert_eq!(
        drive(engine, sandbox, &timer, target, |_| {}).await,
        Halt::AwaitingConfirmation
    );
    confirm(sandbox, engine);
    let until = engine.round_trips() + round_trips;
    while engine.round_trips() < until {
        if let Some(halt) = step(engine, sandbox, &timer, target).await {
            panic!("ended early: {halt:?}");
        }
    }
}

#[tokio::test]
async fn two_runs_at_once_keep_each_others_handed_out_secret() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let target = sandbox.target(&admin.authorization);
    let timer = sandbox.timer();
    // Run A adds its secret (app; service principal and secret)...
    let mut a = engine(&config("full-backup"), &admin, 1);
    run_writes(&sandbox, &admin, &mut a, 2).await;
    // ...run B reads the tenant: A's secret is there, not recorded yet...
    let mut b = engine(&config("full-backup"), &admin, 2);
    assert_eq!(
        drive(&mut b, &sandbox, &timer, target, |_| {}).await,
        Halt::AwaitingConfirmation
    );
    assert!(
        b.plan().is_some_and(|p| p.stale_secrets.is_empty()),
        "a secret added a moment ago may belong to a run still going: {:?}",
        b.plan().map(|p| &p.stale_secrets)
    );
    // ...A finishes and shows its secret; then B is confirmed and finishes.
    let a_halt = drive(&mut a, &sandbox, &timer, target, |_| {}).await;
    let a_outcome = assert_registered(&sandbox, "full-backup", &a_halt);
    confirm(&sandbox, &mut b);
    let b_halt = drive(&mut b, &sandbox, &timer, target, |_| {}).await;
    let b_outcome = assert_registered(&sandbox, "full-backup", &b_halt);

    let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
    let mut both = vec![
        secret(&a_outcome).key_id.clone(),
        secret(&b_outcome).key_id.clone(),
    ];
    both.sort();
    assert_eq!(app.secret_key_ids, both, "A's handed-out secret is kept");
    let tags = app_tags(&sandbox);
    for key_id in &both {
        assert!(
            tags.contains(&verified(key_id)),
            "{key_id} recorded: {tags:?}"
        );
    }
    let token = sandbox.tenant.client_secret_token(
        &a_outcome.client_id,
        secret(&a_outcome).value.expose(),
        "https://graph.microsoft.com/.default",
    );
    assert!(token.is_ok(), "A's secret still works: {token:?}");

    // A run much later keeps both: both are recorded.
    later(&sandbox, 7200);
    let (c, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 3).await;
    assert_registered(&sandbox, "full-backup", &halt);
    assert!(c.plan().is_some_and(|p| p.stale_secrets.is_empty()));
    assert_eq!(
        sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0]
            .secret_key_ids
            .len(),
        3
    );
}

#[tokio::test]
async fn running_out_of_time_after_the_secret_is_recorded_still_hands_it_out() {
    for delay in ["replication=60s", "replication=70s"] {
        let sandbox = Sandbox::new(delay);
        let (_, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 1).await;
        let tags = app_tags(&sandbox);
        // The budget (3 minutes) runs out while verification waits for the grants to show:
        // the secret is recorded, so the run finishes and lists what it could not confirm.
        let Halt::Finished(outcome) = halt else {
            panic!("{delay}: {halt:?}");
        };
        assert!(
            tags.contains(&verified(&secret(&outcome).key_id)),
            "{delay}: {tags:?}"
        );
        let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
        assert_eq!(app.secret_key_ids, vec![secret(&outcome).key_id.clone()]);
        let found = &outcome.verification.discrepancies;
        assert!(!outcome.verification.is_complete(), "{delay}");
        assert!(
            found
                .iter()
                .all(|d| matches!(d, Discrepancy::GrantMissing { .. })),
            "{delay}: {found:?}"
        );
    }
}

fn assigns_role(call: &str) -> bool {
    call == "POST /roleManagement/directory/roleAssignments"
}

#[tokio::test]
async fn a_lost_answer_to_the_role_assignment_assigns_the_role_once() {
    let sandbox = Sandbox::new("");
    let admin = sign_in_to_assign_roles(&sandbox).await;
    let request = request_with_exchange_role("exchange-only", &admin, 1);
    let mut engine = Engine::new(request, GRAPH, RetryPolicy::default(), 1);
    let http = Recording::losing(&sandbox, assigns_role);
    assert_eq!(
        drive_over(&http, &sandbox, &admin, &mut engine).await,
        Halt::AwaitingConfirmation
    );
    confirm(&sandbox, &mut engine);
    let halt = drive_over(&http, &sandbox, &admin, &mut engine).await;
    assert!(http.lost.get(), "the answer was lost");
    let outcome = assert_registered(&sandbox, "exchange-only", &halt);
    let consent = sandbox.tenant.consent_of(&outcome.client_id).expect("sp");
    assert_eq!(consent.directory_roles, [EXCHANGE_ADMINISTRATOR]);
    let sent = http
        .requests()
        .iter()
        .flatten()
        .filter(|c| assigns_role(c))
        .count();
    assert_eq!(sent, 2, "sent again once, answered as already there");
}

#[tokio::test]
async fn an_unfinished_runs_secret_is_removed_after_the_app_is_updated_not_with_it() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let mut first = engine(&config("full-backup"), &admin, 1);
    run_writes(&sandbox, &admin, &mut first, 2).await;
    drop(first); // the page closes after the secret was added
    later(&sandbox, 3700);

    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await; // an hour on: signed in again
    let mut second = engine(&config("full-backup"), &admin, 2);
    let http = Recording::new(&sandbox);
    assert_eq!(
        drive_over(&http, &sandbox, &admin, &mut second).await,
        Halt::AwaitingConfirmation
    );
    assert_eq!(second.plan().map(|p| p.stale_secrets.len()), Some(1));
    confirm(&sandbox, &mut second);
    let halt = drive_over(&http, &sandbox, &admin, &mut second).await;
    let outcome = assert_registered(&sandbox, "full-backup", &halt);
    assert_only_secret(
        &sandbox,
        &outcome,
        "the unfinished run's secret was removed",
    );
    http.assert_never_together("/removePassword", "PATCH /applications");
    http.assert_never_together("/removePassword", "/addPassword");
}
