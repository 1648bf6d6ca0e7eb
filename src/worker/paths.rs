//! The paths after sign-in other than connect: check an app (and repair it), find apps by name,
//! rotate an app's credentials, disconnect it. Each reads or writes with the core's maintenance
//! operations and answers with the next screen; a repair or a rotation's first phase is a
//! registration run (`super::registration`).

use std::cell::RefCell;
use std::rc::Rc;

use registrar_core::graph::{GraphTarget, RetryPolicy};
use registrar_core::handoff::HandoffRequest;
use registrar_core::maintenance::{
    AppCheck, ChangeRecord, CheckApp, Confirmation, Disconnect, FindApps, MaintenanceError, Maker,
    Operation, RetireOld, Rotation, repair_request, run as run_operation,
};
use registrar_core::portal::admin_portal;
use registrar_core::registration::RegistrationRequest;
use registrar_core::registration::messages::{Report, SummaryReport};
use registrar_core::wizard::{Fault, Screen, Words, screens};
use wasm_bindgen_futures::spawn_local;

use super::registration::{begin, start};
use super::{Run, RunKind, now_millis, post, record_url};
use crate::web::fetch::Fetch;
use crate::web::timer::BrowserTimer;

/// After sign-in: the first screen of `path`.
pub fn open(run: &Rc<RefCell<Run>>, path: &str, handoff: HandoffRequest) {
    {
        let mut borrowed = run.borrow_mut();
        let plan = borrowed.config.as_ref().map(|config| handoff.plan(config));
        match plan {
            Some(Ok(plan)) => borrowed.handoff = Some(plan),
            Some(Err(problem)) => {
                return post(&Report::Broken {
                    message: format!("The dashboard's start message cannot be used: {problem}"),
                });
            }
            None => return,
        }
    }
    match path {
        "maintain" => find(run, None, 1),
        _ => show(run, |words, summary, _| {
            screens::check_form(words, summary, None, None)
        }),
    }
}

/// A button of one of these paths' screens.
pub fn act(
    run: &Rc<RefCell<Run>>,
    action: &str,
    fields: &[(String, String)],
    run_random: [u8; 8],
    jitter_seed: u32,
) {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    let (verb, app_id) = action.split_once(':').unwrap_or((action, ""));
    match verb {
        "check-form" => show(run, |words, summary, _| {
            screens::check_form(words, summary, None, None)
        }),
        "check" if app_id.is_empty() => check(run, field("check-app-id"), jitter_seed, After::Show),
        "check" => check(run, app_id.to_owned(), jitter_seed, After::Show),
        "find" => find(run, Some(field("check-name")), jitter_seed),
        "repair" => check(
            run,
            app_id.to_owned(),
            jitter_seed,
            After::Repair(run_random),
        ),
        "rotate" => {
            let typed = field("rotate-name");
            let confirmation = if typed.is_empty() {
                Confirmation::None
            } else {
                Confirmation::TypedName(typed)
            };
            check(
                run,
                app_id.to_owned(),
                jitter_seed,
                After::Rotate(run_random, confirmation),
            )
        }
        "disconnect" => check(
            run,
            app_id.to_owned(),
            jitter_seed,
            After::ConfirmDisconnect,
        ),
        "disconnect-confirmed" => disconnect(
            run,
            app_id,
            Confirmation::TypedName(field("disconnect-name")),
            jitter_seed,
        ),
        "retire-old" => retire_old(run, jitter_seed),
        "run-again" => super::registration::run_again(run, jitter_seed),
        "profile" => choose_profile(run, app_id, run_random, jitter_seed),
        _ => super::broken(run.borrow().words(), Fault::UnknownButton),
    }
}

/// What to do once the app is checked.
enum After {
    Show,
    Repair([u8; 8]),
    Rotate([u8; 8], Confirmation),
    ConfirmDisconnect,
}

