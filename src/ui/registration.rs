//! The registration after sign-in: read the tenant, show the plan, run it on confirmation with
//! live progress, and show the verified result or why it stopped.
//!
//! The engine runs in the registration worker (`crate::worker`), a module downloaded only now,
//! so the first screen stays small; this component sends it commands and shows its reports,
//! which already hold the core's words.

use std::sync::Arc;

use leptos::prelude::*;
use registrar_core::registration::messages::{
    CertificateFiles, Command, OutcomeReport, ProgressReport, Report,
};

use registrar_core::handoff::protocol::{self, Outbound};

use super::copy::copy_on_click;
use super::handoff::{DeliveryPanel, Handoff};
use crate::web::random::{jitter_seed, random_bytes};
use crate::web::registration_worker::RegistrationWorker;

/// Where the registration stands.
#[derive(Clone)]
enum Stage {
    /// Reading the tenant to make the plan.
    Reading,
    /// The plan waits for the admin's confirmation.
    Plan(Arc<Vec<String>>),
    /// Writing, with progress.
    Running,
    Finished(Arc<OutcomeReport>),
    Stopped {
        message: String,
        in_tenant: String,
    },
    /// The registration could not run in this browser (no worker, no secure randomness).
    Unavailable(String),
}

/// What the registration shows, fed by the worker's reports (through the sign-in component,
/// which owns the worker).
#[derive(Clone, Copy)]
pub struct RegistrationSignals {
    stage: RwSignal<Stage, LocalStorage>,
    progress: RwSignal<ProgressReport, LocalStorage>,
    /// The run's certificate files, when it made a certificate (they come before `Finished`).
    certificate_files: RwSignal<Option<Arc<CertificateFiles>>, LocalStorage>,
    handoff: Handoff,
}

impl RegistrationSignals {
    pub fn new() -> Self {
        RegistrationSignals {
            stage: RwSignal::new_local(Stage::Reading),
            progress: RwSignal::new_local(ProgressReport::default()),
            certificate_files: RwSignal::new_local(None),
            handoff: Handoff::expect(),
        }
    }

    /// The admin confirmed a plan: the tenant is being (or was) written.
    pub fn is_writing(&self) -> bool {
        self.handoff.confirmed()
    }

    /// Removes the secret and the certificate's files from what the page shows.
    pub fn forget_secrets(&self) {
        self.certificate_files.set(None);
        // Shown again without the secret or the certificate's files (read when it is shown).
        if let Stage::Finished(outcome) = self.stage.get_untracked() {
            let mut outcome = (*outcome).clone();
            outcome.secret = String::new();
            self.stage.set(Stage::Finished(Arc::new(outcome)));
        }
    }

    /// Takes one of the worker's registration reports.
    pub fn take(&self, report: Report) {
        let (stage, handoff) = (self.stage, self.handoff);
        match report {
            Report::Progress(now) => {
                if matches!(stage.get_untracked(), Stage::Running) {
                    handoff.tell_progress(&now);
                }
                self.progress.set(now)
            }
            Report::Plan { lines } => {
                handoff.tell_status(
                    protocol::STATUS_PLAN,
                    "The plan waits for the admin's confirmation.",
                );
                stage.set(Stage::Plan(Arc::new(lines)))
            }
            Report::Handoff(report) => handoff.take_result(report),
            Report::CertificateFiles(files) => self.certificate_files.set(Some(Arc::new(files))),
            Report::Finished(outcome) => stage.set(Stage::Finished(Arc::new(outcome))),
            Report::Stopped { message, in_tenant } => {
                let said = [message.as_str(), " ", &in_tenant].concat();
                handoff.tell(&Outbound::Error {
                    code: protocol::ERROR_STOPPED,
                    message: &said,
                });
                stage.set(Stage::Stopped { message, in_tenant })
            }
            Report::Broken { message } => {
                if self.is_writing() {
                    handoff.tell(&Outbound::Error {
                        code: protocol::ERROR_STOPPED,
                        message: &message,
                    });
                }
                stage.set(Stage::Unavailable(message))
            }
            Report::Ready
            | Report::SignedIn(_)
            | Report::SignInFailed { .. }
            | Report::SignInWaiting { .. } => {}
        }
    }
}

