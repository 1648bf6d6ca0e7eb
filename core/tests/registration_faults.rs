//! The registration under every fault the sandbox injects: throttling and unavailability at
//! each step, dropped connections, an answer lost after the write, replication delay, and
//! refusals beyond the waiting budget. Time is the tenant's manual clock: nothing really waits.

mod common;

use common::*;
use registrar_core::registration::{Halt, Step, StepState, Stop, WaitReason, drive};
use sandbox_tenant::tenant::seed;

/// Every call the registration makes, as the sandbox's fault targets name them.
const TARGETS: [&str; 12] = [
    "GET /servicePrincipals",
    "GET /policies/defaultAppManagementPolicy",
    "GET /applications(*)",
    "GET /applications",
    "PATCH /applications(*)",
    "PATCH /servicePrincipals(*)",
    "POST /applications/*/addPassword",
    "POST /servicePrincipals/*/appRoleAssignments",
    "PATCH /applications/*",
    "GET /applications/*",
    "GET /servicePrincipals/*/appRoleAssignments",
    "GET /oauth2PermissionGrants",
];

#[tokio::test]
async fn throttling_unavailability_and_dropped_connections_at_each_step_are_survived() {
    for target in TARGETS {
        for fault in ["429", "429(no-retry-after)", "503", "504", "drop"] {
            let plan = format!("{fault}@{target}#1");
            let sandbox = Sandbox::new(&plan);
            let (engine, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 1).await;
            let calls = sandbox_tenant::tenant::inspect::snapshot(&sandbox.tenant);
            assert!(
                matches!(halt, Halt::Finished(_)),
                "{plan}: {halt:?}\n{}",
                calls["calls"]
            );
            let outcome = assert_registered(&sandbox, "full-backup", &halt);
            assert_only_secret(&sandbox, &outcome, &plan);
            // A lost answer to addPassword is looked into at once, not waited for.
            let looks_first = fault == "drop" || target.contains("addPassword");
            assert!(
                engine.progress().waited_millis > 0 || looks_first,
                "{plan}: no wait"
            );
        }
    }
}

/// A call that adds a secret.
fn adds_secret(call: &str) -> bool {
    call.starts_with("POST ") && call.ends_with("/addPassword")
}

#[tokio::test]
async fn a_secret_whose_answer_was_lost_is_removed_and_added_again() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let mut engine = engine(&config("full-backup"), &admin, 1);
    let http = Recording::losing(&sandbox, adds_secret);
    let target = sandbox.target(&admin.authorization);
    let timer = sandbox.timer();
    assert_eq!(
        drive(&mut engine, &http, &timer, target, |_| {}).await,
        Halt::AwaitingConfirmation
    );
    confirm(&sandbox, &mut engine);
    let halt = drive(&mut engine, &http, &timer, target, |_| {}).await;
    assert!(http.lost.get(), "the answer was lost");
    let outcome = assert_registered(&sandbox, "full-backup", &halt);
    assert_only_secret(
        &sandbox,
        &outcome,
        "the secret no one has the value of was removed",
    );
    // Never two credential changes of one app at once: the removal goes before the new add.
    http.assert_never_together("/removePassword", "/addPassword");
}

#[tokio::test]
async fn replication_delay_is_waited_for_visibly_without_creating_twice() {
    for delay in [
        "replication=2s",
        "replication=20s",
        "replication=20s;page-size=1",
    ] {
        let sandbox = Sandbox::new(delay);
        let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
        let mut engine = engine(&config("full-backup"), &admin, 1);
        let target = sandbox.target(&admin.authorization);
        let timer = sandbox.timer();
        let mut waits = Vec::new();
        let mut record = |progress: &registrar_core::registration::Progress| {
            for (step, state) in &progress.steps {
                if let StepState::Waiting { reason, .. } = state {
                    waits.push((*step, *reason));
                }
            }
        };
        assert_eq!(
            drive(&mut engine, &sandbox, &timer, target, &mut record).await,
            Halt::AwaitingConfirmation
        );
        confirm(&sandbox, &mut engine);
        let halt = drive(&mut engine, &sandbox, &timer, target, &mut record).await;
        assert_registered(&sandbox, "full-backup", &halt);
        assert!(
            waits
                .iter()
                .any(|(_, reason)| *reason == WaitReason::Replication),
            "{delay}: the wait was shown: {waits:?}"
        );
    }
}

#[tokio::test]
async fn throttling_beyond_the_budget_stops_clearly_and_a_new_run_finishes() {
    // exchange-only asks five Graph application permissions: eight tries of each are refused.
    let sandbox = Sandbox::new("429@POST /servicePrincipals/*/appRoleAssignments#1-40");
    let (_, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "exchange-only", 1).await;
    let stopped = stopped(halt);
    assert_eq!(
        stopped.stop,
        Stop::GaveUp {
            step: Step::ApplicationGrants,
            reason: WaitReason::Throttled
        }
    );
    let words = stopped.to_string();
    assert!(
        words.contains("slow down") && words.contains("again"),
        "{words}"
    );
    assert!(stopped.in_tenant.app.is_some() && stopped.in_tenant.secret_added);
    // An hour later the unfinished run's secret counts as left behind: removed.
    later(&sandbox, 3700);
    let (_, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "exchange-only", 2).await;
    let outcome = assert_registered(&sandbox, "exchange-only", &halt);
    assert_only_secret(&sandbox, &outcome, "");
}

#[tokio::test]
async fn no_network_stops_with_words_and_nothing_written() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let mut engine = engine(&config("full-backup"), &admin, 1);
    let halt = drive_over(&Offline, &sandbox, &admin, &mut engine).await;
    let stopped = stopped(halt);
    assert!(
        matches!(
            stopped.stop,
            Stop::Unreachable {
                step: Step::Discover,
                ..
            }
        ),
        "{stopped:?}"
    );
    assert!(stopped.to_string().contains("network"), "{stopped}");
    assert!(stopped.in_tenant.app.is_none());
    assert!(stopped.to_string().contains("Nothing was created"));
}
