//! Fuzzing the readers of Graph's and Entra's answers where they are deepest: whole runs against
//! the sandbox tenant (in-process, tests/common) in which some answers are changed on the way: a
//! mutated JSON body, another status, text instead of JSON, a lost answer. The code redemption,
//! "who signed in", the registration engine, the maintenance operations and the tenant preview
//! each read the real answers they meet at that point of a run, so every reader is reached with
//! the shapes it expects, then broken. Each must end (a finished run or a stop in words), never
//! panic or hang.

mod common;
mod fuzz_inputs;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::sync::OnceLock;

use common::{
    GRAPH, Sandbox, authorization_code, config, confirm, engine, register, request, sign_in,
};
use fuzz_inputs::{
    GRAPH_MEMBERS, Mutation, TOKEN_MEMBERS, cases, json_input, member_names, mutation, random_text,
};
use proptest::prelude::*;
use registrar_core::auth::{ScopeOptions, flow};
use registrar_core::graph::{RetryPolicy, RetryRun};
use registrar_core::http::{HttpClient, HttpRequest, HttpResponse, Unreachable};
use registrar_core::maintenance::{
    CheckApp, Confirmation, Disconnect, FindApps, MaintenanceError, run,
};
use registrar_core::preview::{Count, read_tenant_preview};
use registrar_core::registration::messages::{ProgressReport, Report};
use registrar_core::registration::{Halt, drive};
use registrar_core::wizard::screens::welcome;
use sandbox_tenant::tenant::seed;
use serde_json::Value;

/// Member names of Graph's and Entra's answers, so that added members are often read.
fn keys() -> Vec<&'static str> {
    [&GRAPH_MEMBERS[..], &TOKEN_MEMBERS[..]].concat()
}

/// More answers than any run here gets: a run that asks for more has looped.
const MAX_ANSWERS: usize = 400;

/// What happens to one answer on its way.
#[derive(Debug, Clone)]
enum Fault {
    Mutated(Mutation),
    Status(u16),
    Text(String),
    Lost,
}

fn fault() -> BoxedStrategy<Fault> {
    prop_oneof![
        6 => mutation(&keys()).prop_map(Fault::Mutated),
        2 => prop_oneof![
            prop::sample::select(&[200u16, 201, 204, 400, 401, 403, 404, 409, 429, 500, 503][..]),
            any::<u16>()
        ].prop_map(Fault::Status),
        1 => random_text().prop_map(Fault::Text),
        1 => Just(Fault::Lost),
    ]
    .boxed()
}

/// The fault (or none) for each answer in turn; most answers pass unchanged. Runs with few
/// faults reach the late steps (grants, verification) before the first one.
fn faults() -> BoxedStrategy<Vec<Option<Fault>>> {
    prop::sample::select(&[0.02, 0.08, 0.25][..])
        .prop_flat_map(|rate| prop::collection::vec(prop::option::weighted(rate, fault()), 40))
        .boxed()
}

/// The sandbox, with the answers changed as `faults` say, in the order they come.
struct Faulty<'s> {
    sandbox: &'s Sandbox,
    faults: RefCell<VecDeque<Option<Fault>>>,
    answers: Cell<usize>,
}

impl<'s> Faulty<'s> {
    fn new(sandbox: &'s Sandbox, faults: Vec<Option<Fault>>) -> Self {
        Faulty {
            sandbox,
            faults: RefCell::new(faults.into()),
            answers: Cell::new(0),
        }
    }
}

impl HttpClient for Faulty<'_> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable> {
        self.answers.set(self.answers.get() + 1);
        assert!(
            self.answers.get() <= MAX_ANSWERS,
            "more than {MAX_ANSWERS} calls: the run does not end"
        );
        let answer = self.sandbox.send(request).await;
        let fault = self.faults.borrow_mut().pop_front().flatten();
        let Ok(answer) = answer else {
            return answer;
        };
        let changed = |status: u16, body: String| {
            answer
                .headers
                .iter()
                .fold(HttpResponse::new(status, body), |changed, (name, value)| {
                    changed.with_header(name, value.clone())
                })
        };
        match fault {
            None => Ok(answer),
            Some(Fault::Mutated(mutation)) => {
                Ok(changed(answer.status, mutation.apply_to_text(&answer.body)))
            }
            Some(Fault::Status(status)) => Ok(changed(status, answer.body.clone())),
            Some(Fault::Text(text)) => Ok(changed(answer.status, text)),
            Some(Fault::Lost) => Err(Unreachable("Failed to fetch (fuzz)".into())),
        }
    }
}

fn block_on<F: Future>(future: F) -> F::Output {
    match tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime.block_on(future),
        Err(error) => panic!("no runtime: {error}"),
    }
}

/// A stop or a refusal the page shows says something.
fn assert_words(what: &str, words: &str) {
    assert!(!words.trim().is_empty(), "{what} without words");
}

/// What the page is told of a halt, read back as the page reads the worker's reports.
fn assert_reported(halt: Halt, plan: Option<&registrar_core::registration::Plan>) {
    let report = Report::from_halt(halt, plan);
    if let Report::Stopped { message, .. } = &report {
        assert_words("a stop", message);
    }
    let text = match serde_json::to_string(&report) {
        Ok(text) => text,
        Err(error) => panic!("a report the worker cannot write: {error}"),
    };
    assert_eq!(Report::from_json(&text).as_ref(), Some(&report), "{text}");
}

fn assert_maintenance_error(error: &MaintenanceError) {
    assert_words("a maintenance error", &error.to_string());
}

