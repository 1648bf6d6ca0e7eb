//! What the page and the registration worker say to each other.
//!
//! The sign-in's completion and the engine run in a dedicated Web Worker of its own module,
//! started at the click on "Sign in", so the first screen does not carry them (README,
//! "Download size"). The page sends [`Command`]s; the worker answers with [`Report`]s that hold the admin's words already, so
//! the page only shows them. Both travel as JSON text through `postMessage` between two
//! same-origin contexts of one tab: nothing is stored, nothing leaves the browser.

use serde::{Deserialize, Serialize};

use crate::wizard::words::{EN, EN_ENGINE, Engine, Words, plain};
use crate::wizard::{Language, Screen};

use super::engine::Halt;
use super::plan::Plan;
use super::progress::{Progress, StepState};
use super::verify::Outcome;
use crate::auth::{ConsentAbility, SignedInSummary};
use crate::handoff::{HandoffReport, HandoffRequest};

// The bundle's `createdAt` is a date as Graph writes them; `time` stays private to the engine.
pub(crate) use super::time::iso_from_millis;

/// From the page to the worker.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Command {
    /// The sign-in window answered for the pending sign-in (its `state` already checked by
    /// the page): redeem the code, then ask Graph who signed in. The tokens stay in the
    /// worker's memory; the page never holds them.
    SignIn {
        /// The text of `config.json` the page runs with (the worker parses it again).
        config: String,
        /// The pending sign-in (verifier, state, nonce) as JSON.
        pending: String,
        /// What came back to the redirect page: the fragment's or query's parameters.
        response: String,
        jitter_seed: u32,
        /// The language of the screens the worker builds (English when left out).
        #[serde(default)]
        language: Language,
    },
    /// Read the tenant and make the plan: a new run, for the admin signed in.
    Start {
        /// Fresh random bytes naming the run (the worker has no reason to draw its own).
        run_random: [u8; 8],
        jitter_seed: u32,
        /// What the dashboard's start message asked for (empty without one).
        #[serde(default)]
        handoff: HandoffRequest,
        /// The page's language now (a start may have changed it since sign-in).
        #[serde(default)]
        language: Language,
    },
    /// The admin confirmed the plan: write it.
    Confirm,
    /// The manual path: the instructions and the manifest, for this configuration (no
    /// sign-in; the text of `config.json`, parsed again by the worker).
    Manual {
        config: String,
        #[serde(default)]
        language: Language,
    },
    /// After sign-in, a path other than connect: `check` or `maintain`.
    Open {
        path: String,
        /// A dashboard started the page: its acknowledgement decides when a rotation's old
        /// credentials go.
        #[serde(default)]
        dashboard: bool,
        #[serde(default)]
        handoff: HandoffRequest,
        #[serde(default)]
        language: Language,
    },
    /// A button of a screen the worker built: its `data-action`, and the screen's fields
    /// (`data-field` inputs) as (name, value).
    Act {
        action: String,
        fields: Vec<(String, String)>,
        /// Fresh randomness, for a registration run the action may start.
        run_random: [u8; 8],
        jitter_seed: u32,
        #[serde(default)]
        language: Language,
    },
}

impl core::fmt::Debug for Command {
    // The bearer token is never shown.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Command::SignIn { .. } => f.write_str("SignIn"),
            Command::Start { .. } => f.write_str("Start"),
            Command::Confirm => f.write_str("Confirm"),
            Command::Manual { .. } => f.write_str("Manual"),
            Command::Open { .. } => f.write_str("Open"),
            Command::Act { .. } => f.write_str("Act"),
        }
    }
}

/// [`ConsentAbility`] as it travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Ability {
    CanGrantAll,
    CanCreateButNotGrant,
    CannotRegister,
    RolesUnreadable,
}

impl From<ConsentAbility> for Ability {
    fn from(ability: ConsentAbility) -> Self {
        match ability {
            ConsentAbility::CanGrantAll => Ability::CanGrantAll,
            ConsentAbility::CanCreateButNotGrant => Ability::CanCreateButNotGrant,
            ConsentAbility::CannotRegister => Ability::CannotRegister,
            ConsentAbility::RolesUnreadable => Ability::RolesUnreadable,
        }
    }
}

