//! The hand-off as the page lives it: the dashboard's start (its hints and key), what the
//! dashboard hears of the run, the result's delivery and acknowledgement, and the admin's own
//! ways to keep the bundle (download, copy, send again).
//!
//! Provided as context by the welcome screen, so the sign-in and the registration reach it
//! without passing it through every component. The rules live in the core
//! (`registrar_core::handoff`); the messages go through `crate::web::handoff`.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use registrar_core::config::Config;
use registrar_core::handoff::delivery::{Delivery, DeliveryState, StartVerdict};
use registrar_core::handoff::protocol::{self, AcceptedStart, Inbound, Outbound, accept_start};
use registrar_core::handoff::{HandoffReport, HandoffRequest};
use registrar_core::registration::messages::ProgressReport;

use crate::web::download::object_url;
use crate::web::handoff::{DashboardLink, Heard, on_page_hide, opener_lost};
use crate::web::random::random_bytes;

/// Everything the hand-off knows, in one value: one signal of one type keeps the page's
/// download small (each signal type costs its own copy of the reactive machinery).
struct State {
    config: Arc<Config>,
    delivery: Delivery,
    start: Option<AcceptedStart>,
    /// Messages ignored: wrong origin, wrong window, unknown or malformed.
    ignored: u32,
    /// The result waiting for delivery; dropped once acknowledged.
    report: Option<Arc<HandoffReport>>,
    /// The settings file as a `blob:` URL, while the report is held.
    file_url: Option<String>,
    /// Whether the result was sealed, and the key's thumbprint: kept after the report goes.
    sealing: Option<(bool, Option<String>)>,
    /// What the sign-in does when the dashboard cancels, and when the secrets must go.
    on_cancel: Option<Rc<dyn Fn()>>,
    /// A cancel arrived and waits for its hook.
    cancelled_now: bool,
    on_secrets_gone: Option<Rc<dyn Fn()>>,
}

/// The hand-off's state, shared by the sign-in, the registration and the result.
#[derive(Clone, Copy)]
pub struct Handoff {
    state: RwSignal<State, LocalStorage>,
    link: StoredValue<Option<DashboardLink>, LocalStorage>,
}

impl Handoff {
    /// Opens the link to the dashboard and provides the hand-off to every component below.
    pub fn provide(config: Arc<Config>) -> Handoff {
        let allowed = config
            .handoff_origins
            .iter()
            .map(|o| o.as_str().to_owned())
            .collect();
        let handoff = Handoff {
            state: RwSignal::new_local(State {
                config,
                delivery: Delivery::new(),
                start: None,
                ignored: 0,
                report: None,
                file_url: None,
                sealing: None,
                on_cancel: None,
                cancelled_now: false,
                on_secrets_gone: None,
            }),
            link: StoredValue::new_local(None),
        };
        let link = DashboardLink::open(allowed, move |heard| handoff.hear(heard));
        handoff.link.set_value(link);
        // The admin leaves (the page may come back from the back-forward cache): the secrets go.
        on_page_hide(move || handoff.secrets_gone());
        // The notices and the delivery panel are fixed elements whose texts follow the state,
        // set by this one effect: cheaper to download than reactive views (README, "Download
        // size").
        Effect::new(move |_| {
            handoff.state.with(|state| {
                show_ignored(state.ignored);
                Panel::of(state).show();
            })
        });
        provide_context(handoff);
        handoff
    }

    pub fn expect() -> Handoff {
        expect_context::<Handoff>()
    }

    fn hear(self, heard: Heard) {
        let answer = self.state.try_update(|state| match heard {
            Heard::Ignored => {
                state.ignored += 1;
                None
            }
            Heard::Message { origin, inbound } => state.take(origin, inbound),
        });
        if let Some(Some(answer)) = answer {
            self.link.with_value(|link| match (link, answer) {
                (Some(link), Answer::Pin(origin)) => link.pin(&origin),
                (Some(link), Answer::Reply { origin, text }) => link.answer(&origin, &text),
                (None, _) => {}
            });
        }
        if self.state.with_untracked(|s| s.cancelled_now) {
            self.state.update_untracked(|s| s.cancelled_now = false);
            self.call(|s| s.on_cancel.clone());
        }
        if self
            .state
            .with_untracked(|s| s.delivery.state() == DeliveryState::Acknowledged)
        {
            self.secrets_gone();
        }
    }

