//! What a check found wrong with an app, against what the profile wants. The comparison is the
//! registration's own: the plan a run would make for this app (`registration::plan::compute`),
//! so a repair (that run) fixes exactly what the check reports.

use super::app::{CheckedApp, Expiry};
use super::error::MaintenanceError;
use crate::auth::ConsentAbility;
use crate::catalog::PermissionKind;
use crate::registration::DelegatedChange;
use crate::registration::facts::{AccessEntry, Facts};
use crate::registration::plan::{self, Plan};
use crate::registration::{RegistrationRequest, Stop};
use crate::wizard::words::EN_MAINTENANCE;

/// A permission as the admin knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionRef {
    /// The API's name (e.g. `Microsoft Graph`), or its id when the tenant does not name it.
    pub resource: String,
    /// The permission's name (e.g. `Mail.ReadWrite`), or its id.
    pub permission: String,
    pub kind: PermissionKind,
}

/// What fixes a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// A repair (the registration run against this app).
    Repair,
    /// Rotating the credentials.
    Rotate,
    /// Nothing this product can do (the words say what the admin can).
    Nothing,
}

/// One thing wrong with the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// No app with the application id in the tenant.
    AppNotFound {
        app_id: String,
        tenant_id: String,
    },
    /// The app has no service principal (enterprise application): nothing is granted.
    NoServicePrincipal,
    /// The profile needs it; the app's `requiredResourceAccess` does not list it.
    MissingFromRequested(PermissionRef),
    /// The app's `requiredResourceAccess` lists it; the profile does not need it.
    ExtraRequested(PermissionRef),
    /// The profile needs it and it has no admin consent (no app role assignment, no
    /// tenant-wide delegated grant).
    NotConsented(PermissionRef),
    /// Consented (granted) though the profile does not need it.
    ConsentedNotRequested(PermissionRef),
    /// The directory role the profile wants is not assigned to the app.
    RoleMissing {
        role: String,
    },
    /// The tenant does not offer a permission the profile needs.
    Unavailable(PermissionRef),
    SecretExpired(super::app::Credential),
    SecretExpiresSoon(super::app::Credential),
    CertificateExpired(super::app::Credential),
    CertificateExpiresSoon(super::app::Credential),
    /// The profile needs a certificate and the app has none that is valid.
    CertificateMissing {
        reasons: Vec<crate::config::CertificateReason>,
    },
    /// Nothing valid to sign in with: no secret nor certificate that has not expired.
    NoCredential,
}

impl Finding {
    pub fn remedy(&self) -> Remedy {
        match self {
            Finding::NoServicePrincipal
            | Finding::MissingFromRequested(_)
            | Finding::ExtraRequested(_)
            | Finding::NotConsented(_)
            | Finding::ConsentedNotRequested(_)
            | Finding::RoleMissing { .. } => Remedy::Repair,
            Finding::SecretExpired(_)
            | Finding::SecretExpiresSoon(_)
            | Finding::CertificateExpired(_)
            | Finding::CertificateExpiresSoon(_)
            | Finding::CertificateMissing { .. }
            | Finding::NoCredential => Remedy::Rotate,
            Finding::AppNotFound { .. } | Finding::Unavailable(_) => Remedy::Nothing,
        }
    }
}

/// The request a check compares with: the profile's permissions and roles, for this app
/// (targeted), without certificate planning (the check reads no certificate keys; it judges
/// certificates itself) and as if the admin could grant all (a check writes nothing).
fn check_request(request: &RegistrationRequest, app: &CheckedApp) -> RegistrationRequest {
    let mut request = request.clone().with_target_app(app.target());
    request.certificate_reasons.clear();
    request.new_certificate = false;
    request.ability = ConsentAbility::CanGrantAll;
    request
}

/// Permissions and roles: the differences between the app (in `facts`, as a targeted run's
/// discovery reads it) and the plan a run would make.
pub fn permission_findings(
    request: &RegistrationRequest,
    app: &CheckedApp,
    facts: &Facts,
    now_millis: u64,
) -> Result<Vec<Finding>, MaintenanceError> {
    let mut request = check_request(request, app);
    let mut found = Vec::new();
    // Permissions the tenant lacks are reported, and the rest compared without them.
    request.permissions.retain(|p| {
        let offered = facts
            .resource(p.resource)
            .is_some_and(|r| r.find(p.kind, &p.value).is_some());
        if !offered {
            found.push(Finding::Unavailable(PermissionRef {
                resource: facts.resource(p.resource).map_or_else(
                    || p.resource.display_name().to_owned(),
                    |r| r.display_name.clone(),
                ),
                permission: p.value.clone(),
                kind: p.kind,
            }));
        }
        offered
    });
    let plan = plan::compute(&request, facts, now_millis).map_err(|stop| match stop {
        Stop::AppGone { app_id, .. } => MaintenanceError::AppNotFound {
            app_id,
            tenant_id: request.tenant_id.clone(),
        },
        _ => MaintenanceError::UnexpectedAnswer {
            what: EN_MAINTENANCE.doing_compare,
            problem: "the tenant's answers did not make a plan",
        },
    })?;
    if app.principal_id.is_none() {
        found.push(Finding::NoServicePrincipal);
    }
    found.extend(requested(&plan, facts));
    found.extend(consented(&plan, facts));
    found.extend(
        plan.roles
            .iter()
            .filter(|r| !r.exists)
            .map(|r| Finding::RoleMissing {
                role: r.display_name.clone(),
            }),
    );
    Ok(found)
}

