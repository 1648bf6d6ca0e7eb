//! Signing the admin in, and showing who signed in before anything is created.
//!
//! The component only wires signals: the protocol is `registrar_core::auth`, the windows and the
//! channel are `crate::web`. The code is redeemed, and Graph asked who signed in, by the
//! registration worker (`crate::worker`), which keeps the tokens: the page never holds them,
//! and the first screen does not download that code.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use registrar_core::auth::{
    AuthorizationResponse, ConsentAbility, PendingSignIn, SignInError, SignInRandomness,
    SignInRequest,
};
use registrar_core::config::Config;
use registrar_core::handoff::protocol::{self, Outbound};
use registrar_core::registration::messages::{Command, Report, SummaryReport};

use crate::web::full_page::{self, NoSessionStorage};
use crate::web::random::{jitter_seed, random_bytes};
use crate::web::registration_worker::RegistrationWorker;
use crate::web::sign_in::{Listening, RelayListener, ResponseListener, redirect_uri};
use crate::web::windows::{Embedding, PopupBlocked, embedding, open_popup, open_relay};

use super::copy::copy;
use super::handoff::Handoff;
use super::registration::{Registration, RegistrationSignals};
use super::screen::ScreenView;
use registrar_core::wizard::screens;

/// Where the sign-in stands.
#[derive(Clone)]
enum Stage {
    Ready,
    /// The sign-in window is open; we wait for the redirect page.
    Waiting,
    /// The code is back; tokens and Graph are being asked.
    Checking,
    /// Signed in: who, to which tenant (the session itself stays in the worker).
    SignedIn(Arc<SummaryReport>),
    Failed(Failure),
}

#[derive(Clone)]
struct Failure {
    message: String,
    /// The popup blocker refused the window: say how to allow it.
    popup_blocked: bool,
}

impl From<SignInError> for Failure {
    fn from(error: SignInError) -> Self {
        Failure {
            message: error.starting_words(),
            popup_blocked: false,
        }
    }
}

