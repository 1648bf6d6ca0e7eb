//! The page's side of the registration worker (`crate::worker`): starts it, sends it
//! commands, hands its reports to a callback, and ends it when dropped.

use std::cell::RefCell;
use std::rc::Rc;

use registrar_core::registration::messages::{Command, Report};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Event, MessageEvent, Worker};

/// The worker's loader (static/registration-worker-loader.js), beside `index.html`: it says
/// so when the worker's module cannot be loaded.
pub const WORKER_SCRIPT: &str = "registration-worker-loader.js";

/// A running registration worker.
pub struct RegistrationWorker {
    worker: Worker,
    /// Commands waiting for the worker to say it listens (its module loads asynchronously,
    /// and a message that arrives before it listens is lost); `None` once it does.
    waiting: Rc<RefCell<Option<Vec<String>>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

/// The message for a worker that could not be started, or failed: true before a run and after.
const NOT_LOADED: &str = "The registration part of this page stopped or could not be loaded. \
                          Reload the page and sign in again: whatever was already created in \
                          your tenant is found and finished, never duplicated.";

thread_local! {
    /// Every worker running now, so a fault that stops the page's module can still end them
    /// (`end_all`): they hold the admin's tokens, and nothing else would end them then.
    static RUNNING: RefCell<Vec<Worker>> = const { RefCell::new(Vec::new()) };
}

/// Ends every registration worker at once. For the panic hook, which runs while the module
/// stops: it never waits for a borrow, and a run cut short is safe to run again (it finishes
/// only what is missing).
pub fn end_all() {
    let _ = RUNNING.try_with(|running| {
        if let Ok(mut running) = running.try_borrow_mut() {
            for worker in running.drain(..) {
                worker.terminate();
            }
        }
    });
}

impl RegistrationWorker {
    /// Starts the worker; every report it sends goes to `on_report`.
    pub fn spawn(on_report: impl Fn(Report) + Clone + 'static) -> Result<Self, String> {
        let url = super::page_url(WORKER_SCRIPT).ok_or_else(|| NOT_LOADED.to_owned())?;
        Self::spawn_at(&url, on_report)
    }

    /// Starts the worker script at `url` (tests start one of their own).
    pub fn spawn_at(
        url: &str,
        on_report: impl Fn(Report) + Clone + 'static,
    ) -> Result<Self, String> {
        let worker = Worker::new(url).map_err(|_| NOT_LOADED.to_owned())?;
        RUNNING.with_borrow_mut(|running| running.push(worker.clone()));
        let waiting: Rc<RefCell<Option<Vec<String>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let on_message = {
            let (on_report, waiting, ready) = (on_report.clone(), waiting.clone(), worker.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let report = event
                    .data()
                    .as_string()
                    .and_then(|text| Report::from_json(&text))
                    .unwrap_or_else(|| Report::Broken {
                        message: NOT_LOADED.to_owned(),
                    });
                if report == Report::Ready {
                    for text in waiting.borrow_mut().take().unwrap_or_default() {
                        let _ = ready.post_message(&JsValue::from_str(&text));
                    }
                    return;
                }
                on_report(report);
            })
        };
        let on_error = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
            on_report(Report::Broken {
                message: NOT_LOADED.to_owned(),
            })
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(RegistrationWorker {
            worker,
            waiting,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn send(&self, command: &Command) {
        let Ok(text) = serde_json::to_string(command) else {
            return;
        };
        if let Some(waiting) = self.waiting.borrow_mut().as_mut() {
            waiting.push(text);
            return;
        }
        // Fails only for a terminated worker, which this handle never holds.
        let _ = self.worker.post_message(&JsValue::from_str(&text));
    }
}

impl Drop for RegistrationWorker {
    fn drop(&mut self) {
        self.worker.terminate();
        RUNNING.with_borrow_mut(|running| running.retain(|worker| *worker != self.worker));
    }
}
