//! The registration worker: completes the admin's sign-in and runs the core's registration
//! engine and maintenance operations in a dedicated Web Worker, a module of its own that the
//! page starts when the admin clicks, so the first screen does not download it. It takes
//! [`Command`]s and answers with [`Report`]s (JSON text through `postMessage`), among them the
//! screen of each step, built by the core's wizard; the page only shows them. Its fetch and
//! timers are the page's (`crate::web`), bound on the global object.

mod paths;
mod registration;
mod sign_in;

use std::cell::RefCell;
use std::rc::Rc;

use registrar_core::auth::{SignedIn, SignedInSummary};
use registrar_core::config::{self, Config};
use registrar_core::handoff::HandoffPlan;
use registrar_core::maintenance::{AppCheck, Rotated, Rotation};
use registrar_core::preview::TenantPreview;
use registrar_core::registration::messages::{Command, ProgressReport, Report, SummaryReport};
use registrar_core::registration::{Engine, RegistrationRequest};
use registrar_core::wizard::{Fault, Language, Screen, Words, screens};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::web::crypto::NewCertificate;
use crate::web::sign_in::now_seconds;

/// Which kind of registration run the engine is doing.
#[derive(Default, Clone)]
enum RunKind {
    /// Create the app, or resume and repair the one this product made.
    #[default]
    Connect,
    /// Repair an app the admin checked.
    Repair,
    /// Phase 1 of a rotation: new credentials on the app.
    Rotate(Rotation),
}

/// What the worker holds between commands, in memory only: the configuration, the admin's
/// session once signed in, and the engine while the admin reads the plan.
#[derive(Default)]
struct Run {
    config: Option<Config>,
    /// The language the admin's page speaks: every screen built here is in it.
    language: Language,
    session: Option<(SignedIn, SignedInSummary)>,
    engine: Option<Engine>,
    kind: RunKind,
    /// The certificate this run made (with its private key), until the run finishes.
    certificate: Option<NewCertificate>,
    /// The run's profile, onboarding id and sealing key, from the dashboard's start message.
    handoff: Option<HandoffPlan>,
    /// The latest progress and when the run started (seconds), for the screens.
    progress: ProgressReport,
    started: u64,
    /// The admin confirmed the plan: progress now shows as the writing's screen.
    confirmed: bool,
    /// The plan on screen, to show again when the tenant preview arrives after it.
    plan_screen: Option<Screen>,
    preview: Option<TenantPreview>,
    /// The last app checked, which the next repair, rotation or disconnection acts on.
    check: Option<AppCheck>,
    /// A rotation's phase 1 is done: what phase 2 removes once the receiver has the new ones.
    rotated: Option<Rotated>,
    /// A dashboard started the page (a rotation's old credentials go on its acknowledgement).
    dashboard: bool,
    /// The last run's request and kind, for "Run it again".
    last: Option<(RegistrationRequest, RunKind)>,
    /// The dashboard's start chose the profile: the admin is offered no other.
    profile_by_dashboard: bool,
    /// The next run's profile is the admin's choice on the plan (not the dashboard's).
    profile_by_admin: bool,
}

impl Run {
    /// The words of the admin's language, for the screens.
    fn words(&self) -> &'static Words {
        self.language.words()
    }

    /// Who signed in, as the screens show it.
    fn summary(&self) -> Option<SummaryReport> {
        self.session
            .as_ref()
            .map(|(_, summary)| SummaryReport::from(summary))
    }

    fn elapsed(&self) -> u64 {
        now_seconds().saturating_sub(self.started)
    }

    /// The configuration this run works with: the dashboard's chosen profile, or the file's.
    fn run_config(&self) -> Option<&Config> {
        self.handoff
            .as_ref()
            .map(|plan| &plan.config)
            .or(self.config.as_ref())
    }

    fn graph_base(&self) -> Option<String> {
        self.config.as_ref().map(|c| c.endpoints.graph.clone())
    }

    /// Graph's base and the admin's `Authorization` header.
    fn target(&self) -> Option<(String, String)> {
        match (&self.config, &self.session) {
            (Some(config), Some((signed_in, _))) => Some((
                config.endpoints.graph.clone(),
                signed_in.access_token.authorization_header(),
            )),
            _ => None,
        }
    }
}

/// The change record as a text file the page offers (a `blob:` URL of this worker's, and the
/// text, which the page keeps once this worker ends).
fn record_url(record: &registrar_core::maintenance::ChangeRecord) -> Option<screens::RecordFile> {
    let text = record.to_text();
    let url = crate::web::download::object_url(text.as_bytes(), "text/plain")?;
    Some(screens::RecordFile { url, text })
}

/// Epoch milliseconds, for the change records.
fn now_millis() -> u64 {
    js_sys::Date::now() as u64
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
            None => broken(run.borrow().words(), Fault::UnreadableCommand),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The listener lives as long as the worker.
    on_message.forget();
    post(&Report::Ready);
}

/// The configuration the page runs with, parsed again here.
fn parse_config(text: &str, language: Language) -> Option<Config> {
    let parsed = config::parse(text).ok();
    if parsed.is_none() {
        broken(language.words(), Fault::NoConfiguration);
    }
    parsed
}

/// Tells the page it went wrong itself, in the admin's language.
fn broken(words: &Words, fault: Fault) {
    post(&Report::Broken {
        message: fault.says(&words.faults),
    });
}

fn obey(run: &Rc<RefCell<Run>>, command: Command) {
    match command {
        Command::SignIn {
            config,
            pending,
            response,
            jitter_seed,
            language,
        } => {
            let Some(config) = parse_config(&config, language) else {
                return;
            };
            *run.borrow_mut() = Run {
                config: Some(config.clone()),
                language,
                ..Run::default()
            };
            let run = run.clone();
            spawn_local(async move {
                match sign_in::sign_in(&config, &pending, &response, jitter_seed).await {
                    Ok((signed_in, summary)) => {
                        let report = SummaryReport::from(&summary);
                        post(&Report::Screen(screens::who(language.words(), &report)));
                        post(&Report::SignedIn(report));
                        run.borrow_mut().session = Some((signed_in, summary));
                    }
                    Err(error) => post(&Report::SignInFailed {
                        message: error.to_string(),
                        shown: error.says(language.words()),
                    }),
                }
            });
        }
        Command::Start {
            run_random,
            jitter_seed,
            handoff,
            language,
        } => {
            run.borrow_mut().language = language;
            registration::start(run, run_random, jitter_seed, handoff)
        }
        Command::Confirm => registration::confirm(run),
        Command::Manual { config, language } => {
            if let Some(config) = parse_config(&config, language) {
                post(&Report::Screen(screens::manual(language.words(), &config)));
            }
        }
        Command::Open {
            path,
            handoff,
            language,
            dashboard,
        } => {
            run.borrow_mut().language = language;
            run.borrow_mut().dashboard = dashboard;
            paths::open(run, &path, handoff)
        }
        Command::Act {
            action,
            fields,
            run_random,
            jitter_seed,
            language,
        } => {
            run.borrow_mut().language = language;
            paths::act(run, &action, &fields, run_random, jitter_seed)
        }
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
