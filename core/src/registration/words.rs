//! Every sentence the admin reads about a registration, in the admin's language: the words are
//! the wizard's `Engine` group (`wizard::words`, one file per language); this file only puts the
//! run's facts in their slots. `Display` says them in English (for the dashboard and logs).

use core::fmt;

use super::certificate::CertificateWhy;
use super::diff::DelegatedChange;
use super::plan::{AppAction, Plan};
use super::progress::{Step, StepState, WaitReason};
use super::stop::{CertificateProblem, InTenant, NoAnswer, Stop, Stopped, Unreadable};
use super::verify::{Checked, Discrepancy};
use crate::catalog::PermissionKind;
use crate::catalog::roles::{role_name, role_with_template_id};
use crate::wizard::Words;
use crate::wizard::words::{EN, EN_ENGINE, Engine, Reasons, fill, isolated, plain};

impl Step {
    /// The step's name.
    pub fn label(self, w: &Engine) -> &'static str {
        match self {
            Step::Discover => w.step_discover,
            Step::Confirm => w.step_confirm,
            Step::App => w.step_app,
            Step::ServicePrincipal => w.step_service_principal,
            Step::Secret => w.step_secret,
            Step::ApplicationGrants => w.step_application_grants,
            Step::DelegatedGrants => w.step_delegated_grants,
            Step::DirectoryRoles => w.step_directory_roles,
            Step::Verify => w.step_verify,
        }
    }
}

impl WaitReason {
    /// Why the run waits, as a clause.
    pub fn says(self, w: &Engine) -> &'static str {
        match self {
            WaitReason::Throttled => w.wait_throttled,
            WaitReason::Replication => w.wait_replication,
            WaitReason::NoAnswer => w.wait_no_answer,
        }
    }
}

impl StepState {
    pub fn says(&self, w: &Engine) -> String {
        match self {
            StepState::Pending => w.state_pending.to_owned(),
            StepState::Running => w.state_running.to_owned(),
            StepState::Waiting { seconds, reason } => fill(
                w.state_waiting,
                &[
                    ("seconds", &seconds.to_string()),
                    ("reason", reason.says(w)),
                ],
            ),
            StepState::Done => w.state_done.to_owned(),
            StepState::Skipped => w.state_skipped.to_owned(),
            StepState::Failed => w.state_failed.to_owned(),
        }
    }
}

/// "application permission" or "delegated permission".
pub fn kind(kind: PermissionKind, w: &Engine) -> &'static str {
    match kind {
        PermissionKind::Application => w.kind_application,
        PermissionKind::Delegated => w.kind_delegated,
    }
}

