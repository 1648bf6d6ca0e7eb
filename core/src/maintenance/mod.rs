//! Looking after an app this product made, after the first registration: check it against a
//! profile (and repair it with the registration engine), rotate its credentials, disconnect it,
//! and keep a change record of each.
//!
//! Like the registration engine, every operation here is a state machine without I/O: it hands
//! out the Graph calls of one round trip and takes their replies ([`Operation`]); [`run`] drives
//! one over the core's `HttpClient` and `Timer`. Throttling, replication and lost answers are
//! retried with the registration's [`RetryPolicy`](crate::graph::RetryPolicy).
//!
//! ```text
//! // Check (or first find candidates by name with FindApps).
//! let mut check = CheckApp::new(request.clone(), app_id, graph_base, RetryPolicy::default(), seed);
//! let report = run(&mut check, &http, &timer, target).await?;   // AppCheck: findings in words
//!
//! // Repair: the registration engine, told which app (a resume of that app).
//! let mut engine = Engine::new(repair_request(request, &report)?, graph_base, policy, seed);
//! // drive, show the plan, confirm, drive: as a first registration.
//!
//! // Rotate, phase 1: a registration run against the app that adds a new secret (and
//! // certificate); the outcome is handed off as a first registration's.
//! let rotation = Rotation::start(&report, &request, &Confirmation::None)?;
//! let mut engine = Engine::new(rotation.request(request), graph_base, policy, seed);
//! // drive, confirm (with a certificate when the plan has one), drive → Halt::Finished(outcome)
//! let rotated = rotation.rotated(&outcome)?;
//! // Phase 2, once the receiver acknowledged the hand-off:
//! let mut retire = RetireOld::new(&rotated, graph_base, policy, seed);
//! let retired = run(&mut retire, &http, &timer, target).await?;
//!
//! // Disconnect.
//! let mut disconnect = Disconnect::new(&report, &Confirmation::None, graph_base, policy, seed)?;
//! let gone = run(&mut disconnect, &http, &timer, target).await?;
//!
//! // The change log: ChangeRecord::connected / repaired / rotated / retired / disconnected.
//! ```

mod app;
mod calls;
mod check;
mod confirm;
mod disconnect;
mod error;
mod findings;
mod operation;
mod record;
mod repair;
mod rotate;
mod search;
mod words;

pub use app::{CheckedApp, Credential, EXPIRING_WITHIN_DAYS, Expiry, Maker};
pub use check::{AppCheck, CheckApp};
pub use confirm::{Confirmation, allowed};
pub use disconnect::{Disconnect, Disconnected, RESTORE_DOC};
pub use error::{Lingering, MaintenanceError};
pub use findings::{Finding, PermissionRef, Remedy};
pub use operation::{Action, Operation, run};
pub use record::{ChangePath, ChangeRecord};
pub use repair::repair_request;
pub use rotate::{RetireOld, Retired, Rotated, Rotation};
pub use search::{Candidate, FindApps};