/// Posts the screen `build` makes, in the admin's language, for who signed in and the run.
fn show(
    run: &Rc<RefCell<Run>>,
    build: impl FnOnce(&'static Words, &SummaryReport, &Run) -> Screen,
) {
    let run = run.borrow();
    if let Some(summary) = run.summary() {
        post(&Report::Screen(build(run.words(), &summary, &run)));
    }
}

/// A short screen while Graph is read or written: its title and words, from `words.busy`.
fn busy(run: &Rc<RefCell<Run>>, say: impl FnOnce(&Words) -> (&'static str, &'static str)) {
    show(run, |words, summary, _| {
        let (title, says) = say(words);
        screens::busy(words, summary, title, says)
    });
}

/// The registration request for this deployment: what the profile wants.
fn request(run: &Run, run_random: [u8; 8]) -> Option<RegistrationRequest> {
    let (_, summary) = run.session.as_ref()?;
    Some(RegistrationRequest::new(
        run.run_config()?,
        summary,
        run_random,
    ))
}

/// Runs `operation` with the admin's token.
async fn operate<O: Operation>(run: &Rc<RefCell<Run>>, mut operation: O) -> Option<O::Output> {
    let (base, authorization) = run.borrow().target()?;
    let target = GraphTarget {
        base: &base,
        authorization: &authorization,
    };
    Some(run_operation(&mut operation, &Fetch, &BrowserTimer, target).await)
}

fn check(run: &Rc<RefCell<Run>>, app_id: String, jitter_seed: u32, after: After) {
    let Some((request, base)) = ({
        let borrowed = run.borrow();
        request(&borrowed, [0; 8]).zip(borrowed.graph_base())
    }) else {
        return;
    };
    busy(run, |w| (w.busy.reading_app_title, w.busy.reading_app));
    let operation = CheckApp::new(request, &app_id, &base, RetryPolicy::default(), jitter_seed);
    let run = run.clone();
    spawn_local(async move {
        let Some(checked) = operate(&run, operation).await else {
            return;
        };
        let check = match checked {
            Ok(check) => check,
            Err(error) => {
                return show(&run, |words, summary, _| {
                    screens::check_form(words, summary, None, Some(&error.says(words)))
                });
            }
        };
        run.borrow_mut().check = Some(check.clone());
        match after {
            After::Show => show_check(&run, &check),
            After::Repair(run_random) => repair(&run, &check, run_random, jitter_seed),
            After::Rotate(run_random, confirmation) => {
                rotate(&run, &check, run_random, confirmation, jitter_seed)
            }
            After::ConfirmDisconnect => match &check.app {
                Some(app) => show(&run, |words, summary, _| {
                    screens::confirm_disconnect(words, summary, app, None)
                }),
                None => show_check(&run, &check),
            },
        }
    });
}

fn show_check(run: &Rc<RefCell<Run>>, check: &AppCheck) {
    show(run, |words, summary, run| {
        let portal = run
            .run_config()
            .and_then(|config| admin_portal(config.cloud));
        screens::check_result(words, summary, check, portal.as_ref())
    });
}

/// The apps whose name starts with `name` (by default this product's name); for the maintain
/// path (`name` none), only the ones this product made.
fn find(run: &Rc<RefCell<Run>>, name: Option<String>, jitter_seed: u32) {
    let Some((request, base, default_name)) = ({
        let borrowed = run.borrow();
        let default_name = borrowed
            .run_config()
            .map(|config| config.app_display_name.clone());
        request(&borrowed, [0; 8])
            .zip(borrowed.graph_base())
            .zip(default_name)
            .map(|((request, base), name)| (request, base, name))
    }) else {
        return;
    };
    let made_here_only = name.is_none();
    let name = name.unwrap_or(default_name);
    busy(run, |w| (w.busy.finding_title, w.busy.finding));
    let operation = FindApps::new(&request, &name, &base, RetryPolicy::default(), jitter_seed);
    let run = run.clone();
    spawn_local(async move {
        match operate(&run, operation).await {
            Some(Ok(found)) if made_here_only => {
                let ours: Vec<_> = found
                    .into_iter()
                    .filter(|candidate| candidate.maker.is_this_product())
                    .collect();
                show(&run, |words, summary, _| {
                    screens::apps_made_here(words, summary, &ours)
                });
            }
            Some(Ok(found)) => show(&run, |words, summary, _| {
                screens::check_form(words, summary, Some(&found), None)
            }),
            Some(Err(error)) => show(&run, |words, summary, _| {
                screens::check_form(words, summary, None, Some(&error.says(words)))
            }),
            None => {}
        }
    });
}

fn repair(run: &Rc<RefCell<Run>>, check: &AppCheck, run_random: [u8; 8], jitter_seed: u32) {
    // Another product's app gets no new secret for this vendor from a repair: the check
    // offers none, and a forged button changes nothing.
    if let Some(app) = check.app.as_ref().filter(|app| app.maker == Maker::Other) {
        return problem_on_check(
            run,
            MaintenanceError::NotOurs {
                display_name: app.display_name.clone(),
                app_id: app.app_id.clone(),
            },
        );
    }
    let request = request(&run.borrow(), run_random);
    match request.map(|request| repair_request(request, check)) {
        Some(Ok(request)) => begin(run, request, RunKind::Repair, jitter_seed),
        Some(Err(error)) => problem_on_check(run, error),
        None => {}
    }
}

fn rotate(
    run: &Rc<RefCell<Run>>,
    check: &AppCheck,
    run_random: [u8; 8],
    confirmation: Confirmation,
    jitter_seed: u32,
) {
    let Some(request) = request(&run.borrow(), run_random) else {
        return;
    };
    match Rotation::start(check, &request, &confirmation) {
        Ok(rotation) => {
            let request = rotation.request(request);
            begin(run, request, RunKind::Rotate(rotation), jitter_seed);
        }
        // Not this product's app: its name, typed, confirms.
        Err(error @ (MaintenanceError::NotOurs { .. } | MaintenanceError::NameMismatch { .. })) => {
            if let Some(app) = &check.app {
                let typed = matches!(confirmation, Confirmation::TypedName(_));
                show(run, |words, summary, _| {
                    let problem = typed.then(|| error.says(words));
                    screens::confirm_rotation(words, summary, app, problem.as_deref())
                });
            }
        }
        Err(error) => problem_on_check(run, error),
    }
}

fn disconnect(run: &Rc<RefCell<Run>>, app_id: &str, confirmation: Confirmation, jitter_seed: u32) {
    let check = run.borrow().check.clone().filter(|check| {
        check
            .app
            .as_ref()
            .is_some_and(|app| app.app_id.eq_ignore_ascii_case(app_id))
    });
    let (Some(check), Some(base)) = (check, run.borrow().graph_base()) else {
        return super::broken(run.borrow().words(), Fault::CheckBeforeDisconnect);
    };
    let operation = match Disconnect::new(
        &check,
        &confirmation,
        &base,
        RetryPolicy::default(),
        jitter_seed,
    ) {
        Ok(operation) => operation,
        Err(error) => {
            if let Some(app) = &check.app {
                show(run, |words, summary, _| {
                    screens::confirm_disconnect(words, summary, app, Some(&error.says(words)))
                });
            }
            return;
        }
    };
    busy(run, |w| (w.busy.disconnecting_title, w.busy.disconnecting));
    operate_then(run, operation, |run, gone| {
        let url = record_url(&ChangeRecord::disconnected(&gone, now_millis()));
        run.borrow_mut().check = None;
        show(run, |words, summary, _| {
            screens::disconnected(words, summary, &gone, url.as_ref())
        });
    });
}

/// Phase 2 of a rotation, once the receiver has the new credentials.
fn retire_old(run: &Rc<RefCell<Run>>, jitter_seed: u32) {
    let (Some(rotated), Some(base)) = (run.borrow().rotated.clone(), run.borrow().graph_base())
    else {
        return;
    };
    busy(run, |w| (w.busy.retiring_title, w.busy.retiring));
    let operation = RetireOld::new(&rotated, &base, RetryPolicy::default(), jitter_seed);
    operate_then(run, operation, |run, retired| {
        let url = record_url(&ChangeRecord::retired(&retired, now_millis()));
        run.borrow_mut().rotated = None;
        show(run, |words, summary, _| {
            screens::retired(words, summary, &retired, url.as_ref())
        });
    });
}

/// Runs a write with the admin's token; `done` shows its success, a failure is said on the
/// check form.
fn operate_then<O, T>(
    run: &Rc<RefCell<Run>>,
    operation: O,
    done: impl FnOnce(&Rc<RefCell<Run>>, T) + 'static,
) where
    O: Operation<Output = Result<T, MaintenanceError>> + 'static,
    T: 'static,
{
    let run = run.clone();
    spawn_local(async move {
        match operate(&run, operation).await {
            Some(Ok(value)) => done(&run, value),
            Some(Err(error)) => problem_on_check(&run, error),
            None => {}
        }
    });
}

/// The admin chose another profile the configuration allows, on the plan: planned again with
/// it, with the same onboarding id and sealing key.
fn choose_profile(run: &Rc<RefCell<Run>>, profile: &str, run_random: [u8; 8], jitter_seed: u32) {
    let request = {
        let mut borrowed = run.borrow_mut();
        if borrowed.profile_by_dashboard || borrowed.confirmed {
            return;
        }
        borrowed.profile_by_admin = true;
        let plan = borrowed.handoff.as_ref();
        HandoffRequest {
            onboarding_id: plan.and_then(|plan| plan.onboarding_id.clone()),
            profile: Some(profile.to_owned()),
            public_key: plan
                .and_then(|plan| plan.key.as_ref())
                .map(|key| key.to_jwk()),
        }
    };
    start(run, run_random, jitter_seed, request);
}

/// A maintenance step refused or failed: said on the check form, where the admin can go on.
fn problem_on_check(run: &Rc<RefCell<Run>>, error: MaintenanceError) {
    show(run, |words, summary, _| {
        screens::check_form(words, summary, None, Some(&error.says(words)))
    });
}
