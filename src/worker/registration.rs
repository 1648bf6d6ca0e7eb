//! A registration run in the worker: connect, and the repair and phase 1 of a rotation, which
//! are registration runs against a chosen app. The engine plans, the admin confirms, the engine
//! writes; the result is handed off and recorded.

use std::cell::RefCell;
use std::rc::Rc;

use registrar_core::graph::{GraphTarget, RetryPolicy, RetryRun};
use registrar_core::handoff::{
    Bundle, CertificateMaterial, HandoffReport, HandoffRequest, hand_off,
};
use registrar_core::maintenance::{ChangePath, ChangeRecord};
use registrar_core::portal::admin_portal;
use registrar_core::preview::read_tenant_preview;
use registrar_core::registration::certificate::NOT_BEFORE_SKEW_SECONDS;
use registrar_core::registration::messages::{
    CertificateFiles, ProgressReport, Report, SummaryReport,
};
use registrar_core::registration::{
    CertificateUpload, Engine, Halt, Outcome, Plan, RegistrationRequest, drive,
};
use registrar_core::wizard::screens::ProfileChoice;
use registrar_core::wizard::words::{EN_ENGINE, Engine as EngineWords, fill};
use registrar_core::wizard::{Fault, Node, Screen, Words, screens};
use wasm_bindgen_futures::spawn_local;

use super::{Run, RunKind, now_millis, post, record_url};
use crate::web::crypto::NewCertificate;
use crate::web::download::object_url;
use crate::web::fetch::Fetch;
use crate::web::seal::WebSeal;
use crate::web::sign_in::now_seconds;
use crate::web::timer::BrowserTimer;

/// A new connect run: reads the tenant afresh, so it resumes or repairs whatever exists.
pub fn start(
    run: &Rc<RefCell<Run>>,
    run_random: [u8; 8],
    jitter_seed: u32,
    handoff: HandoffRequest,
) {
    let request = {
        let mut borrowed = run.borrow_mut();
        let (Some(config), Some((_, summary))) = (&borrowed.config, &borrowed.session) else {
            return super::broken(borrowed.words(), Fault::SignInFirst);
        };
        let plan = match handoff.plan(config) {
            Ok(plan) => plan,
            Err(problem) => {
                drop(borrowed);
                return stop(run, |w| w.start_unusable, &problem.to_string());
            }
        };
        let request = RegistrationRequest::new(&plan.config, summary, run_random);
        borrowed.profile_by_dashboard = handoff.profile.is_some() && !borrowed.profile_by_admin;
        borrowed.profile_by_admin = false;
        borrowed.handoff = Some(plan);
        request
    };
    preview(run, jitter_seed);
    begin(run, request, RunKind::Connect, jitter_seed);
}

/// Starts the engine on `request`: reads the tenant, then waits for the admin's confirmation.
pub fn begin(
    run: &Rc<RefCell<Run>>,
    request: RegistrationRequest,
    kind: RunKind,
    jitter_seed: u32,
) {
    let engine = {
        let mut run = run.borrow_mut();
        let Some(summary) = run.summary() else { return };
        let Some(base) = run.graph_base() else { return };
        post(&Report::Screen(screens::reading(run.words(), &summary)));
        run.progress = ProgressReport::default();
        run.started = now_seconds();
        run.confirmed = false;
        // A plan made before (another profile, a run before) is gone: neither it nor its
        // engine can be confirmed any more, and a late tenant preview does not show it again.
        run.plan_screen = None;
        run.engine = None;
        run.last = Some((request.clone(), kind.clone()));
        run.kind = kind;
        Engine::new(request, &base, RetryPolicy::default(), jitter_seed)
    };
    go(run.clone(), engine);
}

/// The same run again (after a stop, or a result with differences): a connect run, a repair
/// of the same app, or a rotation's first phase on it.
pub fn run_again(run: &Rc<RefCell<Run>>, jitter_seed: u32) {
    let last = run.borrow().last.clone();
    if let Some((request, kind)) = last {
        begin(run, request, kind, jitter_seed);
    }
}

