//! The registration worker: completes the admin's sign-in and runs the core's registration
//! engine in a dedicated Web Worker, a module of its own that the page starts when the admin
//! clicks "Sign in", so the first screen does not download it. It takes
//! [`Command`]s and answers with [`Report`]s (JSON text through `postMessage`); the page only
//! shows them. Its fetch and timers are the page's (`crate::web`), bound on the global object.

use std::cell::RefCell;
use std::rc::Rc;

use registrar_core::auth::{
    AuthorizationResponse, PendingSignIn, SignInError, SignedIn, SignedInSummary, flow,
};
use registrar_core::config::{self, Config};
use registrar_core::graph::{GraphTarget, RetryPolicy};
use registrar_core::handoff::{Bundle, CertificateMaterial, HandoffPlan, HandoffReport, hand_off};
use registrar_core::registration::certificate::NOT_BEFORE_SKEW_SECONDS;
use registrar_core::registration::messages::{
    CertificateFiles, Command, ProgressReport, Report, SummaryReport,
};
use registrar_core::registration::{
    CertificateUpload, Engine, Halt, Outcome, RegistrationRequest, drive,
};
use registrar_core::wizard::{Screen, screens};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::web::crypto::NewCertificate;
use crate::web::download::object_url;
use crate::web::fetch::Fetch;
use crate::web::seal::WebSeal;
use crate::web::sign_in::now_seconds;
use crate::web::timer::BrowserTimer;

/// What the worker holds between commands, in memory only: the configuration, the admin's
/// session once signed in, and the engine while the admin reads the plan.
#[derive(Default)]
struct Run {
    config: Option<Config>,
    session: Option<(SignedIn, SignedInSummary)>,
    engine: Option<Engine>,
    /// The certificate this run made (with its private key), until the run finishes.
    certificate: Option<NewCertificate>,
    /// The run's profile, onboarding id and sealing key, from the dashboard's start message.
    handoff: Option<HandoffPlan>,
    /// The latest progress and when the run started (seconds), for the screens.
    progress: ProgressReport,
    started: u64,
    /// The admin confirmed the plan: progress now shows as the writing's screen.
    confirmed: bool,
}

impl Run {
    /// Who signed in, as the screens show it.
    fn summary(&self) -> Option<SummaryReport> {
        self.session
            .as_ref()
            .map(|(_, summary)| SummaryReport::from(summary))
    }

    fn elapsed(&self) -> u64 {
        now_seconds().saturating_sub(self.started)
    }
}

