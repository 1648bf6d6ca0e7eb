//! The hand-off (issue 9): how the new app's credentials reach the vendor's backup server,
//! exactly as docs/handoff.md specifies. [`protocol`] is the dashboard's `postMessage`
//! protocol (the page uses it); [`bundle`], [`seal`] and [`report`] make the settings file, in
//! the registration worker only, so the first screen does not carry them.

pub mod bundle;
mod concat_kdf;
pub mod delivery;
pub mod protocol;
pub mod report;
pub mod request;
pub mod seal;

pub use bundle::{Bundle, BundleCertificate, BundlePermission, BundleSecret, CertificateMaterial};
pub use concat_kdf::concat_kdf;
pub use report::{HandoffReport, hand_off};
pub use request::{HandoffPlan, HandoffRequest};
pub use seal::{EcdhAgreement, SealCrypto, SealError, seal};
