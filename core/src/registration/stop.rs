//! Why a run stopped before the end, and what the tenant holds at that moment. Every stop is
//! resumable: signing in again and running again finds the app by its `uniqueName` and
//! finishes, without creating anything twice.

use super::progress::{Step, WaitReason};
use crate::catalog::PermissionKind;

/// A permission the tenant cannot grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingPermission {
    /// The resource's name (e.g. `Office 365 SharePoint Online`).
    pub resource: String,
    pub value: String,
    pub kind: PermissionKind,
    /// True when the resource's service principal itself is missing from the tenant.
    pub resource_missing: bool,
}

/// An app registration, as named in a stop or a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSummary {
    pub object_id: String,
    pub app_id: String,
    pub display_name: String,
}

/// Why the run stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// The tenant lacks permissions the app asks for: nothing was created.
    PermissionsMissing(Vec<MissingPermission>),
    /// Several hand-registered apps have the display name; the run will not guess which.
    SeveralApps(Vec<AppSummary>),
    /// The app the run was told to repair is not in the tenant (deleted since it was checked):
    /// nothing was written.
    AppGone { object_id: String, app_id: String },
    /// The signed-in account holds no role that can register apps.
    CannotRegister,
    /// The certificate the plan adds was not handed over, or is not what the plan says (or a
    /// certificate on the app cannot be kept): nothing was written.
    Certificate { problem: CertificateProblem },
    /// The tenant refused the certificate (`keyCredentials`) by policy.
    CertificateRefused { message: String },
    /// The tenant refused the secret (`addPassword`) by policy.
    SecretRefused { message: String },
    /// The signed-in account may not do this step (403): someone with a stronger role can
    /// sign in and finish.
    MissingRole { step: Step, message: String },
    /// Graph kept refusing (throttling, replication) beyond the run's waiting budget.
    GaveUp { step: Step, reason: WaitReason },
    /// Graph could not be reached.
    Unreachable { step: Step, detail: NoAnswer },
    /// The access token expired or was refused (401).
    SignInExpired,
    /// Graph refused a call for another reason.
    Refused {
        step: Step,
        status: u16,
        code: String,
        message: String,
    },
    /// Graph answered with something the run cannot read.
    UnexpectedAnswer { step: Step, problem: Unreadable },
}

/// What is wrong with the certificate a run was to add (words: `Engine::cert_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateProblem {
    /// The plan adds a certificate and none was made.
    NoneMade,
    /// A certificate was handed over for a plan that adds none.
    NoneInPlan,
    /// What was handed over is not an X.509 certificate (DER).
    NotCertificate,
    /// The certificate is valid longer than the plan says.
    LongerThanPlan,
    /// A certificate on the app could not be read with its key; adding one would remove it.
    ExistingUnreadable,
}

/// Why Graph could not be reached (words: `Engine::no_answer_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoAnswer {
    AfterTries,
    InTime,
    /// The browser's own words (its `fetch` error), as it gave them.
    Browser(String),
}

/// What the run could not make sense of (words: `Engine::unreadable_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    NoPlan,
    AppUnknown,
    PrincipalUnknown,
    AppOrSecretUnknown,
    NoResults,
    /// A list went on for more than 100 pages (its next-page link may point back).
    TooManyPages,
    PageElsewhere,
    NoSecret,
}

/// What the tenant holds when a run stops.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InTenant {
    pub app: Option<AppSummary>,
    pub principal_id: Option<String>,
    /// A secret of this run was added (no one has its value: a run an hour or more later
    /// removes it).
    pub secret_added: bool,
    /// This run's certificate was sent with the app (its key is only in this page: a later
    /// run adds another).
    pub certificate_added: bool,
    /// Application and delegated grants and roles known to be in place.
    pub grants_in_place: usize,
    /// Grants and roles the plan wants.
    pub grants_planned: usize,
}

/// A stopped run: why, what exists, and how many round trips it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    pub stop: Stop,
    pub in_tenant: InTenant,
    pub round_trips: u32,
}
