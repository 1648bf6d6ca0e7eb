//! The registration after sign-in: read the tenant, show the plan, run it on confirmation with
//! live progress, and show the verified result or why it stopped.
//!
//! The engine runs in the registration worker (`crate::worker`), a module downloaded only now,
//! so the first screen stays small; the worker also builds each step's screen with the core's
//! wizard (`registrar_core::wizard::screens`). This component sends it commands, shows the
//! screens, and tells the dashboard how the run goes.

use leptos::prelude::*;
use registrar_core::handoff::protocol::{self, Outbound};
use registrar_core::registration::messages::{Command, Report};
use registrar_core::wizard::Screen;

use super::handoff::{DeliveryPanel, Handoff};
use crate::web::random::{jitter_seed, random_bytes};
use crate::web::registration_worker::RegistrationWorker;

/// Where the registration stands.
#[derive(Clone, PartialEq)]
enum Stage {
    /// Reading the tenant, or the plan waits for the admin's confirmation.
    BeforeWriting,
    /// Writing, with progress.
    Running,
    Finished,
    Stopped,
    /// The registration could not run in this browser (no worker, no secure randomness).
    Unavailable(String),
}

/// The registration's state and the screen it shows, fed by the worker's reports (through the
/// sign-in component, which owns the worker).
#[derive(Clone, Copy)]
pub struct RegistrationSignals {
    stage: RwSignal<Stage, LocalStorage>,
    /// The step's screen, as the worker built it.
    pub screen: RwSignal<Option<Screen>, LocalStorage>,
    worker: StoredValue<Option<RegistrationWorker>, LocalStorage>,
    handoff: Handoff,
}

impl RegistrationSignals {
    pub fn new(worker: StoredValue<Option<RegistrationWorker>, LocalStorage>) -> Self {
        RegistrationSignals {
            stage: RwSignal::new_local(Stage::BeforeWriting),
            screen: RwSignal::new_local(None),
            worker,
            handoff: Handoff::expect(),
        }
    }

    /// The admin confirmed a plan: the tenant is being (or was) written.
    pub fn is_writing(&self) -> bool {
        self.handoff.confirmed()
    }

    /// Removes the secret and the certificate's files from what the page shows.
    pub fn forget_secrets(&self) {
        self.screen.update(|screen| {
            if let Some(shown) = screen {
                *shown = shown.without_secrets();
            }
        });
    }

    /// Takes one of the worker's registration reports.
    pub fn take(&self, report: Report) {
        let (stage, handoff) = (self.stage, self.handoff);
        match report {
            Report::Screen(screen) => self.screen.set(Some(screen)),
            Report::Progress(now) => {
                if stage.get_untracked() == Stage::Running {
                    handoff.tell_progress(&now);
                }
            }
            Report::Plan { .. } => {
                // A repair or a rotation after an earlier run plans again.
                if stage.get_untracked() != Stage::BeforeWriting {
                    stage.set(Stage::BeforeWriting);
                }
                handoff.tell_status(
                    protocol::STATUS_PLAN,
                    "The plan waits for the admin's confirmation.",
                )
            }
            Report::Handoff(report) => handoff.take_result(report),
            Report::Finished(_) => stage.set(Stage::Finished),
            Report::Stopped { message, in_tenant } => {
                let said = [message.as_str(), " ", &in_tenant].concat();
                handoff.tell(&Outbound::Error {
                    code: protocol::ERROR_STOPPED,
                    message: &said,
                });
                stage.set(Stage::Stopped)
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
            | Report::CertificateFiles(_)
            | Report::SignedIn(_)
            | Report::SignInFailed { .. }
            | Report::SignInWaiting { .. } => {}
        }
    }

    /// Whether the result on screen is a rotation's, whose old credentials go once the
    /// receiver has the new ones.
    /// (With a dashboard the worker shows no "remove the old ones" button, only that they go
    /// on its acknowledgement.)
    pub fn rotation_pending(&self) -> bool {
        self.screen.with_untracked(|screen| {
            screen.as_ref().is_some_and(|s| {
                s.find("rotate-retire").is_some() || s.find("rotate-awaiting").is_some()
            })
        })
    }

    pub fn send(&self, command: &Command) -> bool {
        self.worker
            .with_value(|worker| worker.as_ref().map(|w| w.send(command)))
            .is_some()
    }

    /// A new run: reads the tenant afresh, so it resumes or repairs whatever exists.
    pub fn start(&self) {
        let unavailable = |message: &str| self.stage.set(Stage::Unavailable(message.to_owned()));
        let Ok(run_random) = random_bytes::<8>() else {
            return unavailable(
                "This browser gave no secure random numbers (WebCrypto). Use a current browser \
                 over HTTPS.",
            );
        };
        self.stage.set(Stage::BeforeWriting);
        self.handoff.registration_began();
        let command = Command::Start {
            run_random,
            jitter_seed: jitter_seed(),
            handoff: self.handoff.request(),
            language: untrack(|| self.handoff.language()),
        };
        if !self.send(&command) {
            unavailable(
                "This browser could not start the registration (no Web Workers). Use a current \
                 Edge, Chrome, Firefox or Safari.",
            );
        }
    }

    /// Answers a button of the registration's screens; false for one it does not know.
    pub fn act(&self, action: &str) -> bool {
        match action {
            "confirm" if self.stage.get_untracked() == Stage::BeforeWriting => {
                self.send(&Command::Confirm);
                self.handoff.confirm();
                self.handoff.tell_status(
                    protocol::STATUS_REGISTERING,
                    "The admin confirmed the plan: registering.",
                );
                self.stage.set(Stage::Running);
            }
            "run-again" => self.start(),
            _ => return false,
        }
        true
    }
}

/// Starts the run (`autostart`: the connect path; a repair or a rotation starts from a button);
/// after it, the hand-off's panel, or why the registration cannot run here.
#[component]
pub fn Registration(signals: RegistrationSignals, autostart: bool) -> impl IntoView {
    if autostart {
        signals.start();
    }
    let stage = signals.stage;
    move || match stage.get() {
        Stage::Finished => Some(view! { <DeliveryPanel/> }.into_any()),
        Stage::Unavailable(message) => Some(
            view! { <p class="error" id="registration-unavailable" role="alert">{message}</p> }
                .into_any(),
        ),
        _ => None,
    }
}