/// What the worker really posts to the page in a run, as JSON: the seeds of the page's reader
/// of reports (`Report::from_json`).
fn reports() -> &'static [Value] {
    static REPORTS: OnceLock<Vec<Value>> = OnceLock::new();
    REPORTS.get_or_init(|| {
        block_on(async {
            let sandbox = Sandbox::new("");
            let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
            let config = config("full-backup");
            let mut engine = engine(&config, &admin, 3);
            let target = sandbox.target(&admin.authorization);
            let timer = sandbox.timer();
            let plan = drive(&mut engine, &sandbox, &timer, target, |_| {}).await;
            let mut reports = vec![
                Report::Ready,
                Report::Screen(welcome(&config)),
                Report::Progress(ProgressReport::from_progress(engine.progress())),
                Report::from_halt(plan, engine.plan()),
            ];
            confirm(&sandbox, &mut engine);
            let end = drive(&mut engine, &sandbox, &timer, target, |_| {}).await;
            reports.push(Report::from_halt(end, engine.plan()));
            reports
                .iter()
                .filter_map(|report| serde_json::to_value(report).ok())
                .collect()
        })
    })
}

fn report_text() -> BoxedStrategy<String> {
    let seeds = reports();
    let keys: Vec<String> = seeds.iter().flat_map(member_names).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let strategies: Vec<BoxedStrategy<String>> = seeds
        .iter()
        .map(|seed| json_input(seed.clone(), &keys))
        .collect();
    prop::strategy::Union::new(strategies).boxed()
}

// Each case is a run against a new sandbox tenant (about 0.3 s of CPU, a registration more for
// looking after an app): few cases here, more with PROPTEST_CASES.
proptest! {
    #![proptest_config(cases(16))]

    #[test]
    fn a_sign_in_and_registration_end_in_words_whatever_the_answers(faults in faults()) {
        block_on(async {
            let sandbox = Sandbox::new("");
            let faulty = Faulty::new(&sandbox, faults);
            let code = authorization_code(&sandbox, seed::GLOBAL_ADMIN, ScopeOptions::default()).await;
            let signed_in = match flow::redeem(code, &faulty, sandbox.now_seconds()).await {
                Ok(signed_in) => signed_in,
                Err(error) => return assert_words("a failed redemption", &error.to_string()),
            };
            let summary = match flow::who_signed_in(
                &signed_in, GRAPH, "organizations", &faulty, &sandbox.timer(), 3, &mut |_| {},
            ).await {
                Ok(summary) => summary,
                Err(error) => return assert_words("a failed sign-in", &error.to_string()),
            };
            let admin = common::Admin {
                authorization: signed_in.access_token.authorization_header(),
                signed_in,
                summary,
            };
            let mut engine = engine(&config("full-backup"), &admin, 3);
            let target = sandbox.target(&admin.authorization);
            let timer = sandbox.timer();
            let mut halt = drive(&mut engine, &faulty, &timer, target, |_| {}).await;
            if matches!(halt, Halt::AwaitingConfirmation) {
                assert!(engine.plan().is_some(), "a plan to confirm");
                confirm(&sandbox, &mut engine);
                halt = drive(&mut engine, &faulty, &timer, target, |_| {}).await;
            }
            assert!(!matches!(halt, Halt::AwaitingConfirmation), "confirmed twice");
            assert_reported(halt, engine.plan());
        });
    }
}

proptest! {
    #![proptest_config(cases(12))]

    #[test]
    fn looking_after_an_app_ends_in_words_whatever_the_answers(faults in faults(), which in 0u8..4) {
        block_on(async {
            let sandbox = Sandbox::new("");
            let (_, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 1).await;
            let Halt::Finished(outcome) = halt else {
                panic!("the clean registration did not finish: {halt:?}");
            };
            let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
            let faulty = Faulty::new(&sandbox, faults);
            let target = sandbox.target(&admin.authorization);
            let timer = sandbox.timer();
            let policy = RetryPolicy::default();
            match which {
                0 => {
                    let mut find = FindApps::new(&request("full-backup", &admin, 2), "Contoso", GRAPH, policy, 4);
                    if let Err(error) = run(&mut find, &faulty, &timer, target).await {
                        assert_maintenance_error(&error);
                    }
                }
                1 => {
                    let mut run_preview = RetryRun::new(9);
                    let preview = read_tenant_preview(&faulty, &timer, target, &policy, &mut run_preview, &mut |_| {}).await;
                    for count in [preview.users, preview.groups, preview.mailboxes, preview.sites] {
                        if let Count::Unknown(why) = count {
                            assert_words("an unknown count", &why.to_string());
                        }
                    }
                }
                _ => {
                    let mut check = CheckApp::new(request("full-backup", &admin, 2), &outcome.client_id, GRAPH, policy, 5);
                    let check = match run(&mut check, &faulty, &timer, target).await {
                        Ok(check) => check,
                        Err(error) => return assert_maintenance_error(&error),
                    };
                    if which == 3 {
                        match Disconnect::new(&check, &Confirmation::None, GRAPH, policy, 6) {
                            Ok(mut disconnect) => {
                                if let Err(error) = run(&mut disconnect, &faulty, &timer, target).await {
                                    assert_maintenance_error(&error);
                                }
                            }
                            Err(error) => assert_maintenance_error(&error),
                        }
                    }
                }
            }
        });
    }
}

proptest! {
    #![proptest_config(cases(384))]

    #[test]
    fn a_report_from_the_worker_is_read_as_written_or_not_at_all(text in report_text()) {
        if let Some(report) = Report::from_json(&text) {
            let again = match serde_json::to_string(&report) {
                Ok(again) => again,
                Err(error) => panic!("a report the worker cannot write: {error}"),
            };
            assert_eq!(Report::from_json(&again).as_ref(), Some(&report), "{text:?}");
        }
    }
}