impl Stop {
    /// Why the run stopped and what to do.
    pub fn says(&self, w: &Engine) -> String {
        let resume = ("resume", w.resume);
        match self {
            Stop::PermissionsMissing(missing) => {
                let mut out = w.permissions_missing.to_owned();
                for m in missing {
                    let template = if m.resource_missing {
                        w.permission_api_missing
                    } else {
                        w.permission_not_offered
                    };
                    out.push_str("\n- ");
                    out.push_str(&fill(
                        template,
                        &[
                            ("permission", &m.value),
                            ("kind", kind(m.kind, w)),
                            ("api", &m.resource),
                        ],
                    ));
                }
                [out.as_str(), "\n", w.permissions_missing_then].concat()
            }
            Stop::SeveralApps(apps) => {
                let mut out = w.several_apps.to_owned();
                for app in apps {
                    out.push_str("\n- ");
                    out.push_str(&fill(
                        w.several_apps_line,
                        &[
                            ("app", &isolated(&app.display_name)),
                            ("app_id", &app.app_id),
                            ("object_id", &app.object_id),
                        ],
                    ));
                }
                [out.as_str(), "\n", w.several_apps_then].concat()
            }
            Stop::AppGone { object_id, app_id } => {
                fill(w.app_gone, &[("app_id", app_id), ("object_id", object_id)])
            }
            Stop::CannotRegister => w.cannot_register.to_owned(),
            Stop::Certificate { problem } => {
                fill(w.certificate, &[("problem", problem.says(w)), resume])
            }
            Stop::CertificateRefused { message } => {
                fill(w.certificate_refused, &[("message", message)])
            }
            Stop::SecretRefused { message } => fill(w.secret_refused, &[("message", message)]),
            Stop::MissingRole { step, .. } => {
                let template = match step {
                    Step::ApplicationGrants | Step::DelegatedGrants | Step::DirectoryRoles => {
                        w.missing_role_grant
                    }
                    _ => w.missing_role,
                };
                fill(template, &[("step", step.label(w))])
            }
            Stop::GaveUp { step, reason } => fill(
                w.gave_up,
                &[("step", step.label(w)), ("reason", reason.says(w)), resume],
            ),
            Stop::Unreachable { step, detail } => fill(
                w.unreachable,
                &[("step", step.label(w)), ("detail", detail.says(w)), resume],
            ),
            Stop::SignInExpired => fill(w.sign_in_expired, &[resume]),
            Stop::Refused {
                step,
                status,
                code,
                message,
            } => fill(
                w.refused,
                &[
                    ("step", step.label(w)),
                    ("status", &status.to_string()),
                    ("code", code),
                    ("message", message),
                    resume,
                ],
            ),
            Stop::UnexpectedAnswer { step, problem } => fill(
                w.unexpected_answer,
                &[
                    ("step", step.label(w)),
                    ("problem", problem.says(w)),
                    resume,
                ],
            ),
        }
    }
}

impl CertificateWhy {
    /// Why the app gets a certificate, in the language of `w` and `reasons`.
    pub fn says(self, w: &Engine, reasons: &Reasons) -> &'static str {
        match self {
            CertificateWhy::Configured(reason) => reason.says(reasons),
            CertificateWhy::SecretsForbidden => w.why_secrets_forbidden,
            CertificateWhy::Asked => w.why_asked,
        }
    }
}

impl fmt::Display for CertificateWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.says(&EN_ENGINE, &EN.reasons))
    }
}

impl CertificateProblem {
    pub fn says(self, w: &Engine) -> &'static str {
        match self {
            CertificateProblem::NoneMade => w.cert_none_made,
            CertificateProblem::NoneInPlan => w.cert_none_in_plan,
            CertificateProblem::NotCertificate => w.cert_not_certificate,
            CertificateProblem::LongerThanPlan => w.cert_longer_than_plan,
            CertificateProblem::ExistingUnreadable => w.cert_existing_unreadable,
        }
    }
}

impl NoAnswer {
    /// Why there was no answer; the browser's own words as it gave them.
    pub fn says<'a>(&'a self, w: &Engine) -> &'a str {
        match self {
            NoAnswer::AfterTries => w.no_answer_after_tries,
            NoAnswer::InTime => w.no_answer_in_time,
            NoAnswer::Browser(words) => words,
        }
    }
}

impl Unreadable {
    pub fn says(self, w: &Engine) -> &'static str {
        match self {
            Unreadable::NoPlan => w.unreadable_no_plan,
            Unreadable::AppUnknown => w.unreadable_app_unknown,
            Unreadable::PrincipalUnknown => w.unreadable_principal_unknown,
            Unreadable::AppOrSecretUnknown => w.unreadable_app_or_secret_unknown,
            Unreadable::NoResults => w.unreadable_no_results,
            Unreadable::TooManyPages => w.unreadable_too_many_pages,
            Unreadable::PageElsewhere => w.unreadable_page_elsewhere,
            Unreadable::NoSecret => w.unreadable_no_secret,
        }
    }
}

impl Checked {
    pub fn says(self, w: &Engine) -> &'static str {
        match self {
            Checked::App => w.checked_app,
            Checked::ServicePrincipal => w.checked_service_principal,
            Checked::ApplicationPermissions => w.checked_application_permissions,
            Checked::DelegatedPermissions => w.checked_delegated_permissions,
            Checked::DirectoryRoles => w.checked_directory_roles,
        }
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(&self.says(&EN_ENGINE)))
    }
}