#[component]
pub fn SignIn(config: Arc<Config>) -> impl IntoView {
    let handoff = Handoff::expect();
    let stage = RwSignal::new_local(Stage::Ready);
    // The pending sign-in (verifier, state, nonce) lives here, in memory, only while it is needed.
    let pending = StoredValue::new_local(None::<PendingSignIn>);
    let listener = StoredValue::new_local(None::<Listening>);
    // A response whose `state` is not ours arrived while waiting: said, then ignored.
    let foreign_response = RwSignal::new_local(false);
    // Forgets the pending sign-in and says why; the admin can start again at once.
    let abandon = move |failure: Failure| {
        pending.set_value(None);
        listener.set_value(None);
        stage.set(Stage::Failed(failure));
    };

    // The worker that completes the sign-in and registers; started at the first click on
    // "Sign in", so it loads while the admin is in the Microsoft window.
    let worker = StoredValue::new_local(None::<RegistrationWorker>);
    let registration = RegistrationSignals::new(worker);
    // Why reading who signed in is waiting, if it is (Graph throttled it).
    let checking_note = RwSignal::new_local(None::<String>);
    let on_report = move |report: Report| match report {
        Report::SignInWaiting { message } => checking_note.set(Some(message)),
        Report::SignedIn(summary) => {
            tell_signed_in(&handoff, &summary);
            stage.set(Stage::SignedIn(Arc::new(summary)))
        }
        Report::SignInFailed { message } => {
            handoff.tell(&Outbound::Error {
                code: protocol::ERROR_SIGN_IN_FAILED,
                message: &message,
            });
            stage.set(Stage::Failed(Failure {
                message,
                popup_blocked: false,
            }))
        }
        Report::Broken { message } => {
            // A broken worker is not used again: the next click starts a fresh one. Dropped
            // later, not inside its own message handler.
            spawn_local(async move { worker.set_value(None) });
            if matches!(stage.get_untracked(), Stage::SignedIn(_)) {
                registration.take(Report::Broken { message });
            } else {
                // Before the sign-in is complete it is a failed sign-in: forget it.
                abandon(Failure {
                    message,
                    popup_blocked: false,
                });
            }
        }
        other => registration.take(other),
    };
    // A fresh worker for a new sign-in; the one before (and any run in it) is terminated.
    let fresh_worker = move || worker.set_value(RegistrationWorker::spawn(on_report).ok());

    // The code is back and ours: the worker redeems it, then asks Graph who signed in.
    let complete = {
        let config = config.clone();
        move |sign_in: PendingSignIn, parameters: String| {
            listener.set_value(None);
            if worker.with_value(Option::is_none) {
                fresh_worker();
            }
            let command = serde_json::to_string(&sign_in)
                .ok()
                .map(|pending| Command::SignIn {
                    config: config.source.clone(),
                    pending,
                    response: parameters,
                    jitter_seed: jitter_seed(),
                });
            let sent = worker.with_value(|worker| match (worker, &command) {
                (Some(worker), Some(command)) => {
                    worker.send(command);
                    true
                }
                _ => false,
            });
            checking_note.set(None);
            stage.set(if sent {
                Stage::Checking
            } else {
                Stage::Failed(unsupported())
            });
        }
    };

    let on_response = {
        let complete = complete.clone();
        move |parameters: String| {
            let Ok(response) = AuthorizationResponse::from_parameters(&parameters) else {
                return;
            };
            // Another tab's sign-in answers on the same channel: only ours is taken.
            let ours = pending.with_value(|p| {
                p.as_ref()
                    .is_some_and(|p| response.state() == Some(p.state()))
            });
            if !ours {
                // Another tab's sign-in, or a forgery: it must not end this one.
                if pending.with_value(Option::is_some) {
                    foreign_response.set(true);
                }
                return;
            }
            if let Some(sign_in) = pending.try_update_value(Option::take).flatten() {
                complete(sign_in, parameters);
            }
        }
    };

    // Back from a full-page sign-in in this tab: finish it (its storage is already cleared).
    // The worker reads the answer, and says what is wrong with it.
    if let Some((sign_in, parameters)) = full_page::resume() {
        complete(sign_in, parameters);
    }

    // The other way when the popup is blocked, for a page nobody opened or framed: this tab
    // itself goes to the sign-in page and comes back.
    let sign_in_here = {
        let config = config.clone();
        move |_| {
            let started = begin(&config, &handoff).and_then(|sign_in| {
                full_page::start(&sign_in).map_err(|NoSessionStorage| Failure {
                    message: "This browser cannot keep the sign-in while this tab visits Microsoft \
                              (its storage is off). Allow pop-ups for this site instead, then click \
                              “Sign in with Microsoft” again."
                        .into(),
                    popup_blocked: true,
                })
            });
            if let Err(failure) = started {
                abandon(failure);
            }
        }
    };

    // Everything up to `open_popup` runs synchronously inside the click: a window opened after an
    // `await` has lost the user's gesture and popup blockers refuse it.
    let start = {
        let config = config.clone();
        move |_: ()| {
            fresh_worker();
            let result = begin(&config, &handoff).and_then(|sign_in| {
                let url = sign_in.authorize_url();
                let listening = if embedding() == Embedding::Framed {
                    // Partitioned storage and COOP: only a same-origin relay window can carry
                    // the response back into another site's iframe.
                    let relay =
                        open_relay(&url, sign_in.state()).map_err(|PopupBlocked| blocked())?;
                    let on_closed = move || {
                        // Later, not inside the listener's own callback: abandoning drops it.
                        spawn_local(async move {
                            if matches!(stage.get_untracked(), Stage::Waiting) {
                                abandon(Failure {
                                    message: "The sign-in window was closed before you finished. \
                                              Nothing was created. Click “Sign in with Microsoft” \
                                              to start again."
                                        .into(),
                                    popup_blocked: false,
                                });
                            }
                        });
                    };
                    RelayListener::listen(relay, on_response.clone(), on_closed)
                        .map(Listening::Relay)
                        .ok_or_else(unsupported)?
                } else {
                    let channel =
                        ResponseListener::listen(on_response.clone()).ok_or_else(unsupported)?;
                    open_popup(&url, "m365-registrar-sign-in").map_err(|PopupBlocked| blocked())?;
                    Listening::Channel(channel)
                };
                listener.set_value(Some(listening));
                Ok(sign_in)
            });
            match result {
                Ok(sign_in) => {
                    pending.set_value(Some(sign_in));
                    foreign_response.set(false);
                    stage.set(Stage::Waiting);
                }
                Err(failure) => abandon(failure),
            }
        }
    };

    // The dashboard cancelled: before the admin confirms the plan, everything stops (nothing
    // was written); after, the writes finish and the result is delivered as usual.
    handoff.on_cancel(move || {
        if registration.is_writing() {
            return;
        }
        pending.set_value(None);
        listener.set_value(None);
        spawn_local(async move { worker.set_value(None) });
        handoff.tell(&Outbound::Error {
            code: protocol::ERROR_CANCELLED,
            message: "Cancelled before anything was written to the tenant.",
        });
        stage.set(Stage::Failed(Failure {
            message: "The dashboard cancelled this registration. Nothing was created in your \
                      tenant."
                .into(),
            popup_blocked: false,
        }));
    });
    // Delivered and confirmed, or the admin left: the worker, which holds the tokens, the
    // certificate's key and its files, ends, and the page forgets the secret it shows.
    handoff.on_secrets_gone(move || {
        registration.forget_secrets();
        spawn_local(async move { worker.set_value(None) });
    });

    // The buttons of the screens after sign-in. Another account: inside this click, so the
    // sign-in window may open.
    let on_action = {
        let start = start.clone();
        move |action: &str, button: web_sys::Element| match action {
            "select-account" => start(()),
            "copy-link" => copy_page_link(button),
            "confirm" => {
                // Said at once: making a certificate takes a moment before the first write.
                let _ = button.set_attribute("disabled", "");
                button.set_text_content(Some("Creating…"));
                registration.act(action);
            }
            _ => {
                registration.act(action);
            }
        }
    };

    let cancel = move |_| {
        pending.set_value(None);
        listener.set_value(None);
        stage.set(Stage::Ready);
    };

    view! {
        <section class="card" id="sign-in">
            {move || match stage.get() {
                Stage::Ready => view! {
                    <button id="sign-in-button" on:click={let start = start.clone(); move |_| start(())}>"Sign in with Microsoft"</button>
                }.into_any(),
                Stage::Waiting => view! {
                    <p id="sign-in-waiting">"Finish signing in in the Microsoft window. If you closed \
                        it, or cannot find it, start again: nothing has been created yet."</p>
                    {move || foreign_response.get().then(|| view! {
                        <p class="error" id="sign-in-foreign" role="status">"A sign-in answer that was \
                            not for this page arrived (from another tab, or forged) and was ignored. \
                            Keep going in the Microsoft window."</p>
                    })}
                    <button id="sign-in-restart" on:click={let start = start.clone(); move |_| start(())}>"Start sign-in again"</button>
                    " "
                    <button class="secondary" id="sign-in-cancel" on:click=cancel>"Cancel"</button>
                }.into_any(),
                Stage::Checking => view! {
                    <p id="sign-in-checking">"Checking your sign-in and your roles…"</p>
                    {move || checking_note.get().map(|note| view! {
                        <p class="muted" id="sign-in-checking-wait" role="status">{note}</p>
                    })}
                }.into_any(),
                Stage::SignedIn(summary) => view! {
                    <ScreenView screen=registration.screen app_name=config.app_display_name.clone()
                        on_action=on_action.clone()/>
                    {(ConsentAbility::from(summary.ability) != ConsentAbility::CannotRegister).then(|| view! {
                        <Registration signals=registration/>
                    })}
                    <p>
                        <button class="secondary" id="sign-in-again" on:click={let start = start.clone(); move |_| start(())}>
                            "Sign in again, or with another account"
                        </button>
                    </p>
                }.into_any(),
                Stage::Failed(failure) => view! {
                    <div class="error" id="sign-in-error" role="alert">
                        <p class="message">{failure.message}</p>
                        {failure.popup_blocked.then(|| view! {
                            <p class="muted">"Nothing was created. Your browser only lets this page open a \
                                window right after a click."</p>
                        })}
                        {(failure.popup_blocked && embedding() == Embedding::Standalone).then(|| view! {
                            <button class="secondary" id="sign-in-here" on:click=sign_in_here.clone()>
                                "Sign in in this tab instead"
                            </button>
                            " "
                        })}
                        <button id="sign-in-button" on:click={let start = start.clone(); move |_| start(())}>"Sign in with Microsoft"</button>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

fn blocked() -> Failure {
    Failure {
        message: "Your browser blocked the sign-in window. Allow pop-ups for this site (the \
                  blocked-window icon at the right of the address bar), then click “Sign in with \
                  Microsoft” again."
            .into(),
        popup_blocked: true,
    }
}

fn unsupported() -> Failure {
    Failure {
        message: "This browser cannot pass the sign-in back to this page. Use a current Edge, \
                  Chrome, Firefox or Safari."
            .into(),
        popup_blocked: false,
    }
}

/// Builds the pending sign-in: fresh randomness and the authorize URL, with the tenant and
/// account the dashboard suggested, if it did.
fn begin(config: &Config, handoff: &Handoff) -> Result<PendingSignIn, Failure> {
    let (tenant, login_hint) = handoff.sign_in_hints();
    let bytes = random_bytes::<96>().map_err(|_| Failure {
        message: "This browser gave no secure random numbers (WebCrypto), so signing in is not safe here. \
                  Use a current browser over HTTPS."
            .into(),
        popup_blocked: false,
    })?;
    let redirect_uri = redirect_uri().ok_or_else(|| Failure {
        message: "This page cannot work out its own address; reload it.".into(),
        popup_blocked: false,
    })?;
    let request = SignInRequest {
        sign_in_base: &config.endpoints.sign_in,
        tenant: tenant.as_deref().unwrap_or(&config.tenant),
        client_id: &config.client_id,
        redirect_uri: &redirect_uri,
        graph_base: &config.endpoints.graph,
        scopes: config.scope_options(),
        login_hint: login_hint.as_deref(),
        domain_hint: None,
    };
    Ok(PendingSignIn::start(
        &request,
        &SignInRandomness::from_bytes(&bytes),
    )?)
}

/// Copies this page's address (without its query or fragment) for a Global Administrator.
fn copy_page_link(button: web_sys::Element) {
    let link = web_sys::window().and_then(|w| {
        let location = w.location();
        Some([location.origin().ok()?, location.pathname().ok()?].concat())
    });
    if let Some(link) = link {
        copy(
            &link,
            button,
            "Link copied: send it to a Global Administrator",
        );
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
