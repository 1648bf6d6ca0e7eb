//! Why a maintenance operation (check, rotate, disconnect) could not do what it was asked, in
//! the admin's words: what happened, what is in the tenant now, and what to do.

use core::fmt;

use crate::graph::GraphReply;
use crate::registration::WaitReason;

/// Every way a maintenance operation ends without its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MaintenanceError {
    /// What the admin typed is not an application (client) id.
    NotAnAppId {
        given: String,
    },
    /// A name search needs at least one character.
    EmptyName,
    /// The app the operation was to work on is not in the tenant.
    AppNotFound {
        app_id: String,
        tenant_id: String,
    },
    /// The app was not made by this product, and the admin did not confirm with its name.
    NotOurs {
        display_name: String,
        app_id: String,
    },
    /// The name typed to confirm is not the app's.
    NameMismatch {
        typed: String,
        display_name: String,
    },
    /// The rotation's first phase ended without a new credential to keep: nothing old may go.
    NothingNew,
    /// The outcome handed over is not this rotation's app.
    OtherApp {
        expected: String,
        found: String,
    },
    /// A new credential of the rotation is not on the app (phase 2 removes nothing then).
    NewCredentialMissing {
        key_id: String,
    },
    /// A certificate to keep could not be read with its key, and the PATCH that removes the
    /// old ones would drop it.
    CertificateUnreadable {
        key_id: String,
    },
    /// After the waiting allowed, something removed is still there.
    StillThere {
        what: String,
    },
    /// Graph answered 401: the sign-in expired.
    SignInExpired,
    /// 403: the signed-in account may not do this.
    MissingRole {
        what: &'static str,
        message: String,
    },
    /// Throttling, replication or lost answers beyond the retry policy.
    GaveUp {
        what: &'static str,
        reason: WaitReason,
    },
    Unreachable {
        what: &'static str,
        detail: String,
    },
    /// Graph refused for another reason.
    Refused {
        what: &'static str,
        status: u16,
        code: String,
        message: String,
    },
    /// An answer the operation cannot use.
    UnexpectedAnswer {
        what: &'static str,
        problem: &'static str,
    },
}

impl MaintenanceError {
    /// A final refusal of the call that does `what`.
    pub fn refused(what: &'static str, reply: &GraphReply) -> Self {
        let message = reply.error_message().unwrap_or_default().to_owned();
        if reply.status == 403 {
            return MaintenanceError::MissingRole { what, message };
        }
        MaintenanceError::Refused {
            what,
            status: reply.status,
            code: reply.error_code().unwrap_or_default().to_owned(),
            message,
        }
    }
}

const AGAIN: &str = "Nothing is done twice if you try again.";

impl fmt::Display for MaintenanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MaintenanceError::NotAnAppId { given } => write!(
                f,
                "\"{given}\" is not an application (client) id. Copy it from the Entra admin center (App registrations, the app, \"Application (client) ID\"): it looks like 3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856."
            ),
            MaintenanceError::EmptyName => {
                f.write_str("Type the start of the app's name to search for it.")
            }
            MaintenanceError::AppNotFound { app_id, tenant_id } => write!(
                f,
                "No app with application id {app_id} in tenant {tenant_id}. Check the id, or search by the app's name; if it was deleted, it can be restored from \"Deleted applications\" in the Entra admin center within 30 days."
            ),
            MaintenanceError::NotOurs {
                display_name,
                app_id,
            } => write!(
                f,
                "The app \"{display_name}\" (application id {app_id}) was not made by M365 Registrar, so nothing was changed. If you are sure, type its name to confirm."
            ),
            MaintenanceError::NameMismatch {
                typed,
                display_name,
            } => write!(
                f,
                "\"{typed}\" is not the app's name, so nothing was changed. Type \"{display_name}\" exactly to confirm."
            ),
            MaintenanceError::NothingNew => f.write_str(
                "The rotation added no new secret or certificate, so no old one is removed. Run the rotation again.",
            ),
            MaintenanceError::OtherApp { expected, found } => write!(
                f,
                "The credentials handed over belong to application id {found}, not to {expected}, so no old one is removed. Run the rotation again."
            ),
            MaintenanceError::NewCredentialMissing { key_id } => write!(
                f,
                "The new credential (key id {key_id}) is not on the app, so no old one was removed: the backup server would be left without one. Run the rotation again."
            ),
            MaintenanceError::CertificateUnreadable { key_id } => write!(
                f,
                "The certificate with key id {key_id} could not be read with its public key, and removing the old certificates would remove it too, so nothing was changed. Remove the old certificates in the Entra admin center (App registrations, Certificates & secrets)."
            ),
            MaintenanceError::StillThere { what } => write!(
                f,
                "{what} is still listed after waiting for Microsoft's directory to catch up. Check again in a few minutes; if it is still there, remove it in the Entra admin center."
            ),
            MaintenanceError::SignInExpired => write!(
                f,
                "Your sign-in has expired or was not accepted by Microsoft Graph. Sign in again and try again. {AGAIN}"
            ),
            MaintenanceError::MissingRole { what, message } => write!(
                f,
                "Your account is not allowed to {what} ({message}). Sign in as a Global Administrator, Privileged Role Administrator, Application Administrator or Cloud Application Administrator and try again."
            ),
            MaintenanceError::GaveUp { what, reason } => write!(
                f,
                "We stopped trying to {what} because {reason} for longer than we wait. Try again in a few minutes. {AGAIN}"
            ),
            MaintenanceError::Unreachable { what, detail } => write!(
                f,
                "Microsoft Graph could not be reached to {what} ({detail}). Check your network connection and try again. {AGAIN}"
            ),
            MaintenanceError::Refused {
                what,
                status,
                code,
                message,
            } => write!(
                f,
                "Microsoft Graph refused to {what} ({status} {code}: {message}). Try again; if it happens again, contact the vendor's support with this message."
            ),
            MaintenanceError::UnexpectedAnswer { what, problem } => write!(
                f,
                "Microsoft Graph's answer when we tried to {what} could not be used: {problem}. Try again. {AGAIN}"
            ),
        }
    }
}

impl std::error::Error for MaintenanceError {}