    /// Calls the hook `pick` chooses, outside the state's borrow (the hook may read it).
    fn call(&self, pick: impl Fn(&State) -> Option<Rc<dyn Fn()>>) {
        if let Some(hook) = self.state.with_untracked(pick) {
            hook();
        }
    }

    /// What to do when the dashboard cancels.
    pub fn on_cancel(&self, hook: impl Fn() + 'static) {
        self.state
            .update_untracked(|s| s.on_cancel = Some(Rc::new(hook)));
    }

    /// What to do when the secret and key must leave the page.
    pub fn on_secrets_gone(&self, hook: impl Fn() + 'static) {
        self.state
            .update_untracked(|s| s.on_secrets_gone = Some(Rc::new(hook)));
    }

    /// Delivered and confirmed, or the admin left: the bundle, the secret and the key go.
    fn secrets_gone(&self) {
        self.drop_bundle();
        self.call(|s| s.on_secrets_gone.clone());
    }

    /// The admin clicked "Sign in": later starts are too late.
    pub fn sign_in_began(&self) {
        self.state.update(|s| s.delivery.sign_in_began());
    }

    /// The tenant and account the dashboard suggested for the sign-in.
    pub fn sign_in_hints(&self) -> (Option<String>, Option<String>) {
        self.state.with_untracked(|s| {
            s.start
                .as_ref()
                .map_or((None, None), |s| (s.tenant.clone(), s.login_hint.clone()))
        })
    }

    /// What the registration worker needs from the start: onboarding id, profile, key.
    pub fn request(&self) -> HandoffRequest {
        self.state.with_untracked(|s| {
            s.start
                .as_ref()
                .map_or_else(HandoffRequest::default, |s| HandoffRequest {
                    onboarding_id: s.onboarding_id.clone(),
                    profile: s.profile.clone(),
                    public_key: s.public_key.as_ref().map(|key| key.to_jwk()),
                })
        })
    }

    /// Tells the dashboard (if one started the page) how the run goes.
    pub fn tell(&self, message: &Outbound<'_>) {
        let text = message.to_json();
        self.link.with_value(|link| {
            if let Some(link) = link {
                link.post(&text)
            }
        });
    }

    pub fn tell_progress(&self, progress: &ProgressReport) {
        let finished = |class: &str| class == "done" || class == "skipped";
        let done = progress.steps.iter().filter(|s| finished(&s.class)).count();
        let step = progress
            .steps
            .iter()
            .find(|s| !finished(&s.class))
            .or(progress.steps.last())
            .map(|s| s.key.as_str())
            .unwrap_or_default();
        self.tell(&Outbound::Progress {
            step,
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(progress.steps.len()).unwrap_or(u32::MAX),
        });
    }

    /// The worker made the bundle: held here, offered as a file, and sent to the dashboard.
    pub fn take_result(&self, report: HandoffReport) {
        self.drop_bundle();
        let Ok(bytes) = random_bytes::<12>() else {
            return;
        };
        let result_id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let file_url = object_url(report.file_text.as_bytes(), file_type(&report));
        self.state.update(|s| {
            s.file_url = file_url;
            s.sealing = Some((report.sealed, report.key_thumbprint.clone()));
            s.report = Some(Arc::new(report));
            s.delivery.result_ready(&result_id);
        });
        self.post_result();
    }

    /// Sends the result (again) to the dashboard, if one started the page and has not
    /// acknowledged it.
    pub fn send_again(&self) {
        if self.state.try_update(|s| s.delivery.send().is_some()) == Some(true) {
            self.post_result();
        }
    }

