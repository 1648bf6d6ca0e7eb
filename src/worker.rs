//! The registration worker: runs the core's registration engine in a dedicated Web Worker, a
//! module of its own that the page downloads only once an admin has signed in. It takes
//! [`Command`]s and answers with [`Report`]s (JSON text through `postMessage`); the page only
//! shows them. Its fetch and timers are the page's (`crate::web`), bound on the global object.

use std::cell::RefCell;
use std::rc::Rc;

use registrar_core::config;
use registrar_core::graph::{GraphTarget, RetryPolicy};
use registrar_core::registration::messages::{Command, ProgressReport, Report};
use registrar_core::registration::{Engine, Halt, RegistrationRequest, drive};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::web::fetch::Fetch;
use crate::web::timer::BrowserTimer;

/// One run's state between commands: the engine waits here while the admin reads the plan.
#[derive(Default)]
struct Run {
    engine: Option<Engine>,
    graph_base: String,
    authorization: String,
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
        Command::Start {
            config,
            tenant_id,
            ability,
            run_random,
            jitter_seed,
            authorization,
        } => {
            let Ok(config) = config::parse(&config) else {
                post(&Report::Broken {
                    message: "The registration part of this page could not read the \
                              configuration. Reload the page."
                        .to_owned(),
                });
                return;
            };
            let request =
                RegistrationRequest::for_tenant(&config, &tenant_id, ability.into(), run_random);
            let engine = Engine::new(
                request,
                &config.endpoints.graph,
                RetryPolicy::default(),
                jitter_seed,
            );
            *run.borrow_mut() = Run {
                engine: None,
                graph_base: config.endpoints.graph.clone(),
                authorization,
            };
            go(run.clone(), engine);
        }
        Command::Confirm => {
            let engine = run.borrow_mut().engine.take();
            if let Some(mut engine) = engine {
                engine.confirm();
                go(run.clone(), engine);
            }
        }
    }
}

/// Drives `engine` until it halts, reporting progress on the way.
fn go(run: Rc<RefCell<Run>>, mut engine: Engine) {
    spawn_local(async move {
        let (base, authorization) = {
            let run = run.borrow();
            (run.graph_base.clone(), run.authorization.clone())
        };
        let target = GraphTarget {
            base: &base,
            authorization: &authorization,
        };
        let halt = drive(&mut engine, &Fetch, &BrowserTimer, target, |progress| {
            post(&Report::Progress(ProgressReport::from_progress(progress)))
        })
        .await;
        let awaiting = matches!(halt, Halt::AwaitingConfirmation);
        let report = Report::from_halt(halt, engine.plan());
        if awaiting {
            run.borrow_mut().engine = Some(engine);
        }
        post(&report);
    });
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