impl InTenant {
    /// What the tenant holds now, in one sentence.
    pub fn says(&self, w: &Engine) -> String {
        let Some(app) = &self.app else {
            return w.nothing_created.to_owned();
        };
        let mut out = fill(
            w.in_tenant_app,
            &[
                ("app", &isolated(&app.display_name)),
                ("app_id", &app.app_id),
            ],
        );
        if self.principal_id.is_some() {
            out.push_str(w.in_tenant_principal);
        }
        out.push_str(&fill(
            w.in_tenant_grants,
            &[
                ("in_place", &self.grants_in_place.to_string()),
                ("planned", &self.grants_planned.to_string()),
            ],
        ));
        if self.certificate_added {
            out.push_str(w.in_tenant_certificate);
        }
        if self.secret_added {
            out.push_str(w.in_tenant_secret);
        }
        out.push('.');
        out
    }
}

impl fmt::Display for InTenant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(&self.says(&EN_ENGINE)))
    }
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n{}", self.stop, self.in_tenant)
    }
}

impl Discrepancy {
    /// What the final check found different from the plan.
    pub fn says(&self, words: &Words) -> String {
        let w = &words.engine;
        match self {
            Discrepancy::ResourceAccess => w.differs_requested.to_owned(),
            Discrepancy::SecretMissing => w.differs_secret.to_owned(),
            Discrepancy::CertificateMissing { thumbprint } => {
                fill(w.differs_certificate, &[("thumbprint", thumbprint)])
            }
            Discrepancy::GrantMissing {
                resource,
                permission,
            } => fill(
                w.differs_grant_missing,
                &[("permission", permission), ("api", resource)],
            ),
            Discrepancy::GrantExtra {
                resource,
                permission,
            } => fill(
                w.differs_grant_extra,
                &[("permission", permission), ("api", resource)],
            ),
            Discrepancy::RoleMissing { role } => {
                fill(w.differs_role, &[("role", role_name(role, &words.roles))])
            }
            Discrepancy::NotChecked { what } => {
                fill(w.differs_not_checked, &[("what", what.says(w))])
            }
        }
    }
}

impl fmt::Display for Discrepancy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(&self.says(&EN)))
    }
}

/// The words for what is already there (`keep`), or for what the run adds (`add`).
fn kept(exists: bool, keep: &'static str, add: &'static str) -> &'static str {
    if exists { keep } else { add }
}

impl Plan {
    /// The plan as sentences for the admin, in English.
    pub fn describe(&self) -> Vec<String> {
        let lines = self.describe_in(&EN);
        lines.iter().map(|line| plain(line)).collect()
    }

