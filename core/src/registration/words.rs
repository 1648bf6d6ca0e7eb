//! Every sentence the admin reads about a registration, in one place (English).

use core::fmt;

use super::diff::DelegatedChange;
use super::plan::{AppAction, Plan};
use super::progress::{Step, StepState, WaitReason};
use super::stop::{InTenant, Stop, Stopped};
use super::verify::Discrepancy;
use crate::catalog::PermissionKind;

const WHO_CAN_FINISH: &str = "a Global Administrator or Privileged Role Administrator";
const RESUME: &str = "Run the registration again (sign in again if asked): it finds what \
                      exists and finishes without creating anything twice.";

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Discover => "Read your tenant",
            Step::Confirm => "Confirm the plan",
            Step::App => "App registration",
            Step::ServicePrincipal => "Enterprise application (service principal)",
            Step::Secret => "Client secret",
            Step::ApplicationGrants => "Application permissions (admin consent)",
            Step::DelegatedGrants => "Delegated permissions (admin consent)",
            Step::DirectoryRoles => "Directory roles",
            Step::Verify => "Check everything",
        })
    }
}

impl fmt::Display for WaitReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WaitReason::Throttled => "Microsoft Graph asked us to slow down",
            WaitReason::Replication => {
                "what was just created is not visible everywhere in Microsoft's directory yet"
            }
            WaitReason::NoAnswer => "a request got no answer",
        })
    }
}

impl fmt::Display for StepState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepState::Pending => f.write_str("to do"),
            StepState::Running => f.write_str("working"),
            StepState::Waiting { seconds, reason } => {
                write!(f, "waiting {seconds} s: {reason}")
            }
            StepState::Done => f.write_str("done"),
            StepState::Skipped => f.write_str("not needed"),
            StepState::Failed => f.write_str("stopped"),
        }
    }
}

fn kind(kind: PermissionKind) -> &'static str {
    match kind {
        PermissionKind::Application => "application permission",
        PermissionKind::Delegated => "delegated permission",
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::PermissionsMissing(missing) => {
                f.write_str("Your tenant does not offer every permission the app needs, so nothing was created:")?;
                for m in missing {
                    if m.resource_missing {
                        write!(
                            f,
                            "\n- {} ({}): the API {} is not in your tenant",
                            m.value,
                            kind(m.kind),
                            m.resource
                        )?;
                    } else {
                        write!(
                            f,
                            "\n- {} ({}) of {}: not offered by that API in your tenant",
                            m.value,
                            kind(m.kind),
                            m.resource
                        )?;
                    }
                }
                f.write_str("\nAsk the vendor which permissions your tenant needs, or whether the service is licensed in it.")
            }
            Stop::SeveralApps(apps) => {
                f.write_str("Several app registrations already have this name, and we will not guess which one is the backup app:")?;
                for app in apps {
                    write!(
                        f,
                        "\n- {} (application id {}, object id {})",
                        app.display_name, app.app_id, app.object_id
                    )?;
                }
                f.write_str("\nDelete the ones that are not used (Entra admin center, App registrations) and run the registration again; the one left is repaired and reused.")
            }
            Stop::AppGone { object_id, app_id } => write!(
                f,
                "The app registration with application id {app_id} (object id {object_id}) is no longer in your tenant, so nothing was written. Check the app again: if it was deleted by mistake, restore it from \"Deleted applications\" in the Entra admin center (App registrations) within 30 days."
            ),
            Stop::CannotRegister => write!(
                f,
                "Your account has none of the roles needed to register the app. Sign in as {WHO_CAN_FINISH} (activate an eligible role in Privileged Identity Management first)."
            ),
            Stop::Certificate { problem } => write!(
                f,
                "The certificate could not be added: {problem}. Nothing was written. {RESUME}"
            ),
            Stop::CertificateRefused { message } => write!(
                f,
                "Your tenant's app management policy refused the certificate ({message}). Ask your administrator which certificates the policy allows."
            ),
            Stop::SecretRefused { message } => write!(
                f,
                "Your tenant's app management policy refused the client secret ({message}). Ask your administrator which secrets the policy allows."
            ),
            Stop::MissingRole { step, .. } => match step {
                Step::ApplicationGrants | Step::DelegatedGrants | Step::DirectoryRoles => write!(
                    f,
                    "Your account may create the app but not grant it its permissions ({step}). Ask {WHO_CAN_FINISH} to sign in here and run the registration: it finds the app and finishes."
                ),
                _ => write!(
                    f,
                    "Your account is not allowed to do this step ({step}). Sign in as {WHO_CAN_FINISH} and run the registration again."
                ),
            },
            Stop::GaveUp { step, reason } => write!(
                f,
                "We stopped at \"{step}\" because {reason} for longer than we wait. {RESUME}"
            ),
            Stop::Unreachable { step, detail } => write!(
                f,
                "Microsoft Graph could not be reached at \"{step}\" ({detail}). Check your network connection. {RESUME}"
            ),
            Stop::SignInExpired => write!(
                f,
                "Your sign-in has expired or was not accepted by Microsoft Graph. Sign in again. {RESUME}"
            ),
            Stop::Refused {
                step,
                status,
                code,
                message,
            } => write!(
                f,
                "Microsoft Graph refused \"{step}\" ({status} {code}: {message}). {RESUME} If it happens again, contact the vendor's support with this message."
            ),
            Stop::UnexpectedAnswer { step, problem } => write!(
                f,
                "Microsoft Graph's answer at \"{step}\" could not be used: {problem}. {RESUME}"
            ),
        }
    }
}

