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
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::web::download::object_url;
use crate::web::handoff::{DashboardLink, Heard, on_page_hide, opener_lost};
use crate::web::language;
use crate::web::random::random_bytes;
use registrar_core::wizard::Language;
use registrar_core::wizard::words::HandOff;

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
    /// The tenant signed in to, for the status messages.
    tenant_id: Option<String>,
    /// The admin left the page: the bundle is gone even if it comes back (back-forward cache).
    left: bool,
    /// The admin confirmed a plan once: from then on the tenant may hold what was written.
    confirmed: bool,
    /// What the sign-in does when the dashboard cancels, and when the secrets must go.
    on_cancel: Option<Rc<dyn Fn()>>,
    /// Called with `true` when the dashboard acknowledged, `false` when the admin left.
    on_secrets_gone: Option<Rc<dyn Fn(bool)>>,
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
                tenant_id: None,
                left: false,
                confirmed: false,
                on_cancel: None,
                on_secrets_gone: None,
            }),
            link: StoredValue::new_local(None),
        };
        let link = DashboardLink::open(allowed, move |heard| handoff.hear(heard));
        handoff.link.set_value(link);
        // The admin leaves (the page may come back from the back-forward cache): the secrets go.
        on_page_hide(move || {
            handoff.state.update(|s| s.left = true);
            handoff.secrets_gone(false);
        });
        // The notices and the delivery panel are fixed elements whose texts follow the state,
        // set by this one effect: cheaper to download than reactive views (README, "Download
        // size").
        Effect::new(move |_| {
            let words = language::page_words(handoff.language()).hand_off;
            handoff.state.with(|state| {
                show_ignored(state.ignored, words);
                Panel::of(state, words).show(words);
            })
        });
        // A dashboard's start (or the configuration) asks for German: its words are fetched.
        Effect::new(move |_| {
            if handoff.asked_language() == Language::German {
                language::ask_german();
            }
        });
        provide_context(handoff);
        handoff
    }

    /// The hand-off the welcome screen provided (every component that uses it is below it).
    pub fn expect() -> Handoff {
        // Not `expect_context`: its message names the type, which costs download size.
        match use_context::<Handoff>() {
            Some(handoff) => handoff,
            None => panic!("the hand-off is provided by the welcome screen"),
        }
    }

    fn hear(self, heard: Heard) {
        let action = self.state.try_update(|state| match heard {
            Heard::Ignored => {
                state.ignored += 1;
                None
            }
            Heard::Message { origin, inbound } => state.take(origin, inbound),
        });
        match action.flatten() {
            Some(Action::Pin(origin)) => self.with_link(|link| link.pin(&origin)),
            Some(Action::Reply { origin, text }) => {
                self.with_link(|link| link.answer(&origin, &text))
            }
            Some(Action::Delivered) => self.secrets_gone(true),
            Some(Action::Cancel) => self.call(|s| s.on_cancel.clone()),
            None => {}
        }
    }

    fn with_link(&self, use_link: impl FnOnce(&DashboardLink)) {
        self.link.with_value(|link| {
            if let Some(link) = link {
                use_link(link)
            }
        });
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
    pub fn on_secrets_gone(&self, hook: impl Fn(bool) + 'static) {
        self.state
            .update_untracked(|s| s.on_secrets_gone = Some(Rc::new(hook)));
    }

    /// Delivered and confirmed, or the admin left: the bundle, the secret and the key go.
    fn secrets_gone(&self, delivered: bool) {
        self.drop_bundle();
        if let Some(hook) = self.state.with_untracked(|s| s.on_secrets_gone.clone()) {
            hook(delivered);
        }
    }

    /// The registration reads the tenant with the start's profile and key: a later start is
    /// too late.
    pub fn registration_began(&self) {
        self.state.update(|s| s.delivery.registration_began());
    }

    /// The look the dashboard's start asked for, else `config.json`'s: accent colour, logo,
    /// language. Tracked: the page follows a start that comes after it showed.
    pub fn branding(&self) -> (Option<String>, Option<String>, Option<&'static str>) {
        self.state.with(|s| {
            let start = s.start.as_ref();
            (
                start
                    .and_then(|s| s.accent_color.clone())
                    .or_else(|| s.config.accent_color.clone()),
                start
                    .and_then(|s| s.logo_url.clone())
                    .or_else(|| s.config.logo_url.clone()),
                start.and_then(|s| s.language).or(s.config.language),
            )
        })
    }

    /// The page's language: the dashboard's start or `config.json` say, else the admin's
    /// browser, else English; German once its words are here (`crate::web::language`).
    /// Tracked (a start may come after the page showed).
    pub fn language(&self) -> Language {
        language::spoken(self.asked_language())
    }

    /// The language asked for, which the page speaks once it has its words. Tracked.
    fn asked_language(&self) -> Language {
        language::asked(self.branding().2)
    }

    /// The configuration as the dashboard's start shapes it (its profile, its key), so the
    /// welcome describes the registration that will run. Tracked.
    pub fn shaped_config(&self) -> Config {
        self.state.with(|s| {
            let mut config = (*s.config).clone();
            if let Some(start) = &s.start {
                if let Some(shaped) = start
                    .profile
                    .as_deref()
                    .and_then(|profile| config.with_profile(profile).ok())
                {
                    config = shaped;
                }
                if config.handoff_public_key.is_none() {
                    config.handoff_public_key = start.public_key.clone();
                }
            }
            config
        })
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
        self.with_link(|link| link.post(&text));
    }

    /// Tells the dashboard how far the admin got, with the tenant once signed in.
    pub fn tell_status(&self, state: &str, message: &str) {
        let tenant_id = self.state.with_untracked(|s| s.tenant_id.clone());
        self.tell(&Outbound::Status {
            state,
            message,
            tenant_id: tenant_id.as_deref(),
        });
    }

    /// The admin confirmed a plan: the tenant is being (or was) written.
    pub fn confirm(&self) {
        self.state.update_untracked(|s| s.confirmed = true);
    }

    /// Whether a dashboard started this page (its acknowledgement then decides what is
    /// delivered).
    pub fn has_dashboard(&self) -> bool {
        self.state
            .with_untracked(|s| s.delivery.state() != DeliveryState::NoDashboard)
    }

    pub fn confirmed(&self) -> bool {
        self.state.with_untracked(|s| s.confirmed)
    }

    /// The admin signed in to `tenant_id`.
    pub fn signed_in_to(&self, tenant_id: &str) {
        self.state
            .update_untracked(|s| s.tenant_id = Some(tenant_id.to_owned()));
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
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let result_id: String = bytes
            .iter()
            .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
            .map(char::from)
            .collect();
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
        let held = self.state.with_untracked(|s| s.report.is_some());
        if held && self.state.try_update(|s| s.delivery.send().is_some()) == Some(true) {
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
            self.with_link(|link| link.post(&text));
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

/// What follows a valid message from the dashboard's window.
enum Action {
    /// A start was taken: talk to this origin only, from now on.
    Pin(String),
    /// Answer the start's sender (an error).
    Reply { origin: String, text: String },
    /// The dashboard acknowledged the result.
    Delivered,
    /// The pinned dashboard asked to cancel.
    Cancel,
}

impl State {
    fn take(&mut self, origin: String, inbound: Inbound) -> Option<Action> {
        if !self.delivery.hears(&origin) {
            self.ignored += 1;
            return None;
        }
        let pinned = self.delivery.dashboard().is_some();
        match inbound {
            Inbound::Start(start) => {
                let error = |code, message: &str| {
                    Some(Action::Reply {
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
                        return Some(Action::Pin(origin));
                    }
                    StartVerdict::TooLate => {
                        return error(
                            protocol::ERROR_TOO_LATE,
                            "The registration already began: send the start message in answer \
                             to ready.",
                        );
                    }
                    StartVerdict::Repeated => self.ignored += 1,
                }
            }
            Inbound::Ack { result_id } => {
                if self.delivery.on_ack(&origin, &result_id) {
                    return Some(Action::Delivered);
                }
                self.ignored += 1;
            }
            Inbound::Cancel if pinned => return Some(Action::Cancel),
            Inbound::Cancel => self.ignored += 1,
        }
        None
    }
}

/// Messages ignored, and a dashboard that opened the page but lost its link to it.
#[component]
pub fn HandoffNotices() -> impl IntoView {
    let lost = opener_lost();
    view! {
        {lost.then(|| view! {
            <p class="error" id="handoff-lost-opener" role="alert">"The dashboard that opened this \
                page lost its link to it, so the result cannot be sent back to it: register here and \
                download the settings file for the vendor. (For the vendor: a dashboard served with \
                Cross-Origin-Opener-Policy: same-origin cuts off the windows it opens; use \
                same-origin-allow-popups.)"</p>
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
    // One listener for the panel, whose content the effect rebuilds.
    let on_click = move |event: leptos::ev::MouseEvent| {
        let clicked = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .map(|element| element.id());
        if clicked.as_deref() == Some("handoff-send-again") {
            handoff.send_again();
        }
    };
    view! { <section id="handoff" aria-live="polite" on:click=on_click></section> }
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
    fn show(&self, w: &HandOff) {
        let (Some(section), Some(document)) = (
            element_by_id("handoff"),
            web_sys::window().and_then(|w| w.document()),
        ) else {
            return;
        };
        section.set_text_content(None);
        let add = |parent: &Element, tag: &str, id: &str, text: &str| {
            let element = document.create_element(tag).ok()?;
            if !id.is_empty() {
                element.set_id(id);
            }
            element.set_text_content(Some(text));
            parent.append_child(&element).ok()?;
            Some(element)
        };
        add(&section, "h2", "", w.title);
        if let Some(state) = add(&section, "p", "handoff-state", self.words) {
            let _ = state.set_attribute("data-state", self.key);
        }
        if !self.dashboard.is_empty()
            && let Some(to) = add(&section, "p", "", w.dashboard)
        {
            add(&to, "bdi", "handoff-dashboard", &self.dashboard);
        }
        if !self.sealing.is_empty()
            && let Some(sealing) = add(&section, "p", "handoff-sealing", self.sealing)
            && !self.thumbprint.is_empty()
        {
            add(&sealing, "code", "handoff-key-thumbprint", &self.thumbprint);
        }
        if self.key == "pending" {
            add(&section, "button", "handoff-send-again", w.send_again);
        }
        if !self.file_url.is_empty()
            && let Some(link) = add(&section, "a", "handoff-download", self.download)
        {
            let _ = link.set_attribute("class", "button");
            let _ = link.set_attribute("href", &self.file_url);
            let _ = link.set_attribute("download", &self.file_name);
        }
    }

    fn of(state: &State, w: &HandOff) -> Panel {
        let (key, words) = match state.delivery.state() {
            _ if state.left && state.report.is_none() && state.sealing.is_some() => {
                ("removed", w.removed)
            }
            DeliveryState::NoDashboard | DeliveryState::Connected => ("download", w.no_dashboard),
            DeliveryState::Pending { .. } => ("pending", w.pending),
            DeliveryState::Acknowledged => ("delivered", w.delivered),
        };
        let report = state.report.as_deref();
        let sealed = matches!(state.sealing, Some((true, _)));
        Panel {
            key,
            words,
            dashboard: state.delivery.dashboard().unwrap_or_default().to_owned(),
            sealing: match state.sealing {
                Some((true, _)) => w.sealed,
                Some((false, _)) => w.not_sealed,
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
                w.download_sealed
            } else {
                w.download
            },
        }
    }
}

fn element_by_id(id: &str) -> Option<Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Says how many messages were ignored (the element is hidden while none were).
fn show_ignored(ignored: u32, w: &HandOff) {
    if let Some(element) = element_by_id("handoff-ignored") {
        let count = ignored.to_string();
        element.set_text_content(Some(&w.ignored(&count)));
        let _ = element.set_attribute("data-count", &count);
        let _ = match ignored {
            0 => element.set_attribute("hidden", ""),
            _ => element.remove_attribute("hidden"),
        };
    }
}

fn file_type(report: &HandoffReport) -> &'static str {
    if report.sealed {
        "application/jose"
    } else {
        "application/json"
    }
}