/// Listens for commands until the page terminates the worker.
pub fn run() {
    let run = Rc::new(RefCell::new(Run::default()));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let command = event
            .data()
            .as_string()
            .and_then(|text| serde_json::from_str::<Command>(&text).ok());
        match command {
            Some(command) => obey(&run, command),
            None => post(&Report::Broken {
                message: "The registration part of this page got a message it cannot read. \
                          Reload the page."
                    .to_owned(),
            }),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The listener lives as long as the worker.
    on_message.forget();
    post(&Report::Ready);
}

fn obey(run: &Rc<RefCell<Run>>, command: Command) {
    match command {
        Command::SignIn {
            config,
            pending,
            response,
            jitter_seed,
        } => {
            let Ok(config) = config::parse(&config) else {
                post(&Report::Broken {
                    message: "The registration part of this page could not read the \
                              configuration. Reload the page."
                        .to_owned(),
                });
                return;
            };
            *run.borrow_mut() = Run {
                config: Some(config.clone()),
                ..Run::default()
            };
            let run = run.clone();
            spawn_local(async move {
                match sign_in(&config, &pending, &response, jitter_seed).await {
                    Ok((signed_in, summary)) => {
                        let report = SummaryReport::from(&summary);
                        post(&Report::Screen(screens::who(&report)));
                        post(&Report::SignedIn(report));
                        run.borrow_mut().session = Some((signed_in, summary));
                    }
                    Err(error) => post(&Report::SignInFailed {
                        message: error.to_string(),
                    }),
                }
            });
        }
        Command::Start {
            run_random,
            jitter_seed,
            handoff,
        } => {
            let engine = {
                let mut run = run.borrow_mut();
                let (Some(config), Some((_, summary))) = (&run.config, &run.session) else {
                    return post(&Report::Broken {
                        message: "Sign in first: the registration needs your sign-in.".to_owned(),
                    });
                };
                let plan = match handoff.plan(config) {
                    Ok(plan) => plan,
                    Err(problem) => {
                        return post(&Report::Stopped {
                            message: format!(
                                "The dashboard's start message cannot be used: {problem}"
                            ),
                            in_tenant: "Nothing was written to your tenant.".to_owned(),
                        });
                    }
                };
                let request = RegistrationRequest::new(&plan.config, summary, run_random);
                let engine = Engine::new(
                    request,
                    &plan.config.endpoints.graph,
                    RetryPolicy::default(),
                    jitter_seed,
                );
                post(&Report::Screen(screens::reading(&SummaryReport::from(
                    summary,
                ))));
                run.handoff = Some(plan);
                run.progress = ProgressReport::default();
                run.started = now_seconds();
                run.confirmed = false;
                engine
            };
            go(run.clone(), engine);
        }
        Command::Confirm => {
            run.borrow_mut().confirmed = true;
            let engine = run.borrow_mut().engine.take();
            let Some(mut engine) = engine else { return };
            let Some(planned) = engine.plan().and_then(|plan| plan.certificate.clone()) else {
                engine.confirm();
                return go(run.clone(), engine);
            };
            // The plan adds a certificate: made here, now that the admin has confirmed, with
            // the plan's name and lifetime; its private key never leaves this worker but in
            // the files handed to the page at the end.
            let run = run.clone();
            spawn_local(async move {
                let not_before = now_seconds().saturating_sub(NOT_BEFORE_SKEW_SECONDS);
                let not_after = not_before + u64::from(planned.lifetime_days) * 86_400;
                match NewCertificate::generate(&planned.subject_common_name, not_before, not_after)
                    .await
                {
                    Ok(certificate) => {
                        engine.confirm_with_certificate(CertificateUpload {
                            der: certificate.certificate_der.clone(),
                            display_name: planned.display_name.clone(),
                        });
                        run.borrow_mut().certificate = Some(certificate);
                        go(run, engine);
                    }
                    Err(error) => post(&Report::Stopped {
                        message: format!(
                            "This browser could not make the app's certificate: {error} Use a \
                             current Edge, Chrome, Firefox or Safari."
                        ),
                        in_tenant: "Nothing was written to your tenant.".to_owned(),
                    }),
                }
            });
        }
    }
}

/// Completes the sign-in the page started: checks the answer against the pending sign-in,
/// redeems the code, checks the ID token and asks Graph who signed in.
async fn sign_in(
    config: &Config,
    pending: &str,
    response: &str,
    jitter_seed: u32,
) -> Result<(SignedIn, SignedInSummary), SignInError> {
    // The page serialised it moments ago; unreadable means it is not the sign-in we started.
    let pending: PendingSignIn =
        serde_json::from_str(pending).map_err(|_| SignInError::StateMismatch)?;
    let code = pending.accept(AuthorizationResponse::from_parameters(response)?)?;
    let signed_in = flow::redeem(code, &Fetch, now_seconds()).await?;
    let summary = flow::who_signed_in(
        &signed_in,
        &config.endpoints.graph,
        &config.tenant,
        &Fetch,
        &BrowserTimer,
        jitter_seed,
        &mut |wait| {
            post(&Report::SignInWaiting {
                message: wait.to_string(),
            })
        },
    )
    .await?;
    Ok((signed_in, summary))
}

/// Drives `engine` until it halts, reporting progress on the way.
fn go(run: Rc<RefCell<Run>>, mut engine: Engine) {
    spawn_local(async move {
        let (base, authorization) = {
            let run = run.borrow();
            match (&run.config, &run.session) {
                (Some(config), Some((signed_in, _))) => (
                    config.endpoints.graph.clone(),
                    signed_in.access_token.authorization_header(),
                ),
                _ => return,
            }
        };
        let target = GraphTarget {
            base: &base,
            authorization: &authorization,
        };
        let halt = drive(&mut engine, &Fetch, &BrowserTimer, target, |progress| {
            let report = ProgressReport::from_progress(progress);
            post(&Report::Progress(report.clone()));
            let mut run = run.borrow_mut();
            if let (true, Some(summary)) = (run.confirmed, run.summary()) {
                post(&Report::Screen(screens::progress(
                    &summary,
                    &report,
                    run.elapsed(),
                )));
            }
            run.progress = report;
        })
        .await;
        let awaiting = matches!(halt, Halt::AwaitingConfirmation);
        let certificate = run.borrow_mut().certificate.take();
        // Sealed, the secret and the key reach the page only inside the sealed bundle.
        let (finished, sealed) = if let Halt::Finished(outcome) = &halt {
            // The settings file first, so the page has it when `Finished` arrives; a bundle
            // that cannot be sealed is not shown in plain instead.
            match settings_file(&run, outcome, certificate.as_ref()).await {
                Ok(report) => {
                    let sealed = report.sealed;
                    post(&Report::Handoff(report));
                    (true, sealed)
                }
                Err(message) => return post(&Report::Broken { message }),
            }
        } else {
            (false, false)
        };
        let mut report = Report::from_halt(halt, engine.plan());
        let mut files = None;
        if let (true, false, Some(certificate)) = (finished, sealed, certificate) {
            let made = certificate_files(&certificate);
            if let Report::CertificateFiles(made) = &made {
                files = Some(made.clone());
            }
            post(&made);
        }
        if let (true, Report::Finished(outcome)) = (sealed, &mut report) {
            outcome.secret.clear();
        }
        post(&report);
        let screen = {
            let run = run.borrow();
            run.summary()
                .and_then(|summary| screen_of(&run, &summary, &report, files.as_ref()))
        };
        if let Some(screen) = screen {
            post(&Report::Screen(screen));
        }
        if awaiting {
            run.borrow_mut().engine = Some(engine);
        }
    });
}

/// The screen a halted run shows: its plan, its result or why it stopped.
fn screen_of(
    run: &Run,
    summary: &SummaryReport,
    report: &Report,
    files: Option<&CertificateFiles>,
) -> Option<Screen> {
    let (progress, elapsed) = (&run.progress, run.elapsed());
    Some(match report {
        Report::Plan { lines } => {
            let config = run
                .handoff
                .as_ref()
                .map(|plan| &plan.config)
                .or(run.config.as_ref())?;
            screens::plan(summary, lines, &config.requested_permissions())
        }
        Report::Finished(outcome) => screens::result(summary, progress, elapsed, outcome, files),
        Report::Stopped { message, in_tenant } => {
            screens::stopped(summary, progress, elapsed, message, in_tenant)
        }
        _ => return None,
    })
}

/// The bundle of a finished run, sealed when the run has a key. The error is the admin's words.
async fn settings_file(
    run: &Rc<RefCell<Run>>,
    outcome: &Outcome,
    certificate: Option<&NewCertificate>,
) -> Result<HandoffReport, String> {
    let (bundle, key) = {
        let run = run.borrow();
        let plan = run.handoff.as_ref();
        let Some(config) = plan.map(|plan| &plan.config).or(run.config.as_ref()) else {
            return Err(
                "The registration part of this page lost its configuration. Reload \
                        the page."
                    .to_owned(),
            );
        };
        let material = certificate.map(|certificate| CertificateMaterial {
            certificate_pem: certificate.certificate_pem.clone(),
            private_key_pem: certificate.private_key_pem.expose().to_owned(),
            pfx: certificate.pfx.clone(),
            pfx_password: certificate.pfx_password.expose().to_owned(),
        });
        let onboarding_id = plan.and_then(|plan| plan.onboarding_id.as_deref());
        let bundle = Bundle::new(
            outcome,
            config,
            material.as_ref(),
            onboarding_id,
            now_seconds(),
        );
        (bundle, plan.and_then(|plan| plan.key.clone()))
    };
    let sealed = match WebSeal::from_global() {
        Some(crypto) => hand_off(&bundle, key.as_ref(), &crypto)
            .await
            .map_err(|error| error.to_string()),
        None => Err("WebCrypto is not available".to_owned()),
    };
    sealed.map_err(|reason| {
        format!(
            "The app is registered in your tenant, but this browser could not prepare its \
             settings for the backup server: {reason}. Run the registration again in a current \
             Edge, Chrome, Firefox or Safari: it adds a new secret (remove the unused one in \
             Entra later)."
        )
    })
}

/// The certificate's files as `blob:` URLs for the page's download links (they live as long as
/// this worker: a new sign-in, which ends it, revokes them).
fn certificate_files(certificate: &NewCertificate) -> Report {
    let urls = (
        object_url(&certificate.pfx, "application/x-pkcs12"),
        object_url(
            certificate.private_key_pem.expose().as_bytes(),
            "application/x-pem-file",
        ),
        object_url(
            certificate.certificate_pem.as_bytes(),
            "application/x-pem-file",
        ),
    );
    match urls {
        (Some(pfx_url), Some(private_key_pem_url), Some(certificate_pem_url)) => {
            Report::CertificateFiles(CertificateFiles {
                pfx_url,
                pfx_password: certificate.pfx_password.expose().to_owned(),
                private_key_pem_url,
                certificate_pem_url,
            })
        }
        _ => Report::Broken {
            message: "This browser could not offer the certificate's files for download. The \
                      certificate is on the app; run the registration again to add a new one."
                .to_owned(),
        },
    }
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(report: &Report) {
    if let Ok(text) = serde_json::to_string(report) {
        // Only fails for a closed worker: nobody is listening then.
        let _ = scope().post_message(&JsValue::from_str(&text));
    }
}
