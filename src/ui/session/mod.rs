//! The admin's session on this page: the wizard's step, the sign-in in progress, and the
//! registration worker that completes it and keeps the tokens. Provided as context by the shell;
//! the step components only read its signals and call its methods.
//!
//! The protocol is `registrar_core::auth`, the windows and the channel are `crate::web`, the
//! steps' order is `registrar_core::wizard::Wizard`. The code is redeemed, and Graph asked who
//! signed in, by the worker (`crate::worker`): the page never holds a token, and the first
//! screen does not download that code.

mod begin;
pub mod failure;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use registrar_core::auth::{AuthorizationResponse, ConsentAbility, PendingSignIn};
use registrar_core::config::Config;
use registrar_core::handoff::protocol::{self, Outbound};
use registrar_core::registration::messages::{Command, Report, SummaryReport};
use registrar_core::wizard::words::SignIn;
use registrar_core::wizard::{Event, Language, Path, Wizard, screens};

use self::begin::begin;
use self::failure::{Failure, blocked, dashboard_cancelled, unsupported, window_closed};
use super::handoff::Handoff;
use super::registration::RegistrationSignals;
use crate::web::config_source;
use crate::web::random::{jitter_seed, random_bytes};
use crate::web::registration_worker::RegistrationWorker;
use crate::web::sign_in::{Listening, RelayListener, ResponseListener};
use crate::web::windows::{Embedding, PopupBlocked, embedding, open_popup, open_relay};

