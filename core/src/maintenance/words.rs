//! Every sentence the admin reads about a check (English): what is wrong, and what fixes it.

use core::fmt;

use super::app::{Credential, Expiry};
use super::check::AppCheck;
use super::findings::{Finding, PermissionRef};
use crate::catalog::PermissionKind;

impl fmt::Display for PermissionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            PermissionKind::Application => "application permission",
            PermissionKind::Delegated => "delegated permission",
        };
        write!(f, "{} ({}, {kind})", self.permission, self.resource)
    }
}

fn credential(f: &mut fmt::Formatter<'_>, what: &str, c: &Credential) -> fmt::Result {
    let name = if c.display_name.is_empty() {
        String::new()
    } else {
        format!(" \"{}\"", c.display_name)
    };
    write!(f, "The {what}{name} (key id {})", c.key_id)
}

const ROTATE: &str = "Rotating the credentials adds a new one for the backup server and, once it has it, removes the old ones.";

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::AppNotFound { app_id, tenant_id } => write!(
                f,
                "No app with application id {app_id} in tenant {tenant_id}. Check the id (Entra admin center, App registrations, \"Application (client) ID\") or search for the app by its name."
            ),
            Finding::NoServicePrincipal => f.write_str(
                "The app has no enterprise application (service principal), so none of its permissions can be granted. Repair creates it and grants them.",
            ),
            Finding::MissingFromRequested(p) => write!(
                f,
                "{p} is needed by the profile but missing from the app's list of requested permissions. Repair adds it."
            ),
            Finding::ExtraRequested(p) => write!(
                f,
                "{p} is in the app's list of requested permissions but the profile does not need it. Repair removes it."
            ),
            Finding::NotConsented(p) => write!(
                f,
                "{p} is needed by the profile but has no admin consent, so the backup cannot use it. Repair grants it."
            ),
            Finding::ConsentedNotRequested(p) => write!(
                f,
                "{p} is granted to the app though the profile does not need it. Repair revokes it."
            ),
            Finding::RoleMissing { role } => write!(
                f,
                "The app does not hold the {role} role the profile needs. Repair assigns it."
            ),
            Finding::Unavailable(p) => write!(
                f,
                "{p} is needed by the profile but your tenant does not offer it, so no repair can grant it. Ask the vendor, or check that the service is licensed in your tenant."
            ),
            Finding::SecretExpired(c) => {
                credential(f, "client secret", c)?;
                write!(f, " expired on {}: nothing can sign in with it. {ROTATE}", c.ends)
            }
            Finding::SecretExpiresSoon(c) => {
                credential(f, "client secret", c)?;
                write!(f, " expires {}. {ROTATE}", in_days(c))
            }
            Finding::CertificateExpired(c) => {
                credential(f, "certificate", c)?;
                write!(f, " expired on {}: nothing can sign in with it. {ROTATE}", c.ends)
            }
            Finding::CertificateExpiresSoon(c) => {
                credential(f, "certificate", c)?;
                write!(f, " expires {}. {ROTATE}", in_days(c))
            }
            Finding::CertificateMissing { reasons } => write!(
                f,
                "The app has no valid certificate, and the profile needs one: {} Rotating the credentials adds one.",
                reasons.join(" ")
            ),
            Finding::NoCredential => f.write_str(
                "The app has no valid secret or certificate: the backup server cannot sign in. Rotating the credentials adds a new one.",
            ),
        }
    }
}

fn in_days(c: &Credential) -> String {
    match c.expiry {
        Expiry::ExpiresSoon { days_left: 0 } => format!("today ({})", c.ends),
        Expiry::ExpiresSoon { days_left: 1 } => format!("tomorrow ({})", c.ends),
        Expiry::ExpiresSoon { days_left } | Expiry::Valid { days_left } => {
            format!("in {days_left} days ({})", c.ends)
        }
        Expiry::Expired | Expiry::Unknown => format!("on {}", c.ends),
    }
}

impl AppCheck {
    /// The check as sentences: which app, who made it, then each finding (or that all is well).
    pub fn describe(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(app) = &self.app {
            let maker = match app.maker {
                super::Maker::ThisProduct => "made by M365 Registrar",
                super::Maker::AdoptedByThisProduct => {
                    "registered by hand and repaired by M365 Registrar"
                }
                super::Maker::SameNameByHand => {
                    "registered by hand, with the name M365 Registrar uses"
                }
                super::Maker::Other => "not made by M365 Registrar",
            };
            lines.push(format!(
                "The app \"{}\" (application id {}), {maker}.",
                app.display_name, app.app_id
            ));
        }
        lines.extend(self.findings.iter().map(ToString::to_string));
        if self.is_clean() {
            lines.push("Everything is as the profile wants: nothing to repair.".to_owned());
        }
        lines
    }
}