/// The run stops before writing anything: said to the page (and its dashboard, in English) and
/// shown in the admin's language. `why` picks the words, whose `{problem}` is `problem`.
fn stop(run: &Rc<RefCell<Run>>, why: fn(&EngineWords) -> &'static str, problem: &str) {
    let said = |w: &EngineWords| {
        let message = fill(why(w), &[("problem", problem)]);
        (message, w.nothing_written.to_owned())
    };
    let screen = {
        let run = run.borrow();
        let (message, in_tenant) = said(&run.words().engine);
        run.summary().map(|summary| {
            screens::stopped(
                run.words(),
                &summary,
                &run.progress,
                run.elapsed(),
                &message,
                &in_tenant,
            )
        })
    };
    let (message, in_tenant) = said(&EN_ENGINE);
    post(&Report::Stopped { message, in_tenant });
    if let Some(screen) = screen {
        post(&Report::Screen(screen));
    }
}

/// The tenant preview, read beside the engine's discovery (no round trip added to its path),
/// when the configuration asks for it; the plan shows it when it is there.
fn preview(run: &Rc<RefCell<Run>>, jitter_seed: u32) {
    let wanted = run
        .borrow()
        .run_config()
        .is_some_and(|config| config.tenant_preview);
    let Some((base, authorization)) = run.borrow().target() else {
        return;
    };
    if !wanted {
        return;
    }
    let run = run.clone();
    spawn_local(async move {
        let target = GraphTarget {
            base: &base,
            authorization: &authorization,
        };
        let policy = RetryPolicy::default();
        let mut retries = RetryRun::new(jitter_seed);
        let counts = read_tenant_preview(
            &Fetch,
            &BrowserTimer,
            target,
            &policy,
            &mut retries,
            &mut |_| {},
        )
        .await;
        let mut borrowed = run.borrow_mut();
        borrowed.preview = Some(counts);
        // The plan is already on screen: shown again, with the counts.
        if let Some(screen) = borrowed.plan_screen.clone() {
            let screen = with_preview(screen, &borrowed);
            drop(borrowed);
            post(&Report::Screen(screen));
        }
    });
}

/// The plan screen with the tenant preview, when it has been read.
fn with_preview(mut screen: Screen, run: &Run) -> Screen {
    if let Some(preview) = &run.preview {
        screen
            .body
            .insert(1, screens::tenant_preview(run.words(), preview));
    }
    screen
}

