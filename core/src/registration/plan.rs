//! The plan: what the run will create, change and remove, computed from the request and the
//! tenant's facts. A pure value: the admin reads it and confirms before anything is written.

use super::certificate::{
    CertificatePlan, CertificateWhy, KeyCredential, RENEW_BEFORE_MILLIS, certificate_name,
};
use super::diff::{self, Changes, DelegatedChange};
use super::facts::{AccessEntry, ExistingApp, Facts, SecretRule};
use super::request::RegistrationRequest;
use super::secret::{secret_name, unfinished, verified_tag};
use super::stop::{AppSummary, CertificateProblem, MissingPermission, Stop};
use super::time::millis_from_iso;
use crate::auth::ConsentAbility;
use crate::catalog::PermissionKind;

/// A resource (API) as the tenant knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRef {
    /// Its service principal's object id in this tenant.
    pub id: String,
    pub app_id: String,
    pub display_name: String,
}

/// How the app registration comes to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppAction {
    /// No app yet: created with the `uniqueName`.
    Create,
    /// This product's app exists (an earlier run): updated.
    Update(AppSummary),
    /// One hand-registered app has the display name: it is repaired and given the
    /// `uniqueName`, so that there is never a second app.
    Adopt(AppSummary),
}

impl AppAction {
    pub fn existing(&self) -> Option<&AppSummary> {
        match self {
            AppAction::Create => None,
            AppAction::Update(app) | AppAction::Adopt(app) => Some(app),
        }
    }
}

/// One application permission (app role assignment) of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationGrant {
    pub resource: ResourceRef,
    pub app_role_id: String,
    pub value: String,
    pub reason: String,
    /// Already held by the app's service principal.
    pub exists: bool,
}

/// The tenant-wide delegated grant of one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegatedGrantPlan {
    pub resource: ResourceRef,
    /// (scope, reason).
    pub scopes: Vec<(String, String)>,
    pub change: DelegatedChange,
}

impl DelegatedGrantPlan {
    pub fn scope_text(&self) -> String {
        let names: Vec<&str> = self.scopes.iter().map(|(s, _)| s.as_str()).collect();
        names.join(" ")
    }
}

/// A grant the app holds that the plan does not want: removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraGrant {
    /// The app role assignment's id, or the delegated grant's id.
    pub id: String,
    pub resource: String,
    /// Permission names (or ids when the resource does not name them).
    pub permissions: Vec<String>,
    pub kind: PermissionKind,
}

/// The client secret the run adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretPlan {
    pub display_name: String,
    /// The lifetime the secret gets.
    pub lifetime_days: u32,
    /// What the configuration asked for.
    pub requested_days: u16,
    /// Set when the tenant's policy shortened it: its maximum in days.
    pub shortened_to_policy_max: bool,
    /// Secrets are forbidden by the tenant's policy: no secret, the app signs in with its
    /// certificate only.
    pub forbidden: bool,
    /// The policy could not be read; `addPassword` will tell.
    pub policy_unknown: bool,
}

/// A secret left by an unfinished run: removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleSecret {
    pub key_id: String,
    pub display_name: String,
}

/// A directory role the app gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRole {
    pub template_id: String,
    pub display_name: String,
    pub reason: String,
    pub exists: bool,
}

/// Everything the run will do, for the admin to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub tenant_id: String,
    pub display_name: String,
    pub unique_name: String,
    pub app: AppAction,
    /// The app's whole `requiredResourceAccess` after the run.
    pub required_resource_access: Vec<AccessEntry>,
    /// For an existing app: entries added and removed.
    pub resource_access_changes: Changes<AccessEntry>,
    /// The app's service principal, when it already exists.
    pub principal_id: Option<String>,
    pub application_grants: Vec<ApplicationGrant>,
    pub delegated_grants: Vec<DelegatedGrantPlan>,
    pub extra_grants: Vec<ExtraGrant>,
    pub secret: SecretPlan,
    /// The new certificate, made by the caller once the admin confirmed
    /// (`Engine::confirm_with_certificate`); `None`: no certificate is added.
    pub certificate: Option<CertificatePlan>,
    /// Why the app needs a certificate (empty: it does not), also when the one it has is kept.
    pub certificate_reasons: Vec<CertificateWhy>,
    /// The certificates the app has: all kept (sent back with their key beside a new one).
    pub certificates: Vec<KeyCredential>,
    pub stale_secrets: Vec<StaleSecret>,
    pub roles: Vec<PlannedRole>,
    /// The app's tags as discovery read them, kept (the run adds its record at the end, to
    /// the tags as read again just before).
    pub tags: Vec<String>,
    /// The signed-in admin can create but not grant Microsoft Graph application permissions.
    pub needs_privileged_admin: bool,
    /// Same-name apps that belong to something else and are left alone.
    pub left_alone: Vec<AppSummary>,
}