impl From<Ability> for ConsentAbility {
    fn from(ability: Ability) -> Self {
        match ability {
            Ability::CanGrantAll => ConsentAbility::CanGrantAll,
            Ability::CanCreateButNotGrant => ConsentAbility::CanCreateButNotGrant,
            Ability::CannotRegister => ConsentAbility::CannotRegister,
            Ability::RolesUnreadable => ConsentAbility::RolesUnreadable,
        }
    }
}

/// From the worker to the page.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Report {
    /// The worker listens: commands sent before this would be lost, so the page holds them.
    Ready,
    /// Who signed in, to which tenant, and what they may do.
    SignedIn(SummaryReport),
    /// The sign-in could not be completed: in English (for the page's dashboard), and in the
    /// admin's language (`shown`, empty from a worker that did not say it).
    SignInFailed {
        message: String,
        #[serde(default)]
        shown: String,
    },
    /// Reading who signed in waits before trying again (Graph throttled it): the admin's words.
    SignInWaiting { message: String },
    /// After every round trip and wait.
    Progress(ProgressReport),
    /// The plan, in the admin's words, waiting for confirmation.
    Plan { lines: Vec<String> },
    /// The settings file for the backup server (the bundle, sealed when there is a key), sent
    /// before `CertificateFiles` and `Finished` so the page has it when the run ends.
    Handoff(HandoffReport),
    /// The certificate's files, sent just before `Finished` when the run made one: only the
    /// page that started the run gets them, to hand to the backup server.
    CertificateFiles(CertificateFiles),
    /// Registered; the values the backup server needs.
    Finished(OutcomeReport),
    /// The run stopped: why, and what the tenant holds now.
    Stopped { message: String, in_tenant: String },
    /// The worker could not run at all (a command it could not read, a configuration it
    /// could not parse): a fault of this page, said plainly.
    Broken { message: String },
    /// What the admin sees now: the step's screen, built by the core's wizard.
    Screen(Screen),
}

impl core::fmt::Debug for Report {
    // A finished report holds the new secret: never shown.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Report::Ready => "Ready",
            Report::SignedIn(_) => "SignedIn",
            Report::SignInFailed { .. } => "SignInFailed",
            Report::SignInWaiting { .. } => "SignInWaiting",
            Report::Progress(_) => "Progress",
            Report::Plan { .. } => "Plan",
            Report::Handoff(_) => "Handoff",
            Report::CertificateFiles(_) => "CertificateFiles",
            Report::Finished(_) => "Finished",
            Report::Stopped { .. } => "Stopped",
            Report::Broken { .. } => "Broken",
            Report::Screen(_) => "Screen",
        })
    }
}

/// Who signed in, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryReport {
    pub tenant_id: String,
    pub tenant_name: String,
    pub primary_domain: Option<String>,
    pub user_name: Option<String>,
    pub user_principal_name: Option<String>,
    /// The relevant roles' names, strongest first.
    pub roles: Vec<String>,
    pub ability: Ability,
}

impl From<&SignedInSummary> for SummaryReport {
    fn from(summary: &SignedInSummary) -> Self {
        SummaryReport {
            tenant_id: summary.tenant_id.clone(),
            tenant_name: summary.tenant_name.clone(),
            primary_domain: summary.primary_domain.clone(),
            user_name: summary.user_name.clone(),
            user_principal_name: summary.user_principal_name.clone(),
            roles: summary
                .roles
                .iter()
                .map(|role| role.display_name.to_owned())
                .collect(),
            ability: summary.ability.into(),
        }
    }
}

/// One step as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepReport {
    /// A stable name for tests and styles, like `ServicePrincipal`.
    pub key: String,
    /// "Client secret".
    pub label: String,
    /// "waiting 2 s: …".
    pub state: String,
    /// `pending`, `running`, `waiting`, `done`, `skipped` or `failed`.
    pub class: String,
}

/// Every step's state, the round trips so far and the time spent waiting.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressReport {
    pub steps: Vec<StepReport>,
    pub round_trips: u32,
    pub waited_seconds: u64,
}

/// The app's certificate as the page shows it: which one, never a private key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateReport {
    pub key_id: String,
    pub display_name: String,
    /// SHA-1, hex: what the Entra admin center shows as "Thumbprint".
    pub thumbprint_sha1: String,
    /// SHA-256, hex (empty for a kept certificate whose key was not read).
    pub thumbprint_sha256: String,
    pub expires: String,
    /// Added by this run (this page holds its private key); false: an earlier run's, kept.
    pub added: bool,
    /// Why the app has a certificate.
    pub reasons: Vec<String>,
}