/// The admin confirmed the plan: write it (a certificate first, when the plan adds one).
pub fn confirm(run: &Rc<RefCell<Run>>) {
    run.borrow_mut().confirmed = true;
    run.borrow_mut().plan_screen = None;
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
        match NewCertificate::generate(&planned.subject_common_name, not_before, not_after).await {
            Ok(certificate) => {
                engine.confirm_with_certificate(CertificateUpload {
                    der: certificate.certificate_der.clone(),
                    display_name: planned.display_name.clone(),
                });
                run.borrow_mut().certificate = Some(certificate);
                go(run, engine);
            }
            Err(error) => stop(&run, |w| w.browser_certificate, &error.to_string()),
        }
    });
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
            // English for the page's dashboard, the admin's language on the screen.
            post(&Report::Progress(ProgressReport::from_progress(progress)));
            let mut run = run.borrow_mut();
            let report = ProgressReport::from_progress_in(progress, &run.words().engine);
            if let (true, Some(summary)) = (run.confirmed, run.summary()) {
                post(&Report::Screen(screens::progress(
                    run.words(),
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
        let extras = match &halt {
            Halt::Finished(outcome) => finished_extras(&run, outcome, engine.plan()),
            _ => Vec::new(),
        };
        // The screen says it in the admin's language; the report, in English, goes on to the
        // page's dashboard.
        let mut said = Report::from_halt_in(&halt, engine.plan(), run.borrow().words());
        let mut report = Report::from_halt(halt, engine.plan());
        let mut files = None;
        if let (true, false, Some(certificate)) = (finished, sealed, certificate) {
            let made = certificate_files(&certificate, run.borrow().words());
            if let Report::CertificateFiles(made) = &made {
                files = Some(made.clone());
            }
            post(&made);
        }
        if sealed {
            for report in [&mut report, &mut said] {
                if let Report::Finished(outcome) = report {
                    outcome.secret.clear();
                }
            }
        }
        post(&report);
        let screen = {
            let mut run = run.borrow_mut();
            let screen = run
                .summary()
                .and_then(|summary| screen_of(&run, &summary, &said, files.as_ref()));
            match (&said, screen) {
                // Kept, to show again with the tenant preview if it arrives after the plan.
                (Report::Plan { .. }, Some(plan)) => {
                    run.plan_screen = Some(plan.clone());
                    Some(with_preview(plan, &run))
                }
                (_, screen) => screen,
            }
        };
        if let Some(mut screen) = screen {
            screen.body.extend(extras);
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
    let (progress, elapsed, words) = (&run.progress, run.elapsed(), run.words());
    Some(match report {
        Report::Plan { lines } => {
            let config = run
                .handoff
                .as_ref()
                .map(|plan| &plan.config)
                .or(run.config.as_ref())?;
            // Only a new registration may switch profile; a repair or a rotation keeps its app's.
            let choice = match (&run.kind, &run.config) {
                (RunKind::Connect, Some(file)) => {
                    ProfileChoice::of(file, config, run.profile_by_dashboard)
                }
                _ => ProfileChoice::default(),
            };
            screens::plan(
                words,
                summary,
                lines,
                &config.requested_permissions(),
                &choice,
            )
        }
        Report::Finished(outcome) => {
            screens::result(words, summary, progress, elapsed, outcome, files)
        }
        Report::Stopped { message, in_tenant } => {
            screens::stopped(words, summary, progress, elapsed, message, in_tenant)
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
            return Err(Fault::LostConfiguration.says(&run.words().faults));
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
        let fault = Fault::SettingsFile { reason };
        fault.says(&run.borrow().words().faults)
    })
}

/// The certificate's files as `blob:` URLs for the page's download links (they live as long as
/// this worker: a new sign-in, which ends it, revokes them).
fn certificate_files(certificate: &NewCertificate, words: &Words) -> Report {
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
            message: Fault::CertificateFiles.says(&words.faults),
        },
    }
}

/// What a finished run adds below its result: links to the app in the Entra admin center, the
/// change record, and for a rotation the way to remove the old credentials.
fn finished_extras(run: &Rc<RefCell<Run>>, outcome: &Outcome, plan: Option<&Plan>) -> Vec<Node> {
    let mut run = run.borrow_mut();
    let words = run.words();
    let mut extras = Vec::new();
    if let Some(portal) = run
        .run_config()
        .and_then(|config| admin_portal(config.cloud))
    {
        extras.extend(screens::admin_links(words, &portal, &outcome.client_id));
    }
    let path = match run.kind {
        RunKind::Connect => ChangePath::Connect,
        RunKind::Repair => ChangePath::Repair,
        RunKind::Rotate(_) => ChangePath::Rotate,
    };
    if let Some(plan) = plan {
        let url = record_url(&ChangeRecord::from_outcome(
            path,
            outcome,
            plan,
            now_millis(),
        ));
        extras.extend(screens::record_link(words, url.as_ref()));
    }
    if let RunKind::Rotate(rotation) = &run.kind {
        match rotation.rotated(outcome) {
            Ok(rotated) => {
                run.rotated = Some(rotated);
                extras.push(screens::retire_prompt(words, run.dashboard));
            }
            Err(error) => extras.push(screens::notice("rotate-not-retired", &error.says(words))),
        }
    }
    extras
}