impl Plan {
    /// Grants and roles the plan wants in place at the end.
    pub fn grants_planned(&self) -> usize {
        self.application_grants.len() + self.delegated_grants.len() + self.roles.len()
    }
}

fn summary(app: &ExistingApp) -> AppSummary {
    AppSummary {
        object_id: app.id.clone(),
        app_id: app.app_id.clone(),
        display_name: app.display_name.clone(),
    }
}

/// Which app the run uses: its own (by `uniqueName`), else the one hand-registered app with
/// the display name (adopted), else a new one. Several hand-registered candidates: stop.
pub fn choose_app(
    own: Option<&ExistingApp>,
    same_name: &[ExistingApp],
) -> Result<(AppAction, Vec<AppSummary>), Stop> {
    // Apps another tool keyed with its own uniqueName are not ours to take.
    let (hand_made, keyed): (Vec<&ExistingApp>, Vec<&ExistingApp>) =
        same_name.iter().partition(|a| a.unique_name.is_none());
    let mut left_alone: Vec<AppSummary> = keyed.iter().map(|a| summary(a)).collect();
    if let Some(own) = own {
        left_alone.extend(hand_made.iter().map(|a| summary(a)));
        return Ok((AppAction::Update(summary(own)), left_alone));
    }
    match hand_made.as_slice() {
        [] => Ok((AppAction::Create, left_alone)),
        [one] => Ok((AppAction::Adopt(summary(one)), left_alone)),
        several => Err(Stop::SeveralApps(
            several.iter().map(|a| summary(a)).collect(),
        )),
    }
}

/// The app a targeted run works on (discovery read it by object id into `facts.app`): this
/// product's own (its `uniqueName`) is updated, any other adopted; gone, the run stops.
fn targeted_app(
    request: &RegistrationRequest,
    found: Option<&ExistingApp>,
    target: &super::request::TargetApp,
) -> Result<AppAction, Stop> {
    let Some(app) = found else {
        return Err(Stop::AppGone {
            object_id: target.object_id.clone(),
            app_id: target.app_id.clone(),
        });
    };
    let ours = app
        .unique_name
        .as_deref()
        .is_some_and(|u| u.eq_ignore_ascii_case(&request.unique_name));
    Ok(if ours {
        AppAction::Update(summary(app))
    } else {
        AppAction::Adopt(summary(app))
    })
}

