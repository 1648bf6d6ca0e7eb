//! Why a maintenance operation (check, rotate, disconnect) could not do what it was asked, in
//! the admin's words: what happened, what is in the tenant now, and what to do.

use core::fmt;

use crate::graph::GraphReply;
use crate::registration::WaitReason;
use crate::wizard::words::{EN, Words, fill, isolated, plain};

/// What is still listed after the waiting allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lingering {
    /// The app registration of this name.
    App { name: String },
    /// The enterprise application of the app of this name.
    Principal { name: String },
    /// An old secret or certificate.
    Credential { key_id: String },
}

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
        what: Lingering,
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

impl MaintenanceError {
    /// What happened, what is in the tenant now, and what to do, in the language of `words`.
    pub fn says(&self, words: &Words) -> String {
        let w = &words.maintenance;
        let again = ("again", w.again);
        let doing = |what: &str| w.doing(what).to_owned();
        match self {
            MaintenanceError::NotAnAppId { given } => fill(w.not_an_app_id, &[("given", given)]),
            MaintenanceError::EmptyName => w.empty_name.to_owned(),
            MaintenanceError::AppNotFound { app_id, tenant_id } => fill(
                w.error_app_not_found,
                &[("app_id", app_id), ("tenant_id", tenant_id)],
            ),
            MaintenanceError::NotOurs {
                display_name,
                app_id,
            } => fill(
                w.not_ours,
                &[("app", &isolated(display_name)), ("app_id", app_id)],
            ),
            MaintenanceError::NameMismatch {
                typed,
                display_name,
            } => fill(
                w.name_mismatch,
                &[
                    ("typed", &isolated(typed)),
                    ("app", &isolated(display_name)),
                ],
            ),
            MaintenanceError::NothingNew => w.nothing_new.to_owned(),
            MaintenanceError::OtherApp { expected, found } => {
                fill(w.other_app, &[("expected", expected), ("found", found)])
            }
            MaintenanceError::NewCredentialMissing { key_id } => {
                fill(w.new_credential_missing, &[("key_id", key_id)])
            }
            MaintenanceError::CertificateUnreadable { key_id } => {
                fill(w.certificate_unreadable, &[("key_id", key_id)])
            }
            MaintenanceError::StillThere { what } => {
                let what = match what {
                    Lingering::App { name } => fill(w.still_there_app, &[("app", &isolated(name))]),
                    Lingering::Principal { name } => {
                        fill(w.still_there_principal, &[("app", &isolated(name))])
                    }
                    Lingering::Credential { key_id } => {
                        fill(w.still_there_credential, &[("key_id", key_id)])
                    }
                };
                fill(w.still_there, &[("what", &what)])
            }
            MaintenanceError::SignInExpired => fill(w.sign_in_expired, &[again]),
            MaintenanceError::MissingRole { what, message } => fill(
                w.missing_role,
                &[("what", &doing(what)), ("message", message)],
            ),
            MaintenanceError::GaveUp { what, reason } => fill(
                w.gave_up,
                &[
                    ("what", &doing(what)),
                    ("reason", reason.says(&words.engine)),
                    again,
                ],
            ),
            MaintenanceError::Unreachable { what, detail } => fill(
                w.unreachable,
                &[("what", &doing(what)), ("detail", detail), again],
            ),
            MaintenanceError::Refused {
                what,
                status,
                code,
                message,
            } => fill(
                w.refused,
                &[
                    ("what", &doing(what)),
                    ("status", &status.to_string()),
                    ("code", code),
                    ("message", message),
                ],
            ),
            MaintenanceError::UnexpectedAnswer { what, problem } => fill(
                w.unexpected_answer,
                &[("what", &doing(what)), ("problem", problem), again],
            ),
        }
    }
}

impl fmt::Display for MaintenanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(&self.says(&EN)))
    }
}

impl std::error::Error for MaintenanceError {}