    /// The plan as sentences for the admin, in the order things happen, in the language of
    /// `words`.
    pub fn describe_in(&self, words: &Words) -> Vec<String> {
        let (w, reasons) = (&words.engine, &words.reasons);
        let mut lines = Vec::new();
        let app_line = |template, app: &super::stop::AppSummary| {
            fill(
                template,
                &[
                    ("app", &isolated(&app.display_name)),
                    ("app_id", &app.app_id),
                ],
            )
        };
        lines.push(match &self.app {
            AppAction::Create => fill(w.plan_create, &[("app", &isolated(&self.display_name))]),
            AppAction::Update(app) => app_line(w.plan_update, app),
            AppAction::Adopt(app) => app_line(w.plan_adopt, app),
        });
        for app in &self.left_alone {
            lines.push(app_line(w.plan_leave_alone, app));
        }
        let changes = &self.resource_access_changes;
        if !changes.is_empty() {
            lines.push(fill(
                w.plan_requested,
                &[
                    ("add", &changes.missing.len().to_string()),
                    ("remove", &changes.extra.len().to_string()),
                ],
            ));
        }
        if self.principal_id.is_none() {
            lines.push(w.plan_service_principal.to_owned());
        }
        let grant = |template, permission: &str, api: &str, reason: &str| {
            fill(
                template,
                &[("permission", permission), ("api", api), ("reason", reason)],
            )
        };
        for g in &self.application_grants {
            let template = kept(g.exists, w.plan_keep_application, w.plan_grant_application);
            lines.push(grant(
                template,
                &g.value,
                &g.resource.display_name,
                reasons.of(&g.reason),
            ));
        }
        for g in &self.delegated_grants {
            let template = match g.change {
                DelegatedChange::Create => w.plan_grant_delegated,
                DelegatedChange::Update(_) => w.plan_change_delegated,
                DelegatedChange::Keep(_) => w.plan_keep_delegated,
            };
            for (scope, reason) in &g.scopes {
                lines.push(grant(
                    template,
                    scope,
                    &g.resource.display_name,
                    reasons.of(reason),
                ));
            }
        }
        for extra in &self.extra_grants {
            lines.push(fill(
                w.plan_remove_extra,
                &[
                    ("permissions", &extra.permissions.join(" ")),
                    ("api", &extra.resource),
                    ("kind", kind(extra.kind, w)),
                ],
            ));
        }
        for role in &self.roles {
            let template = kept(role.exists, w.plan_keep_role, w.plan_assign_role);
            // A known role's words come from the tables, by its template id.
            let known = role_with_template_id(&role.template_id).map(|known| known.role);
            let name = known.map_or(role.display_name.as_str(), |r| r.name(&words.roles));
            let reason = known.and_then(|r| r.reason(reasons));
            lines.push(fill(
                template,
                &[("role", name), ("reason", reason.unwrap_or(&role.reason))],
            ));
        }
        lines.extend(self.secret_lines(w));
        lines.extend(self.certificate_lines(w, reasons));
        for stale in &self.stale_secrets {
            lines.push(fill(
                w.plan_remove_stale_secret,
                &[("name", &isolated(&stale.display_name))],
            ));
        }
        if self.needs_privileged_admin {
            lines.push(w.plan_needs_privileged.to_owned());
        }
        lines
    }

    fn secret_lines(&self, w: &Engine) -> Vec<String> {
        let secret = &self.secret;
        let days = secret.lifetime_days.to_string();
        let mut lines = vec![if secret.forbidden {
            w.plan_no_secret.to_owned()
        } else if secret.shortened_to_policy_max {
            fill(
                w.plan_secret_shortened,
                &[
                    ("days", &days),
                    ("asked", &secret.requested_days.to_string()),
                ],
            )
        } else {
            fill(w.plan_secret, &[("days", &days)])
        }];
        if secret.policy_unknown {
            lines.push(w.plan_policy_unknown.to_owned());
        }
        lines
    }

    fn certificate_lines(&self, w: &Engine, reasons: &Reasons) -> Vec<String> {
        let why = |list: &[CertificateWhy]| {
            let said: Vec<&str> = list.iter().map(|why| why.says(w, reasons)).collect();
            said.join(" ")
        };
        let mut lines = Vec::new();
        if let Some(certificate) = &self.certificate {
            let template = if certificate.shortened_to_policy_max {
                w.plan_certificate_shortened
            } else {
                w.plan_certificate
            };
            lines.push(fill(
                template,
                &[
                    ("days", &certificate.lifetime_days.to_string()),
                    ("asked", &certificate.requested_days.to_string()),
                    ("reasons", &why(&certificate.reasons)),
                ],
            ));
        } else if !self.certificate_reasons.is_empty() {
            lines.push(fill(
                w.plan_certificate_kept,
                &[("reasons", &why(&self.certificate_reasons))],
            ));
        }
        for kept in &self.certificates {
            let thumbprint = kept
                .thumbprint_sha1()
                .unwrap_or_else(|| kept.key_id.clone());
            lines.push(fill(
                w.plan_keep_certificate,
                &[
                    ("name", &isolated(&kept.display_name)),
                    ("thumbprint", &thumbprint),
                    ("until", &kept.end_date_time),
                ],
            ));
        }
        lines
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(&EN_ENGINE))
    }
}

impl fmt::Display for WaitReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.says(&EN_ENGINE))
    }
}

impl fmt::Display for StepState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(&self.says(&EN_ENGINE)))
    }
}
