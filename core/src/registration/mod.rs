//! Registering the backup product's app in the admin's tenant: discovery, a plan the admin
//! confirms, the writes, and a verification, in at most five sequential round trips for a
//! fresh tenant.
//!
//! The engine ([`Engine`]) has no I/O: it hands out Graph calls and takes replies. [`drive`]
//! runs it over the core's `HttpClient` and `Timer`, in the browser and in native tests alike.
//!
//! ```text
//! let request = RegistrationRequest::new(&config, &summary, random_bytes);
//! let mut engine = Engine::new(request, graph_base, RetryPolicy::default(), random_u32);
//! match drive(&mut engine, &http, &timer, target, |progress| show(progress)).await {
//!     Halt::AwaitingConfirmation => {
//!         show(engine.plan());
//!         // On click: a plan with a certificate gets it made first (WebCrypto), for its dates.
//!         match engine.plan().and_then(|p| p.certificate.clone()) {
//!             None => engine.confirm(),
//!             Some(planned) => {
//!                 let request = planned.certificate_request(now, serial, spki_der);
//!                 let der = certificate_der(&request.tbs_der()?, &sign(request.tbs_der()?))?;
//!                 engine.confirm_with_certificate(CertificateUpload { der, display_name: planned.display_name });
//!             }
//!         }
//!     }
//!     ...
//! }
//! // drive again: Halt::Finished(outcome) or Halt::Stopped(stopped)
//! ```
//!
//! Resume and repair: the app is found by its `uniqueName` ([`request::unique_name`]), so a
//! new run after any stop (a new sign-in, a new engine) adds only what is missing and removes
//! what is extra; a single hand-registered app with the same display name is adopted and
//! repaired, several stop the run. The secrets rule is in [`secret`].

pub mod certificate;
mod diff;
mod drive;
mod engine;
pub mod facts;
pub mod messages;
pub mod plan;
mod progress;
pub(crate) mod query;
mod report_json;
pub mod request;
pub mod secret;
mod steps;
mod stop;
pub(crate) mod time;
mod verify;
pub(crate) mod words;

#[cfg(test)]
mod engine_tests;
#[cfg(test)]
mod plan_tests;

pub use certificate::{
    CertificateOutcome, CertificatePlan, CertificateUpload, KeyCredential, NewCertificate,
};
pub use diff::{Changes, DelegatedChange};
pub use drive::{drive, step};
pub use engine::{Action, Engine, Halt};
pub use plan::{AppAction, Plan};
pub use progress::{Progress, Step, StepState, WaitReason};
pub use request::{RegistrationRequest, RoleToAssign, TargetApp, unique_name};
pub use secret::{NewSecret, SecretValue};
pub use stop::{
    AppSummary, CertificateProblem, InTenant, MissingPermission, NoAnswer, Stop, Stopped,
    Unreadable,
};
pub use verify::{Checked, Discrepancy, Granted, Outcome, Verification};