    fn post_result(&self) {
        let text = self
            .state
            .with_untracked(|s| match (s.delivery.state(), &s.report) {
                (DeliveryState::Pending { result_id, .. }, Some(report)) => Some(
                    Outbound::Result {
                        result_id: &result_id,
                        handoff: report,
                    }
                    .to_json(),
                ),
                _ => None,
            });
        if let Some(text) = text {
            self.link.with_value(|link| {
                if let Some(link) = link {
                    link.post(&text)
                }
            });
        }
    }

    /// After the acknowledgement, or when the admin leaves: the bundle is dropped.
    pub fn drop_bundle(&self) {
        let url = self.state.try_update(|s| {
            s.report = None;
            s.file_url.take()
        });
        if let Some(Some(url)) = url {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

/// What the link does after a valid message.
enum Answer {
    /// A start was taken: talk to this origin only, from now on.
    Pin(String),
    /// Answer the start's sender (an error).
    Reply { origin: String, text: String },
}

impl State {
    /// A valid message from the dashboard's window: what the link must do, if anything.
    fn take(&mut self, origin: String, inbound: Inbound) -> Option<Answer> {
        let pinned = self.delivery.dashboard() == Some(origin.as_str());
        match inbound {
            Inbound::Start(start) => {
                let error = |code, message: &str| {
                    Some(Answer::Reply {
                        origin: origin.clone(),
                        text: Outbound::Error { code, message }.to_json(),
                    })
                };
                let accepted = match accept_start(&start, &self.config) {
                    Ok(accepted) => accepted,
                    Err(message) => return error(protocol::ERROR_BAD_START, &message),
                };
                match self.delivery.on_start(&origin) {
                    StartVerdict::Accepted => {
                        self.start = Some(accepted);
                        return Some(Answer::Pin(origin));
                    }
                    StartVerdict::TooLate => {
                        return error(
                            protocol::ERROR_TOO_LATE,
                            "The admin already began signing in: send the start message in \
                             answer to ready.",
                        );
                    }
                    StartVerdict::Repeated => self.ignored += 1,
                }
            }
            Inbound::Ack { result_id } => {
                if !self.delivery.on_ack(&origin, &result_id) {
                    self.ignored += 1;
                }
            }
            Inbound::Cancel if pinned => self.cancelled_now = true,
            Inbound::Cancel => self.ignored += 1,
        }
        None
    }
}

fn file_type(report: &HandoffReport) -> &'static str {
    if report.sealed {
        "application/jose"
    } else {
        "application/json"
    }
}

/// Messages ignored, and a dashboard that opened the page but lost its link to it.
#[component]
pub fn HandoffNotices() -> impl IntoView {
    let lost = opener_lost();
    view! {
        {lost.then(|| view! {
            <div class="error" id="handoff-lost-opener" role="alert">
                <p class="message">"The dashboard that opened this page lost its link to it, so the \
                    result cannot be sent back to it. You can still register here and download the \
                    settings file for the vendor."</p>
                <p class="muted">"For the vendor: the dashboard is served with \
                    Cross-Origin-Opener-Policy: same-origin, which cuts the window it opens off. \
                    Use same-origin-allow-popups."</p>
            </div>
        })}
        <p class="muted" id="handoff-ignored" hidden></p>
    }
}

/// Where the result is, and what the admin can do with it until it is delivered. One fixed
/// structure whose texts and attributes follow the state: cheaper to download than views that
/// come and go.
#[component]
pub fn DeliveryPanel() -> impl IntoView {
    let handoff = Handoff::expect();
    // Filled by the hand-off's effect, once this is in the page.
    handoff.state.update(|_| {});
    let send_again = move |_| handoff.send_again();
    view! {
        <section id="handoff" aria-live="polite">
            <h3>"Hand-off to the backup server"</h3>
            <p id="handoff-state"></p>
            <p id="handoff-to" hidden>"Dashboard: "<bdi id="handoff-dashboard"></bdi></p>
            <p id="handoff-sealing" hidden>
                <span id="handoff-sealing-words"></span>" "<code id="handoff-key-thumbprint"></code>
            </p>
            <button id="handoff-send-again" hidden on:click=send_again>"Send again"</button>" "
            <a id="handoff-download" class="button" hidden></a>
        </section>
    }
}

/// What the delivery panel shows, read from the state.
#[derive(Clone, PartialEq)]
struct Panel {
    key: &'static str,
    words: &'static str,
    dashboard: String,
    sealing: &'static str,
    thumbprint: String,
    file_url: String,
    file_name: String,
    download: &'static str,
}

impl Panel {
    /// Writes the panel into the page (a no-op before it is mounted).
    fn show(&self) {
        let element = element_by_id;
        let text = |id: &str, text: &str| {
            if let Some(e) = element(id) {
                e.set_text_content(Some(text))
            }
        };
        let attribute = |id: &str, name: &str, value: Option<&str>| {
            if let Some(e) = element(id) {
                let _ = match value {
                    Some(value) => e.set_attribute(name, value),
                    None => e.remove_attribute(name),
                };
            }
        };
        let shown = |visible: bool| (!visible).then_some("");
        text("handoff-state", self.words);
        attribute("handoff-state", "data-state", Some(self.key));
        text("handoff-dashboard", &self.dashboard);
        attribute("handoff-to", "hidden", shown(!self.dashboard.is_empty()));
        text("handoff-sealing-words", self.sealing);
        text("handoff-key-thumbprint", &self.thumbprint);
        attribute("handoff-sealing", "hidden", shown(!self.sealing.is_empty()));
        attribute("handoff-send-again", "hidden", shown(self.key == "pending"));
        text("handoff-download", self.download);
        attribute("handoff-download", "href", Some(&self.file_url));
        attribute("handoff-download", "download", Some(&self.file_name));
        attribute(
            "handoff-download",
            "hidden",
            shown(!self.file_url.is_empty()),
        );
    }

    fn of(state: &State) -> Panel {
        let (key, words) = match state.delivery.state() {
            DeliveryState::NoDashboard | DeliveryState::Connected => (
                "download",
                "No dashboard is waiting for this result: download the settings file and give it \
                 to your backup product.",
            ),
            DeliveryState::Pending { .. } => (
                "pending",
                "The result was sent to the dashboard below, which has not confirmed it yet. Until \
                 it does, this page keeps it: send it again, or download it.",
            ),
            DeliveryState::Acknowledged => (
                "delivered",
                "Delivered to the dashboard below, which confirmed it. The secret and the \
                 certificate's key were removed from this page.",
            ),
        };
        let report = state.report.as_deref();
        let sealed = matches!(state.sealing, Some((true, _)));
        Panel {
            key,
            words,
            dashboard: state.delivery.dashboard().unwrap_or_default().to_owned(),
            sealing: match state.sealing {
                Some((true, _)) => {
                    "Sealed: only the backup server's private key opens it. Key thumbprint:"
                }
                Some((false, _)) => {
                    "Not sealed: whoever gets the settings file can read the secret."
                }
                None => "",
            },
            thumbprint: state
                .sealing
                .as_ref()
                .and_then(|(_, thumbprint)| thumbprint.clone())
                .unwrap_or_default(),
            file_url: state.file_url.clone().unwrap_or_default(),
            file_name: report.map(|r| r.file_name.clone()).unwrap_or_default(),
            download: if sealed {
                "Download the sealed settings file"
            } else {
                "Download the settings file"
            },
        }
    }
}

fn element_by_id(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Says how many messages were ignored (the element is hidden while none were).
fn show_ignored(ignored: u32) {
    if let Some(element) = element_by_id("handoff-ignored") {
        element.set_text_content(Some(&format!(
            "{ignored} message(s) from other pages were ignored."
        )));
        let _ = element.set_attribute("data-count", &ignored.to_string());
        let _ = match ignored {
            0 => element.set_attribute("hidden", ""),
            _ => element.remove_attribute("hidden"),
        };
    }
}