/// `requiredResourceAccess`: entries missing and extra.
fn requested(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let named = |entry: &AccessEntry| {
        let resource = facts.resource_by_app_id(&entry.resource_app_id);
        PermissionRef {
            resource: resource
                .map_or_else(|| entry.resource_app_id.clone(), |r| r.display_name.clone()),
            permission: resource
                .and_then(|r| r.name_of(&entry.id))
                .unwrap_or(&entry.id)
                .to_owned(),
            kind: if entry.kind.eq_ignore_ascii_case("Role") {
                PermissionKind::Application
            } else {
                PermissionKind::Delegated
            },
        }
    };
    let changes = &plan.resource_access_changes;
    let missing = changes
        .missing
        .iter()
        .map(|e| Finding::MissingFromRequested(named(e)));
    let extra = changes
        .extra
        .iter()
        .map(|e| Finding::ExtraRequested(named(e)));
    missing.chain(extra).collect()
}

/// Grants: wanted without consent, and consented without being wanted.
fn consented(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let mut found = Vec::new();
    for grant in plan.application_grants.iter().filter(|g| !g.exists) {
        found.push(Finding::NotConsented(PermissionRef {
            resource: grant.resource.display_name.clone(),
            permission: grant.value.clone(),
            kind: PermissionKind::Application,
        }));
    }
    for grant in &plan.delegated_grants {
        let held: Vec<String> = match &grant.change {
            DelegatedChange::Keep(_) => continue,
            DelegatedChange::Create => Vec::new(),
            DelegatedChange::Update(id) => facts
                .delegated_grants
                .iter()
                .find(|g| g.id == *id)
                .map(|g| g.scopes.clone())
                .unwrap_or_default(),
        };
        let reference = |scope: &str| PermissionRef {
            resource: grant.resource.display_name.clone(),
            permission: scope.to_owned(),
            kind: PermissionKind::Delegated,
        };
        for (scope, _) in grant.scopes.iter().filter(|(s, _)| !held.contains(s)) {
            found.push(Finding::NotConsented(reference(scope)));
        }
        for scope in held
            .iter()
            .filter(|h| !grant.scopes.iter().any(|(s, _)| s == *h))
        {
            found.push(Finding::ConsentedNotRequested(reference(scope)));
        }
    }
    for extra in &plan.extra_grants {
        for permission in &extra.permissions {
            found.push(Finding::ConsentedNotRequested(PermissionRef {
                resource: extra.resource.clone(),
                permission: permission.clone(),
                kind: extra.kind,
            }));
        }
    }
    found
}

/// Secrets and certificates: expired, expiring soon, a certificate the profile needs, or
/// nothing valid at all. `certificate_reasons`: why the profile needs one (empty: it does not).
pub fn credential_findings(
    app: &CheckedApp,
    certificate_reasons: &[crate::config::CertificateReason],
) -> Vec<Finding> {
    let mut found = Vec::new();
    for secret in &app.secrets {
        match secret.expiry {
            Expiry::Expired => found.push(Finding::SecretExpired(secret.clone())),
            Expiry::ExpiresSoon { .. } => found.push(Finding::SecretExpiresSoon(secret.clone())),
            Expiry::Valid { .. } | Expiry::Unknown => {}
        }
    }
    for certificate in &app.certificates {
        match certificate.expiry {
            Expiry::Expired => found.push(Finding::CertificateExpired(certificate.clone())),
            Expiry::ExpiresSoon { .. } => {
                found.push(Finding::CertificateExpiresSoon(certificate.clone()))
            }
            Expiry::Valid { .. } | Expiry::Unknown => {}
        }
    }
    let usable = |list: &[super::app::Credential]| list.iter().any(|c| c.expiry.is_usable());
    if !certificate_reasons.is_empty() && !usable(&app.certificates) {
        found.push(Finding::CertificateMissing {
            reasons: certificate_reasons.to_vec(),
        });
    }
    if !usable(&app.secrets) && !usable(&app.certificates) {
        found.push(Finding::NoCredential);
    }
    found
}