impl fmt::Display for InTenant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(app) = &self.app else {
            return f.write_str("Nothing was created in your tenant.");
        };
        write!(
            f,
            "In your tenant now: the app registration \"{}\" (application id {})",
            app.display_name, app.app_id
        )?;
        if self.principal_id.is_some() {
            f.write_str(", its enterprise application")?;
        }
        write!(
            f,
            ", {} of {} permissions granted",
            self.grants_in_place, self.grants_planned
        )?;
        if self.certificate_added {
            f.write_str(
                ". A certificate was sent with the app; its private key was only in this page, so a later run adds another",
            )?;
        }
        if self.secret_added {
            f.write_str(
                ". A client secret was added; no one has its value, and a run an hour or more from now removes it",
            )?;
        }
        f.write_str(".")
    }
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n{}", self.stop, self.in_tenant)
    }
}

impl fmt::Display for Discrepancy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Discrepancy::ResourceAccess => {
                f.write_str("The app's list of requested permissions is not as planned.")
            }
            Discrepancy::SecretMissing => {
                f.write_str("The new client secret is not listed on the app yet.")
            }
            Discrepancy::CertificateMissing { thumbprint } => write!(
                f,
                "The certificate with thumbprint {thumbprint} is not listed on the app."
            ),
            Discrepancy::GrantMissing {
                resource,
                permission,
            } => {
                write!(f, "{permission} ({resource}) is not granted yet.")
            }
            Discrepancy::GrantExtra {
                resource,
                permission,
            } => {
                write!(
                    f,
                    "{permission} ({resource}) is still granted though it is not needed."
                )
            }
            Discrepancy::RoleMissing { role } => write!(f, "The {role} role is not assigned yet."),
            Discrepancy::NotChecked { what } => write!(
                f,
                "{what} could not be read back in the time the run may wait: not checked."
            ),
        }
    }
}