/// Computes the plan. `now_millis` (Unix epoch) tells which unrecorded secrets are old enough
/// to count as left by an unfinished run; the new secret's dates are set when it is added.
pub fn compute(
    request: &RegistrationRequest,
    facts: &Facts,
    now_millis: u64,
) -> Result<Plan, Stop> {
    if request.ability == ConsentAbility::CannotRegister {
        return Err(Stop::CannotRegister);
    }
    let (app, left_alone) = match &request.target_app {
        Some(target) => (
            targeted_app(request, facts.app.as_ref(), target)?,
            Vec::new(),
        ),
        None => choose_app(facts.app.as_ref(), &facts.same_name)?,
    };
    let existing = facts.app.as_ref().or_else(|| match &app {
        AppAction::Adopt(chosen) => facts.same_name.iter().find(|a| a.id == chosen.object_id),
        _ => None,
    });

    // Resolve every permission by name on the tenant's own resource service principal.
    let mut missing = Vec::new();
    let mut application_grants = Vec::new();
    let mut delegated: Vec<DelegatedGrantPlan> = Vec::new();
    let mut access = Vec::new();
    for permission in &request.permissions {
        let Some(resource) = facts.resource(permission.resource) else {
            missing.push(MissingPermission {
                resource: permission.resource.display_name().to_owned(),
                value: permission.value.clone(),
                kind: permission.kind,
                resource_missing: true,
            });
            continue;
        };
        let Some(offered) = resource.find(permission.kind, &permission.value) else {
            missing.push(MissingPermission {
                resource: resource.display_name.clone(),
                value: permission.value.clone(),
                kind: permission.kind,
                resource_missing: false,
            });
            continue;
        };
        let reference = ResourceRef {
            id: resource.id.clone(),
            app_id: resource.app_id.clone(),
            display_name: resource.display_name.clone(),
        };
        let kind = match permission.kind {
            PermissionKind::Application => "Role",
            PermissionKind::Delegated => "Scope",
        };
        let entry = AccessEntry {
            resource_app_id: resource.app_id.clone(),
            id: offered.id.to_ascii_lowercase(),
            kind: kind.to_owned(),
        };
        if access.contains(&entry) {
            continue;
        }
        access.push(entry);
        match permission.kind {
            PermissionKind::Application => application_grants.push(ApplicationGrant {
                resource: reference,
                app_role_id: offered.id.to_ascii_lowercase(),
                value: permission.value.clone(),
                reason: permission.reason.clone(),
                exists: false,
            }),
            PermissionKind::Delegated => {
                let scope = (permission.value.clone(), permission.reason.clone());
                match delegated.iter_mut().find(|d| d.resource.id == reference.id) {
                    Some(grant) => grant.scopes.push(scope),
                    None => delegated.push(DelegatedGrantPlan {
                        resource: reference,
                        scopes: vec![scope],
                        change: DelegatedChange::Create,
                    }),
                }
            }
        }
    }
    if !missing.is_empty() {
        return Err(Stop::PermissionsMissing(missing));
    }

    // What the app's service principal holds already (only when it exists).
    let wanted: Vec<(String, String)> = application_grants
        .iter()
        .map(|g| (g.resource.id.clone(), g.app_role_id.clone()))
        .collect();
    let held = diff::assignments(&wanted, &facts.assignments);
    for (index, grant) in application_grants.iter_mut().enumerate() {
        grant.exists = !held.missing.contains(&index);
    }
    let name_of = |resource_id: &str, id: &str| {
        facts
            .resource_by_id(resource_id)
            .and_then(|r| r.name_of(id))
            .unwrap_or(id)
            .to_owned()
    };
    let resource_name = |resource_id: &str| {
        facts
            .resource_by_id(resource_id)
            .map(|r| r.display_name.clone())
            .unwrap_or_else(|| resource_id.to_owned())
    };
    let mut extra_grants: Vec<ExtraGrant> = held
        .extra
        .iter()
        .map(|i| &facts.assignments[*i])
        .map(|a| ExtraGrant {
            id: a.id.clone(),
            resource: resource_name(&a.resource_id),
            permissions: vec![name_of(&a.resource_id, &a.app_role_id)],
            kind: PermissionKind::Application,
        })
        .collect();
    for grant in &mut delegated {
        let scopes: Vec<String> = grant.scopes.iter().map(|(s, _)| s.clone()).collect();
        grant.change = diff::delegated(&grant.resource.id, &scopes, &facts.delegated_grants);
    }
    extra_grants.extend(
        facts
            .delegated_grants
            .iter()
            .filter(|g| !delegated.iter().any(|d| d.resource.id == g.resource_id))
            .map(|g| ExtraGrant {
                id: g.id.clone(),
                resource: resource_name(&g.resource_id),
                permissions: g.scopes.clone(),
                kind: PermissionKind::Delegated,
            }),
    );

    let requested_days = request.secret_lifetime_days;
    let mut secret = SecretPlan {
        display_name: secret_name(&request.run_id),
        lifetime_days: u32::from(requested_days),
        requested_days,
        shortened_to_policy_max: false,
        forbidden: false,
        policy_unknown: false,
    };
    match facts.secrets {
        SecretRule::Allowed => {}
        SecretRule::Unknown => secret.policy_unknown = true,
        SecretRule::Forbidden => secret.forbidden = true,
        SecretRule::MaxLifetime { seconds } => {
            let max_days = u32::try_from(seconds / 86_400).unwrap_or(u32::MAX);
            if max_days < secret.lifetime_days {
                secret.lifetime_days = max_days;
                secret.shortened_to_policy_max = true;
            }
            // Less than a day allowed: no secret this product can hand over is short enough.
            secret.forbidden = max_days == 0;
        }
    }

    let mut certificate_reasons: Vec<CertificateWhy> = request
        .certificate_reasons
        .iter()
        .map(|reason| CertificateWhy::Configured(*reason))
        .collect();
    if secret.forbidden {
        certificate_reasons.push(CertificateWhy::SecretsForbidden);
    }
    if request.new_certificate {
        certificate_reasons.push(CertificateWhy::Asked);
    }
    let certificates: Vec<KeyCredential> = match (&facts.app_keys, existing) {
        (Some(keys), Some(_)) => keys.clone(),
        (None, Some(app)) => app.key_credentials.clone(),
        (_, None) => Vec::new(),
    };
    let tags = existing.map(|app| app.tags.clone()).unwrap_or_default();
    // A certificate an earlier run handed out (recorded), valid a while yet: the backup server
    // has its key, so none is added unless asked.
    let handed_out = certificates.iter().any(|c| {
        tags.contains(&verified_tag(&c.key_id))
            && millis_from_iso(&c.end_date_time)
                .is_some_and(|end| end > now_millis + RENEW_BEFORE_MILLIS)
    });
    let certificate = (!certificate_reasons.is_empty() && (request.new_certificate || !handed_out))
        .then(|| certificate_plan(request, facts, certificate_reasons.clone()));
    if certificate.is_some() && certificates.iter().any(|c| c.key.is_none()) {
        return Err(Stop::Certificate {
            problem: CertificateProblem::ExistingUnreadable,
        });
    }

    let roles = request
        .roles
        .iter()
        .map(|role| PlannedRole {
            template_id: role.template_id.to_ascii_lowercase(),
            display_name: role.display_name.clone(),
            reason: role.reason.clone(),
            exists: facts
                .role_assignments
                .iter()
                .any(|a| a.role_definition_id.eq_ignore_ascii_case(&role.template_id)),
        })
        .collect();

    Ok(Plan {
        tenant_id: request.tenant_id.clone(),
        // A targeted run repairs the app; it does not rename it.
        display_name: match (&request.target_app, existing) {
            (Some(_), Some(app)) if !app.display_name.is_empty() => app.display_name.clone(),
            _ => request.app_display_name.clone(),
        },
        unique_name: request.unique_name.clone(),
        resource_access_changes: existing
            .map(|app| diff::resource_access(&access, &app.required_resource_access))
            .unwrap_or_default(),
        required_resource_access: access,
        principal_id: facts.principal_id.clone(),
        application_grants,
        delegated_grants: delegated,
        extra_grants,
        secret,
        certificate,
        certificate_reasons,
        certificates,
        stale_secrets: existing
            .map(|app| {
                unfinished(&app.password_credentials, &app.tags, now_millis)
                    .into_iter()
                    .map(|c| StaleSecret {
                        key_id: c.key_id.clone(),
                        display_name: c.display_name.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        roles,
        tags,
        needs_privileged_admin: request.ability == ConsentAbility::CanCreateButNotGrant,
        app,
        left_alone,
    })
}

/// The new certificate: the secret's lifetime from the configuration, shortened to the
/// tenant's `asymmetricKeyLifetime` restriction (at least a day: a shorter restriction is left
/// for Graph to refuse, which the run then reports).
fn certificate_plan(
    request: &RegistrationRequest,
    facts: &Facts,
    reasons: Vec<CertificateWhy>,
) -> CertificatePlan {
    let requested_days = request.secret_lifetime_days;
    let max_days = facts
        .certificate_max_seconds
        .map(|seconds| u32::try_from(seconds / 86_400).unwrap_or(u32::MAX).max(1));
    let lifetime_days = match max_days {
        Some(max) => max.min(u32::from(requested_days)),
        None => u32::from(requested_days),
    };
    CertificatePlan {
        display_name: certificate_name(&request.run_id),
        subject_common_name: crate::credential::common_name(&request.app_display_name),
        lifetime_days,
        requested_days,
        shortened_to_policy_max: lifetime_days < u32::from(requested_days),
        policy_unknown: facts.secrets == SecretRule::Unknown,
        reasons,
    }
}
