//! The registration after sign-in: read the tenant, show the plan, run it on confirmation with
//! live progress, and show the verified result or why it stopped.
//!
//! The component only wires signals: the engine, its words and its retries are
//! `registrar_core::registration`; fetch and timers are `crate::web`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use registrar_core::auth::{SignedIn, SignedInSummary};
use registrar_core::config::Config;
use registrar_core::graph::{GraphTarget, RetryPolicy};
use registrar_core::registration::{
    Engine, Halt, Outcome, Plan, Progress, RegistrationRequest, StepState, Stopped, drive,
};

use crate::web::fetch::Fetch;
use crate::web::random::{jitter_seed, random_bytes};
use crate::web::timer::BrowserTimer;

/// Where the registration stands.
#[derive(Clone)]
enum Stage {
    /// Reading the tenant to make the plan.
    Reading,
    /// The plan waits for the admin's confirmation.
    Plan(Arc<Plan>),
    /// Writing, with progress.
    Running,
    Finished(Arc<Outcome>),
    Stopped(Arc<Stopped>),
    /// The browser could not start a run (no secure randomness).
    Unavailable(&'static str),
}

#[component]
pub fn Registration(
    config: Arc<Config>,
    summary: Arc<SignedInSummary>,
    session: Arc<SignedIn>,
) -> impl IntoView {
    let stage = RwSignal::new_local(Stage::Reading);
    let progress = RwSignal::new_local(Progress::new());
    // The engine waits here, in memory only, while the admin reads the plan.
    let paused = StoredValue::new_local(None::<Engine>);

    // Drives the engine until it pauses for confirmation, finishes or stops.
    let run = {
        let config = config.clone();
        move |mut engine: Engine| {
            let config = config.clone();
            let session = session.clone();
            spawn_local(async move {
                let authorization = session.access_token.authorization_header();
                let target = GraphTarget {
                    base: &config.endpoints.graph,
                    authorization: &authorization,
                };
                let halt = drive(&mut engine, &Fetch, &BrowserTimer, target, |now| {
                    progress.set(now.clone())
                })
                .await;
                stage.set(match halt {
                    Halt::AwaitingConfirmation => match engine.plan().cloned() {
                        Some(plan) => {
                            paused.set_value(Some(engine));
                            Stage::Plan(Arc::new(plan))
                        }
                        None => Stage::Unavailable(
                            "The plan could not be made. Reload the page and sign in again.",
                        ),
                    },
                    Halt::Finished(outcome) => Stage::Finished(Arc::from(outcome)),
                    Halt::Stopped(stopped) => Stage::Stopped(Arc::from(stopped)),
                });
            });
        }
    };

    // A new run: reads the tenant afresh, so it resumes or repairs whatever exists.
    let start = {
        let run = run.clone();
        move || {
            paused.set_value(None);
            let Ok(run_random) = random_bytes::<8>() else {
                stage.set(Stage::Unavailable(
                    "This browser gave no secure random numbers (WebCrypto). Use a current browser over HTTPS.",
                ));
                return;
            };
            let request = RegistrationRequest::new(&config, &summary, run_random);
            let engine = Engine::new(
                request,
                &config.endpoints.graph,
                RetryPolicy::default(),
                jitter_seed(),
            );
            progress.set(Progress::new());
            stage.set(Stage::Reading);
            run(engine);
        }
    };
    start();

    let confirm = move |_| {
        if let Some(mut engine) = paused.try_update_value(Option::take).flatten() {
            engine.confirm();
            stage.set(Stage::Running);
            run(engine);
        }
    };
    let retry = move |_| start();

    view! {
        <section class="card" id="registration">
            <h2>"Registration"</h2>
            {move || match stage.get() {
                Stage::Reading => view! {
                    <p id="registration-reading">"Reading your tenant to make the plan. Nothing is written yet."</p>
                }.into_any(),
                Stage::Plan(plan) => view! {
                    <PlanView plan=plan/>
                    <button id="confirm-registration" on:click=confirm.clone()>"Create it"</button>
                }.into_any(),
                Stage::Running => view! { <ProgressView progress=progress/> }.into_any(),
                Stage::Finished(outcome) => view! {
                    <ProgressView progress=progress/>
                    <ResultView outcome=outcome/>
                }.into_any(),
                Stage::Stopped(stopped) => view! {
                    <ProgressView progress=progress/>
                    <div class="error" id="registration-stopped" role="alert">
                        <p class="message">{stopped.stop.to_string()}</p>
                        <p id="registration-in-tenant">{stopped.in_tenant.to_string()}</p>
                        <button id="registration-retry" on:click=retry.clone()>"Run it again"</button>
                    </div>
                }.into_any(),
                Stage::Unavailable(message) => view! {
                    <p class="error" id="registration-unavailable" role="alert">{message}</p>
                }.into_any(),
            }}
        </section>
    }
}

/// The plan, in the core's words, before anything is written.
#[component]
fn PlanView(plan: Arc<Plan>) -> impl IntoView {
    let lines = plan.describe();
    view! {
        <div id="plan">
            <p>"This is what will be done in your tenant. Nothing is written until you confirm."</p>
            <ul id="plan-steps">
                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// Each step's state, live; read out by screen readers as it changes.
#[component]
fn ProgressView(progress: RwSignal<Progress, LocalStorage>) -> impl IntoView {
    view! {
        <div id="progress" aria-live="polite">
            <ol>
                {move || progress.with(|now| now.steps.iter().map(|(step, state)| {
                    let class = match state {
                        StepState::Done => "done",
                        StepState::Failed => "failed",
                        StepState::Waiting { .. } => "waiting",
                        StepState::Running => "running",
                        StepState::Pending | StepState::Skipped => "pending",
                    };
                    view! {
                        <li data-step=format!("{step:?}") class=class>
                            {step.to_string()}": "{state.to_string()}
                        </li>
                    }
                }).collect_view())}
            </ol>
            <p class="muted" id="progress-summary">
                {move || progress.with(|now| format!(
                    "{} round trips to Microsoft Graph; {} s spent waiting for Microsoft.",
                    now.round_trips,
                    now.waited_millis.div_ceil(1000)
                ))}
            </p>
        </div>
    }
}

/// What was created and checked, with the values the backup server needs.
#[component]
fn ResultView(outcome: Arc<Outcome>) -> impl IntoView {
    let verified = outcome.verification.is_complete();
    let discrepancies: Vec<String> = outcome
        .verification
        .discrepancies
        .iter()
        .map(ToString::to_string)
        .collect();
    view! {
        <div id="result">
            <h2>{if verified { "Registered and verified" } else { "Registered, with differences" }}</h2>
            <p id="result-verified">
                {if verified {
                    "Everything was read back from your tenant and matches the plan."
                } else {
                    "Some things did not read back as planned yet (listed below). Run it again in a \
                     minute: it fixes only what is missing."
                }}
            </p>
            <ul id="result-discrepancies">
                {discrepancies.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
            </ul>
            <dl class="facts">
                <dt>"Tenant id"</dt><dd id="result-tenant-id">{outcome.tenant_id.clone()}</dd>
                <dt>"Application (client) id"</dt><dd id="result-client-id">{outcome.client_id.clone()}</dd>
                <dt>"Client secret"</dt>
                <dd>
                    <input id="result-secret" readonly aria-label="Client secret"
                        value=outcome.secret.value.expose().to_owned()/>
                </dd>
                <dt>"Secret expires"</dt><dd id="result-secret-expires">{outcome.secret.expires.clone()}</dd>
                <dt>"Permissions granted"</dt>
                <dd>
                    <ul id="result-granted">
                        {outcome.granted.iter().map(|g| view! {
                            <li>{format!("{} ({})", g.permission, g.resource)}</li>
                        }).collect_view()}
                    </ul>
                </dd>
            </dl>
            <p class="muted">"Copy the secret now: Microsoft shows it only once, and this page keeps it \
                only while it is open."</p>
        </div>
    }
}