/// The new certificate as files for the backup server, as `blob:` URLs the worker made (same
/// origin; the bytes stay in the worker's memory, never in a URL): the `.pfx` (key and
/// certificate, encrypted) with its password, shown once, the private key alone (PKCS#8 PEM)
/// and the certificate (PEM). `Debug` shows none of it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateFiles {
    pub pfx_url: String,
    pub pfx_password: String,
    pub private_key_pem_url: String,
    pub certificate_pem_url: String,
}

/// A finished registration as the page shows it. `secret` is the new client secret's value
/// (empty, like `secret_expires`, where the tenant forbids secrets).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeReport {
    pub tenant_id: String,
    pub client_id: String,
    pub secret: String,
    pub secret_expires: String,
    /// The certificate the backup server signs in with, if the app has one.
    #[serde(default)]
    pub certificate: Option<CertificateReport>,
    /// "Mail.ReadWrite (Microsoft Graph, application)".
    pub granted: Vec<String>,
    pub roles: Vec<String>,
    pub verified: bool,
    pub discrepancies: Vec<String>,
}

impl ProgressReport {
    /// The progress in English (what the page tells its dashboard).
    pub fn from_progress(progress: &Progress) -> Self {
        Self::from_progress_in(progress, &EN_ENGINE)
    }

    /// The progress in the admin's words.
    pub fn from_progress_in(progress: &Progress, words: &Engine) -> Self {
        ProgressReport {
            steps: progress
                .steps
                .iter()
                .map(|(step, state)| StepReport {
                    key: format!("{step:?}"),
                    label: step.label(words).to_owned(),
                    state: state.says(words),
                    class: match state {
                        StepState::Pending => "pending",
                        StepState::Running => "running",
                        StepState::Waiting { .. } => "waiting",
                        StepState::Done => "done",
                        StepState::Skipped => "skipped",
                        StepState::Failed => "failed",
                    }
                    .to_owned(),
                })
                .collect(),
            round_trips: progress.round_trips,
            waited_seconds: progress.waited_millis.div_ceil(1000),
        }
    }
}

impl Report {
    /// What the page is told when the engine halts, in English (what the page tells its
    /// dashboard); `plan` is the engine's plan, if made.
    pub fn from_halt(halt: Halt, plan: Option<&Plan>) -> Report {
        let mut report = Report::from_halt_in(&halt, plan, &EN);
        // Text for the dashboard: the names' isolation marks are for the screen.
        match &mut report {
            Report::Plan { lines } => lines.iter_mut().for_each(|line| *line = plain(line)),
            Report::Stopped { message, in_tenant } => {
                *message = plain(message);
                *in_tenant = plain(in_tenant);
            }
            _ => {}
        }
        report
    }

    /// The same, in the admin's words (what the screens show).
    pub fn from_halt_in(halt: &Halt, plan: Option<&Plan>, words: &Words) -> Report {
        match halt {
            Halt::AwaitingConfirmation => match plan {
                Some(plan) => Report::Plan {
                    lines: plan.describe_in(words),
                },
                None => Report::Broken {
                    message: crate::wizard::Fault::NoPlan.says(&words.faults),
                },
            },
            Halt::Finished(outcome) => {
                Report::Finished(OutcomeReport::from_outcome(outcome, words))
            }
            Halt::Stopped(stopped) => Report::Stopped {
                message: stopped.stop.says(&words.engine),
                in_tenant: stopped.in_tenant.says(&words.engine),
            },
        }
    }
}