thread_local! {
    /// Counts the admin's starts and cancels (one session per page): work that waited (the
    /// configuration's check) goes on only if none came since. A plain cell, not a
    /// `StoredValue`: each value type Leptos stores costs the first screen its own code.
    static ATTEMPT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Signals and values the steps share; `Copy`, so every closure takes it by value.
#[derive(Clone, Copy)]
pub struct Session {
    pub wizard: RwSignal<Wizard, LocalStorage>,
    /// Why the last sign-in failed, shown on the welcome step until the next one starts.
    pub failure: RwSignal<Option<Failure>, LocalStorage>,
    /// A response whose `state` is not ours arrived while waiting: said, then ignored.
    pub foreign_response: RwSignal<bool, LocalStorage>,
    /// The sign-in's address, when the browser blocked its window: the page offers it as a
    /// link that opens a new tab, and waits as for the window.
    pub blocked_sign_in: RwSignal<Option<String>, LocalStorage>,
    /// Why reading who signed in is waiting, if it is (Graph throttled it).
    pub checking_note: RwSignal<Option<String>, LocalStorage>,
    /// Who signed in.
    pub summary: RwSignal<Option<Arc<SummaryReport>>, LocalStorage>,
    pub registration: RegistrationSignals,
    /// The pending sign-in (verifier, state, nonce), in memory only while it is needed.
    pending: StoredValue<Option<PendingSignIn>, LocalStorage>,
    listener: StoredValue<Option<Listening>, LocalStorage>,
    /// Started at the click on "Sign in", so it loads while the admin is in the Microsoft
    /// window; a new sign-in gets a new one (the one before, and any run in it, ends).
    worker: StoredValue<Option<RegistrationWorker>, LocalStorage>,
    config: StoredValue<Arc<Config>, LocalStorage>,
    pub handoff: Handoff,
}

impl Session {
    /// Makes the session for this page and provides it.
    pub fn provide(config: Arc<Config>) -> Session {
        let worker = StoredValue::new_local(None);
        let session = Session {
            wizard: RwSignal::new_local(Wizard::default()),
            failure: RwSignal::new_local(None),
            foreign_response: RwSignal::new_local(false),
            blocked_sign_in: RwSignal::new_local(None),
            checking_note: RwSignal::new_local(None),
            summary: RwSignal::new_local(None),
            registration: RegistrationSignals::new(worker),
            pending: StoredValue::new_local(None),
            listener: StoredValue::new_local(None),
            worker,
            config: StoredValue::new_local(config),
            handoff: Handoff::expect(),
        };
        provide_context(session);
        session
            .handoff
            .on_cancel(move || session.dashboard_cancelled());
        // Delivered and confirmed, or the admin left: the worker, which holds the tokens, the
        // certificate's key and its files, ends, and the page forgets the secret it shows.
        // A rotation's receiver has the new credentials: the worker removes the old ones
        // first (phase 2), then the page forgets the secret; it ends when the admin leaves.
        session.handoff.on_secrets_gone(move |delivered| {
            let retire = delivered && session.registration.rotation_pending();
            session.registration.forget_secrets();
            if retire {
                session.act("retire-old", Vec::new());
            } else {
                session.drop_worker();
            }
        });
        session
    }

    pub fn expect() -> Session {
        expect_context()
    }

    /// The page's language: the dashboard's start or `config.json` say, else the admin's
    /// browser, else English. Tracked (a start may come after the page showed).
    pub fn language(&self) -> Language {
        self.handoff.language()
    }

    fn language_untracked(&self) -> Language {
        untrack(|| self.language())
    }

    /// The sign-in's words in the page's language now.
    fn sign_in_words(&self) -> &'static SignIn {
        crate::web::language::page_words(self.language_untracked()).sign_in
    }

    pub fn config(&self) -> Arc<Config> {
        self.config.get_value()
    }

    fn step(&self, event: Event) {
        self.wizard.update(|wizard| *wizard = wizard.on(event));
    }

    /// Forgets the pending sign-in and says why; the admin can start again at once.
    fn abandon(&self, failure: Failure) {
        self.forget_sign_in();
        self.failure.set(Some(failure));
        self.step(Event::Failed);
    }

    /// A new start, or the end of one: what waited for the one before stops.
    fn new_attempt(&self) {
        ATTEMPT.set(ATTEMPT.get() + 1);
    }

    fn forget_sign_in(&self) {
        self.new_attempt();
        self.pending.set_value(None);
        self.listener.set_value(None);
        self.blocked_sign_in.set(None);
    }

    /// Ends the worker later, not inside one of its own callbacks.
    fn drop_worker(&self) {
        let worker = self.worker;
        spawn_local(async move { worker.set_value(None) });
    }

    fn fresh_worker(self) {
        self.worker
            .set_value(RegistrationWorker::spawn(move |report| self.on_report(report)).ok());
    }

    fn send(&self, command: &Command) -> bool {
        self.worker
            .with_value(|worker| worker.as_ref().map(|w| w.send(command)))
            .is_some()
    }

    /// Opens the sign-in window for `path`. Everything up to `open_popup` runs synchronously
    /// inside the click: a window opened after an `await` has lost the user's gesture and
    /// popup blockers refuse it.
    pub fn start(self, path: Path) {
        self.new_attempt();
        self.fresh_worker();
        let config = self.config();
        let w = self.sign_in_words();
        let mut blocked_window = None;
        let result = begin(&config, &self.handoff, w).and_then(|sign_in| {
            let url = sign_in.authorize_url();
            let on_response = move |parameters: String| self.on_response(parameters);
            let listening = if embedding() == Embedding::Framed {
                // Partitioned storage and COOP: only a same-origin relay window can carry the
                // response back into another site's iframe.
                let relay = open_relay(&url, sign_in.state()).map_err(|PopupBlocked| blocked(w))?;
                let on_closed = move || {
                    // Later, not inside the listener's own callback: abandoning drops it.
                    spawn_local(async move {
                        if self.pending.with_value(Option::is_some) {
                            self.abandon(window_closed(w));
                        }
                    });
                };
                RelayListener::listen(relay, on_response, on_closed)
                    .map(Listening::Relay)
                    .ok_or_else(|| unsupported(w))?
            } else {
                let channel =
                    ResponseListener::listen(on_response).ok_or_else(|| unsupported(w))?;
                // Blocked: the page offers the sign-in as a link that opens a new tab (a click
                // on a link is a navigation, which popup blockers let through). Its redirect page
                // answers on the same channel, and the sign-in stays in memory, never in storage.
                blocked_window = open_popup(&url, "m365-registrar-sign-in")
                    .err()
                    .map(|PopupBlocked| url);
                Listening::Channel(channel)
            };
            self.listener.set_value(Some(listening));
            Ok(sign_in)
        });
        match result {
            Ok(sign_in) => {
                self.pending.set_value(Some(sign_in));
                self.foreign_response.set(false);
                self.blocked_sign_in.set(blocked_window);
                self.failure.set(None);
                self.step(Event::SignInOpened(path));
            }
            Err(failure) => self.abandon(failure),
        }
    }

    /// The admin gave up waiting for the Microsoft window.
    pub fn cancel(self) {
        self.forget_sign_in();
        self.failure.set(None);
        self.step(Event::Failed);
    }

    fn on_response(self, parameters: String) {
        let Ok(response) = AuthorizationResponse::from_parameters(&parameters) else {
            return;
        };
        // Another tab's sign-in answers on the same channel: only ours is taken.
        let ours = self.pending.with_value(|p| {
            p.as_ref()
                .is_some_and(|p| response.state() == Some(p.state()))
        });
        if !ours {
            // Another tab's sign-in, or a forgery: it must not end this one.
            if self.pending.with_value(Option::is_some) {
                self.foreign_response.set(true);
            }
            return;
        }
        if let Some(sign_in) = self.pending.try_update_value(Option::take).flatten() {
            self.complete(sign_in, parameters);
        }
    }

    /// Runs `then` once the configuration this page runs with is known to be the file the host
    /// served when the page loaded, if no other start or cancel came meanwhile. A page started
    /// from an older copy the browser kept loads again with the current one instead: nothing
    /// reaches the worker with the old one (README, "Hosting it yourself").
    /// One task type for both callers (each async task type costs the first screen its code).
    fn with_current_config(self, then: Box<dyn FnOnce()>) {
        let source = self.config().source.clone();
        let attempt = ATTEMPT.get();
        spawn_local(async move {
            if !config_source::still_current(&source).await {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            } else if ATTEMPT.get() == attempt {
                then();
            }
        });
    }

    /// The code is back and ours: once the configuration is known to be current, the worker
    /// redeems it, then asks Graph who signed in.
    fn complete(self, sign_in: PendingSignIn, parameters: String) {
        self.listener.set_value(None);
        self.blocked_sign_in.set(None);
        self.checking_note.set(None);
        self.step(Event::AnswerArrived);
        self.with_current_config(Box::new(move || self.redeem(sign_in, parameters)));
    }

    fn redeem(self, sign_in: PendingSignIn, parameters: String) {
        if self.worker.with_value(Option::is_none) {
            self.fresh_worker();
        }
        let command = serde_json::to_string(&sign_in)
            .ok()
            .map(|pending| Command::SignIn {
                config: self.config().source.clone(),
                pending,
                response: parameters,
                jitter_seed: jitter_seed(),
                language: self.language_untracked(),
            });
        match command {
            Some(command) if self.send(&command) => {}
            _ => self.abandon(unsupported(self.sign_in_words())),
        }
    }

    fn on_report(self, report: Report) {
        match report {
            Report::SignInWaiting { message } => self.checking_note.set(Some(message)),
            Report::SignedIn(summary) => {
                tell_signed_in(&self.handoff, &summary);
                self.summary.set(Some(Arc::new(summary)));
                self.step(Event::SignedIn);
                // The connect path starts its run when its step shows; the others open here.
                let path = match self.wizard.get_untracked().path {
                    Path::Check => "check",
                    Path::Maintain => "maintain",
                    Path::Connect | Path::Manual => return,
                };
                // The start's profile and key are taken now: a later start is too late.
                self.handoff.registration_began();
                self.send(&Command::Open {
                    dashboard: self.handoff.has_dashboard(),
                    path: path.to_owned(),
                    handoff: self.handoff.request(),
                    language: self.language_untracked(),
                });
            }
            Report::SignInFailed { message, shown } => {
                self.handoff.tell(&Outbound::Error {
                    code: protocol::ERROR_SIGN_IN_FAILED,
                    message: &message,
                });
                // The admin reads it in the page's language; the dashboard, in English.
                self.abandon(Failure::said(if shown.is_empty() {
                    message
                } else {
                    shown
                }));
            }
            Report::Broken { message } => {
                // A broken worker is not used again: the next click starts a fresh one.
                self.drop_worker();
                if self.summary.with_untracked(Option::is_some) {
                    self.registration.take(Report::Broken { message });
                } else {
                    // Before the sign-in is complete it is a failed sign-in: forget it.
                    self.abandon(Failure::said(message));
                }
            }
            other => self.registration.take(other),
        }
    }

    /// The dashboard cancelled: before the admin confirms the plan, everything stops (nothing
    /// was written); after, the writes finish and the result is delivered as usual.
    fn dashboard_cancelled(self) {
        if self.registration.is_writing() {
            return;
        }
        self.drop_worker();
        self.summary.set(None);
        self.handoff.tell(&Outbound::Error {
            code: protocol::ERROR_CANCELLED,
            message: "Cancelled before anything was written to the tenant.",
        });
        self.abandon(dashboard_cancelled(self.sign_in_words()));
    }

    /// The manual path: the worker builds the instructions from the current configuration;
    /// nothing signs in.
    pub fn choose_manual(self) {
        self.new_attempt();
        self.with_current_config(Box::new(move || self.manual()));
    }

    fn manual(self) {
        self.fresh_worker();
        let sent = self.send(&Command::Manual {
            config: self.config().source.clone(),
            language: self.language_untracked(),
        });
        if sent {
            self.failure.set(None);
            self.step(Event::ManualChosen);
        } else {
            self.abandon(unsupported(self.sign_in_words()));
        }
    }

    /// A button of a worker's screen the page does not answer itself.
    pub fn act(self, action: &str, fields: Vec<(String, String)>) {
        let Ok(run_random) = random_bytes::<8>() else {
            return self.abandon(failure::no_randomness(self.sign_in_words()));
        };
        self.send(&Command::Act {
            action: action.to_owned(),
            fields,
            run_random,
            jitter_seed: jitter_seed(),
            language: self.language_untracked(),
        });
    }

    /// Whether the account that signed in may go on to the plan.
    pub fn can_register(&self) -> bool {
        self.summary.with(|summary| {
            summary.as_ref().is_some_and(|summary| {
                ConsentAbility::from(summary.ability) != ConsentAbility::CannotRegister
            })
        })
    }
}

/// Tells the dashboard who signed in, and whether that account can finish.
fn tell_signed_in(handoff: &Handoff, summary: &SummaryReport) {
    let ability = ConsentAbility::from(summary.ability);
    let who = summary
        .user_principal_name
        .as_deref()
        .unwrap_or("an administrator");
    handoff.signed_in_to(&summary.tenant_id);
    handoff.tell_status(
        protocol::STATUS_SIGNED_IN,
        &["Signed in as ", who, " to ", &summary.tenant_name, "."].concat(),
    );
    if !ability.can_finish_alone() && ability != ConsentAbility::RolesUnreadable {
        handoff.tell_status(protocol::STATUS_CANNOT_FINISH, screens::verdict(ability));
    }
}