impl Plan {
    /// The plan as sentences for the admin, in the order things happen.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = Vec::new();
        lines.push(match &self.app {
            AppAction::Create => format!("Create the app registration \"{}\" (this organization only).", self.display_name),
            AppAction::Update(app) => format!("Update the app registration \"{}\" (application id {}) made by an earlier run.", app.display_name, app.app_id),
            AppAction::Adopt(app) => format!("Repair the app registration \"{}\" (application id {}) registered by hand, and mark it so later runs find it.", app.display_name, app.app_id),
        });
        for app in &self.left_alone {
            lines.push(format!(
                "Leave alone the other app \"{}\" (application id {}).",
                app.display_name, app.app_id
            ));
        }
        let changes = &self.resource_access_changes;
        if !changes.is_empty() {
            lines.push(format!(
                "Its list of requested permissions: {} to add, {} to remove.",
                changes.missing.len(),
                changes.extra.len()
            ));
        }
        if self.principal_id.is_none() {
            lines.push("Create its enterprise application (service principal).".to_owned());
        }
        for grant in &self.application_grants {
            let verb = if grant.exists { "Keep" } else { "Grant" };
            lines.push(format!(
                "{verb} {} ({}, application): {}",
                grant.value, grant.resource.display_name, grant.reason
            ));
        }
        for grant in &self.delegated_grants {
            let verb = match grant.change {
                DelegatedChange::Create => "Grant",
                DelegatedChange::Update(_) => "Change to",
                DelegatedChange::Keep(_) => "Keep",
            };
            for (scope, reason) in &grant.scopes {
                lines.push(format!(
                    "{verb} {scope} ({}, delegated, for all users): {reason}",
                    grant.resource.display_name
                ));
            }
        }
        for extra in &self.extra_grants {
            lines.push(format!(
                "Remove {} ({}, {}): not needed.",
                extra.permissions.join(" "),
                extra.resource,
                kind(extra.kind)
            ));
        }
        for role in &self.roles {
            let verb = if role.exists { "Keep" } else { "Assign" };
            lines.push(format!(
                "{verb} the {} role: {}",
                role.display_name, role.reason
            ));
        }
        let secret = &self.secret;
        if secret.forbidden {
            lines.push(
                "No client secret: your tenant's policy forbids them; the app signs in with its certificate only."
                    .to_owned(),
            );
        } else if secret.shortened_to_policy_max {
            lines.push(format!(
                "Add a client secret valid {} days (your tenant's policy allows at most that; {} were asked for).",
                secret.lifetime_days, secret.requested_days
            ));
        } else {
            lines.push(format!(
                "Add a client secret valid {} days.",
                secret.lifetime_days
            ));
        }
        if secret.policy_unknown {
            lines.push("Your tenant's app management policy could not be read; if it limits secrets, the run will say so.".to_owned());
        }
        if let Some(certificate) = &self.certificate {
            let days = if certificate.shortened_to_policy_max {
                format!(
                    "{} days (your tenant's policy allows at most that; {} were asked for)",
                    certificate.lifetime_days, certificate.requested_days
                )
            } else {
                format!("{} days", certificate.lifetime_days)
            };
            lines.push(format!(
                "Add a certificate valid {days}, made in your browser: its private key stays here and goes only into the file for the backup server. {}",
                certificate.reasons.join(" ")
            ));
        } else if !self.certificate_reasons.is_empty() {
            lines.push(format!(
                "Keep the certificate an earlier run added (the backup server has its key). {}",
                self.certificate_reasons.join(" ")
            ));
        }
        for kept in &self.certificates {
            lines.push(format!(
                "Keep the certificate \"{}\" (thumbprint {}, valid until {}).",
                kept.display_name,
                kept.thumbprint_sha1()
                    .unwrap_or_else(|| kept.key_id.clone()),
                kept.end_date_time
            ));
        }
        for stale in &self.stale_secrets {
            lines.push(format!("Remove the secret \"{}\" left by a run that did not finish (no one has its value).", stale.display_name));
        }
        if self.needs_privileged_admin {
            lines.push(format!(
                "Your account can create the app but not grant Microsoft Graph application permissions: the run will stop there, and {WHO_CAN_FINISH} can sign in here to finish."
            ));
        }
        lines
    }
}