impl OutcomeReport {
    fn from_outcome(outcome: &Outcome, words: &Words) -> Self {
        OutcomeReport {
            tenant_id: outcome.tenant_id.clone(),
            client_id: outcome.client_id.clone(),
            secret: outcome
                .secret
                .as_ref()
                .map(|s| s.value.expose().to_owned())
                .unwrap_or_default(),
            secret_expires: outcome
                .secret
                .as_ref()
                .map(|s| s.expires.clone())
                .unwrap_or_default(),
            certificate: outcome.certificate.as_ref().map(|c| CertificateReport {
                key_id: c.key_id.clone(),
                display_name: c.display_name.clone(),
                thumbprint_sha1: c.thumbprint_sha1.clone(),
                thumbprint_sha256: c.thumbprint_sha256.clone(),
                expires: c.expires.clone(),
                added: c.added,
                reasons: c.reasons.iter().map(ToString::to_string).collect(),
            }),
            granted: outcome
                .granted
                .iter()
                .map(|g| format!("{} ({})", g.permission, g.resource))
                .collect(),
            roles: outcome.roles.clone(),
            verified: outcome.verification.is_complete(),
            discrepancies: outcome
                .verification
                .discrepancies
                .iter()
                .map(|discrepancy| discrepancy.says(words))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_travel_as_json_and_never_show_the_token() {
        let sign_in = Command::SignIn {
            config: "{}".into(),
            pending: r#"{"verifier":"v3rifier"}"#.into(),
            response: "code=c0de&state=s".into(),
            jitter_seed: 7,
            language: Language::German,
        };
        let text = serde_json::to_string(&sign_in).expect("serialises");
        assert!(text.starts_with(r#"{"signIn":{"#), "{text}");
        assert!(text.contains(r#""jitterSeed":7"#), "{text}");
        let back: Command = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, sign_in);
        let shown = format!("{back:?}");
        assert!(
            !shown.contains("v3rifier") && !shown.contains("c0de"),
            "{shown}"
        );
        assert_eq!(
            serde_json::from_str::<Command>(r#""confirm""#).ok(),
            Some(Command::Confirm)
        );
        assert!(serde_json::from_str::<Command>(r#""launch""#).is_err());
    }

    #[test]
    fn a_start_carries_the_hand_off_request_and_reads_without_one() {
        let old = r#"{"start":{"runRandom":[1,2,3,4,5,6,7,8],"jitterSeed":3}}"#;
        assert_eq!(
            serde_json::from_str::<Command>(old).ok(),
            Some(Command::Start {
                run_random: [1, 2, 3, 4, 5, 6, 7, 8],
                jitter_seed: 3,
                handoff: HandoffRequest::default(),
                language: Language::English,
            })
        );
        let start = Command::Start {
            run_random: [0; 8],
            jitter_seed: 1,
            handoff: HandoffRequest {
                onboarding_id: Some("onb-1".into()),
                profile: Some("read-only".into()),
                public_key: Some(serde_json::json!({"kty": "EC"})),
            },
            language: Language::German,
        };
        let text = serde_json::to_string(&start).expect("serialises");
        assert!(
            text.contains(r#""handoff":{"onboardingId":"onb-1""#),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Command>(&text).ok(), Some(start));
    }

    #[test]
    fn a_hand_off_report_travels_and_never_shows_its_file() {
        let report = Report::Handoff(HandoffReport {
            file_text: r#"{"clientSecret":{"value":"hunter2"}}"#.into(),
            file_name: "m365-registrar-t.json".into(),
            sealed: false,
            key_thumbprint: None,
            kid: None,
            onboarding_id: None,
        });
        let text = serde_json::to_string(&report).expect("serialises");
        assert!(text.starts_with(r#"{"handoff":{"fileText":"#), "{text}");
        assert_eq!(
            serde_json::from_str::<Report>(&text).ok(),
            Some(report.clone())
        );
        assert!(!format!("{report:?}").contains("hunter2"));
    }

    #[test]
    fn abilities_round_trip() {
        for ability in [
            ConsentAbility::CanGrantAll,
            ConsentAbility::CanCreateButNotGrant,
            ConsentAbility::CannotRegister,
            ConsentAbility::RolesUnreadable,
        ] {
            assert_eq!(ConsentAbility::from(Ability::from(ability)), ability);
        }
    }

    #[test]
    fn progress_reports_say_each_steps_state_in_words() {
        let report = ProgressReport::from_progress(&Progress::new());
        assert_eq!(report.steps[0].key, "Discover");
        assert_eq!(report.steps[0].label, "Read your tenant");
        assert_eq!(report.steps[0].class, "pending");
        let text = serde_json::to_string(&Report::Progress(report.clone())).expect("json");
        assert_eq!(
            serde_json::from_str::<Report>(&text).ok(),
            Some(Report::Progress(report))
        );
    }

    #[test]
    fn a_finished_report_never_shows_its_secret() {
        let report = Report::Finished(OutcomeReport {
            tenant_id: "t".into(),
            client_id: "c".into(),
            secret: "hunter2".into(),
            secret_expires: "2027-01-01T00:00:00Z".into(),
            certificate: None,
            granted: vec![],
            roles: vec![],
            verified: true,
            discrepancies: vec![],
        });
        assert!(!format!("{report:?}").contains("hunter2"));
    }
}