#[component]
pub fn Registration(
    signals: RegistrationSignals,
    worker: StoredValue<Option<RegistrationWorker>, LocalStorage>,
) -> impl IntoView {
    let RegistrationSignals {
        stage,
        progress,
        certificate_files,
        handoff,
    } = signals;
    let send = move |command: &Command| {
        worker
            .with_value(|worker| worker.as_ref().map(|w| w.send(command)))
            .is_some()
    };

    // A new run: reads the tenant afresh, so it resumes or repairs whatever exists.
    let start = move || {
        let Ok(run_random) = random_bytes::<8>() else {
            stage.set(Stage::Unavailable(
                "This browser gave no secure random numbers (WebCrypto). Use a current browser \
                 over HTTPS."
                    .to_owned(),
            ));
            return;
        };
        progress.set(ProgressReport::default());
        certificate_files.set(None);
        stage.set(Stage::Reading);
        handoff.registration_began();
        let command = Command::Start {
            run_random,
            jitter_seed: jitter_seed(),
            handoff: handoff.request(),
        };
        if !send(&command) {
            stage.set(Stage::Unavailable(
                "This browser could not start the registration (no Web Workers). Use a current \
                 Edge, Chrome, Firefox or Safari."
                    .to_owned(),
            ));
        }
    };
    start();

    let confirm = move |_| {
        send(&Command::Confirm);
        handoff.confirm();
        handoff.tell_status(
            protocol::STATUS_REGISTERING,
            "The admin confirmed the plan: registering.",
        );
        stage.set(Stage::Running);
    };
    let retry = move |_| start();

    view! {
        <section id="registration">
            <h2>"Registration"</h2>
            {move || match stage.get() {
                Stage::Reading => view! {
                    <p id="registration-reading">"Reading your tenant to make the plan. Nothing is written yet."</p>
                }.into_any(),
                Stage::Plan(lines) => view! {
                    <PlanView lines=lines/>
                    <button id="confirm-registration" on:click=confirm>"Create it"</button>
                }.into_any(),
                Stage::Running => view! { <ProgressView progress=progress/> }.into_any(),
                Stage::Finished(outcome) => view! {
                    <ProgressView progress=progress/>
                    <ResultView outcome=outcome files=certificate_files.get_untracked()/>
                }.into_any(),
                Stage::Stopped { message, in_tenant } => view! {
                    <ProgressView progress=progress/>
                    <div class="error" id="registration-stopped" role="alert">
                        <p class="message">{message}</p>
                        <p id="registration-in-tenant">{in_tenant}</p>
                        <button id="registration-retry" on:click=retry>"Run it again"</button>
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
fn PlanView(lines: Arc<Vec<String>>) -> impl IntoView {
    view! {
        <div id="plan">
            <p>"This is what will be done in your tenant. Nothing is written until you confirm."</p>
            <ul id="plan-steps">
                {lines.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// Each step's state, live; read out by screen readers as it changes.
#[component]
fn ProgressView(progress: RwSignal<ProgressReport, LocalStorage>) -> impl IntoView {
    view! {
        <div id="progress" aria-live="polite">
            <ol>
                {move || progress.with(|now| now.steps.iter().map(|step| view! {
                    <li data-step=step.key.clone() class=step.class.clone()>
                        {step.label.clone()}": "{step.state.clone()}
                    </li>
                }).collect_view())}
            </ol>
            <p class="muted" id="progress-summary">
                {move || progress.with(|now| format!(
                    "{} round trips to Microsoft Graph; {} s spent waiting for Microsoft.",
                    now.round_trips, now.waited_seconds
                ))}
            </p>
        </div>
    }
}

/// What was created and checked, with the values the backup server needs.
#[component]
fn ResultView(outcome: Arc<OutcomeReport>, files: Option<Arc<CertificateFiles>>) -> impl IntoView {
    let verified = outcome.verified;
    let discrepancies = outcome.discrepancies.clone();
    let has_secret = !outcome.secret.is_empty();
    let certificate = outcome.certificate.clone().map(|certificate| {
        let download = files.as_ref().map(|files| {
            (
                files.pfx_url.clone(),
                files.private_key_pem_url.clone(),
                files.certificate_pem_url.clone(),
                files.pfx_password.clone(),
            )
        });
        view! {
            <dt>"Certificate"</dt>
            <dd id="result-certificate">
                "Thumbprint (SHA-1) " <code id="result-certificate-thumbprint">{certificate.thumbprint_sha1.clone()}</code>
                {(!certificate.thumbprint_sha256.is_empty()).then(|| view! {
                    ", SHA-256 " <code id="result-certificate-sha256">{certificate.thumbprint_sha256.clone()}</code>
                })}
                ", expires " {certificate.expires.clone()}
                {(!certificate.added).then_some(" (kept from an earlier run)")}
            </dd>
            {download.map(|(url, key_url, cert_url, password)| view! {
                <dt>"Certificate files"</dt>
                <dd>
                    <a id="result-pfx" href=url download="backup-app-certificate.pfx">"Download the .pfx (key and certificate)"</a>
                    <br/>
                    <label for="result-pfx-password">"Its password, shown once: "</label>
                    <input id="result-pfx-password" readonly value=password/>
                    <br/>
                    "Or as PEM files: "
                    <a id="result-key-pem" href=key_url download="backup-app-key.pem">"private key (unencrypted: keep it safe)"</a>
                    ", "
                    <a id="result-certificate-pem" href=cert_url download="backup-app-certificate.pem">"certificate"</a>
                </dd>
            })}
        }
    });
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
            <dl class="facts" on:click=copy_on_click>
                <dt>"Tenant id"</dt>
                <dd>
                    <code id="result-tenant-id">{outcome.tenant_id.clone()}</code>" "
                    <button type="button" class="secondary copy" id="copy-tenant-id" data-copy-of="result-tenant-id" aria-label="Copy the tenant id" aria-live="polite">"Copy"</button>
                </dd>
                <dt>"Application (client) id"</dt>
                <dd>
                    <code id="result-client-id">{outcome.client_id.clone()}</code>" "
                    <button type="button" class="secondary copy" id="copy-client-id" data-copy-of="result-client-id" aria-label="Copy the application (client) id" aria-live="polite">"Copy"</button>
                </dd>
                {has_secret.then(|| view! {
                    <dt>"Client secret"</dt>
                    <dd>
                        <input id="result-secret" readonly aria-label="Client secret"
                            value=outcome.secret.clone()/>" "
                        <button type="button" class="secondary copy" id="copy-secret" data-copy-of="result-secret" aria-label="Copy the client secret" aria-live="polite">"Copy"</button>
                    </dd>
                    <dt>"Secret expires"</dt><dd id="result-secret-expires">{outcome.secret_expires.clone()}</dd>
                })}
                {certificate}
                <dt>"Permissions granted"</dt>
                <dd>
                    <ul id="result-granted">
                        {outcome.granted.iter().map(|g| view! { <li>{g.clone()}</li> }).collect_view()}
                    </ul>
                </dd>
            </dl>
            <DeliveryPanel/>
            <p class="muted">"Microsoft never shows the secret or the certificate's key again: this page \
                keeps them in memory only until the backup server has them, or until you leave."</p>
        </div>
    }
}
