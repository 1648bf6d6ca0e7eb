//! The last round trip: what the tenant holds, compared with the plan, and the outcome handed
//! to the admin.

use super::certificate::{CertificateOutcome, NewCertificate};
use super::diff;
use super::facts::{Assignment, DelegatedGrant, ExistingApp, RoleAssignment};
use super::plan::Plan;
use super::secret::NewSecret;
use crate::catalog::PermissionKind;

/// A difference between the plan and what the tenant shows after the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discrepancy {
    /// The app's `requiredResourceAccess` is not what the plan set.
    ResourceAccess,
    /// The new secret is not on the app.
    SecretMissing,
    /// The new certificate, or one the app had, is not on the app (SHA-1 thumbprint, or keyId).
    CertificateMissing { thumbprint: String },
    /// A planned grant is missing: (resource, permission).
    GrantMissing {
        resource: String,
        permission: String,
    },
    /// A grant the plan removed is still there.
    GrantExtra {
        resource: String,
        permission: String,
    },
    /// A planned directory role is missing.
    RoleMissing { role: String },
    /// Reading this back took longer than the run may wait: not checked.
    NotChecked { what: Checked },
}

/// What a verification read checks (words: `Engine::checked_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// The app registration (its permissions and the new secret).
    App,
    ServicePrincipal,
    ApplicationPermissions,
    DelegatedPermissions,
    DirectoryRoles,
}

/// What the verification found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verification {
    pub discrepancies: Vec<Discrepancy>,
}

impl Verification {
    pub fn is_complete(&self) -> bool {
        self.discrepancies.is_empty()
    }
}

/// A permission the app holds at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Granted {
    pub resource: String,
    pub permission: String,
    pub kind: PermissionKind,
    pub reason: String,
}

/// A finished registration: what the backup server needs, and what was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub tenant_id: String,
    /// The app's client id (`appId`).
    pub client_id: String,
    pub app_object_id: String,
    pub principal_id: String,
    /// The secret: its value only in memory. `None` where the tenant forbids secrets.
    pub secret: Option<NewSecret>,
    /// The certificate the backup server signs in with: the one this run added, else the one
    /// an earlier run added and this run kept. Its thumbprint and keyId, never a private key.
    pub certificate: Option<CertificateOutcome>,
    pub granted: Vec<Granted>,
    /// Directory roles the app holds (display names).
    pub roles: Vec<String>,
    pub verification: Verification,
    /// Sequential round trips from the first discovery call to the verification.
    pub round_trips: u32,
}

/// The app read back: access as planned, the new secret present, the new certificate and every
/// certificate the app had present (by keyId).
pub fn check_app(
    plan: &Plan,
    app: &ExistingApp,
    secret_key_id: Option<&str>,
    certificate: Option<&NewCertificate>,
) -> Vec<Discrepancy> {
    let mut found = Vec::new();
    if !diff::resource_access(
        &plan.required_resource_access,
        &app.required_resource_access,
    )
    .is_empty()
    {
        found.push(Discrepancy::ResourceAccess);
    }
    if let Some(key_id) = secret_key_id
        && !app
            .password_credentials
            .iter()
            .any(|c| c.key_id.eq_ignore_ascii_case(key_id))
    {
        found.push(Discrepancy::SecretMissing);
    }
    let on_app = |key_id: &str| {
        app.key_credentials
            .iter()
            .any(|c| c.key_id.eq_ignore_ascii_case(key_id))
    };
    let wanted = certificate
        .map(|c| (c.key_id.clone(), c.thumbprint_sha1.clone()))
        .into_iter()
        .chain(plan.certificates.iter().map(|c| {
            let thumbprint = c.thumbprint_sha1().unwrap_or_else(|| c.key_id.clone());
            (c.key_id.clone(), thumbprint)
        }));
    for (key_id, thumbprint) in wanted {
        if !on_app(&key_id) {
            found.push(Discrepancy::CertificateMissing { thumbprint });
        }
    }
    found
}

/// Application grants read back: every planned one present, every removed one gone.
pub fn check_assignments(plan: &Plan, held: &[Assignment]) -> Vec<Discrepancy> {
    let wanted: Vec<(String, String)> = plan
        .application_grants
        .iter()
        .map(|g| (g.resource.id.clone(), g.app_role_id.clone()))
        .collect();
    let changes = diff::assignments(&wanted, held);
    let mut found: Vec<Discrepancy> = changes
        .missing
        .iter()
        .map(|i| &plan.application_grants[*i])
        .map(|g| Discrepancy::GrantMissing {
            resource: g.resource.display_name.clone(),
            permission: g.value.clone(),
        })
        .collect();
    found.extend(changes.extra.iter().map(|i| &held[*i]).map(|a| {
        let extra = plan.extra_grants.iter().find(|e| e.id == a.id);
        Discrepancy::GrantExtra {
            resource: extra
                .map(|e| e.resource.clone())
                .unwrap_or_else(|| a.resource_id.clone()),
            permission: extra
                .and_then(|e| e.permissions.first().cloned())
                .unwrap_or_else(|| a.app_role_id.clone()),
        }
    }));
    found
}

/// Delegated grants read back: one per planned resource with exactly its scopes, no other.
pub fn check_delegated(plan: &Plan, held: &[DelegatedGrant]) -> Vec<Discrepancy> {
    let mut found = Vec::new();
    for grant in &plan.delegated_grants {
        let scopes: Vec<String> = grant.scopes.iter().map(|(s, _)| s.clone()).collect();
        if !matches!(
            diff::delegated(&grant.resource.id, &scopes, held),
            diff::DelegatedChange::Keep(_)
        ) {
            found.push(Discrepancy::GrantMissing {
                resource: grant.resource.display_name.clone(),
                permission: grant.scope_text(),
            });
        }
    }
    for extra in held.iter().filter(|g| {
        !plan
            .delegated_grants
            .iter()
            .any(|d| d.resource.id == g.resource_id)
    }) {
        found.push(Discrepancy::GrantExtra {
            resource: extra.resource_id.clone(),
            permission: extra.scopes.join(" "),
        });
    }
    found
}

pub fn check_roles(plan: &Plan, held: &[RoleAssignment]) -> Vec<Discrepancy> {
    plan.roles
        .iter()
        .filter(|role| {
            !held
                .iter()
                .any(|a| a.role_definition_id.eq_ignore_ascii_case(&role.template_id))
        })
        .map(|role| Discrepancy::RoleMissing {
            role: role.display_name.clone(),
        })
        .collect()
}

/// What the app holds per the plan, for the outcome.
pub fn granted(plan: &Plan) -> Vec<Granted> {
    let mut granted: Vec<Granted> = plan
        .application_grants
        .iter()
        .map(|g| Granted {
            resource: g.resource.display_name.clone(),
            permission: g.value.clone(),
            kind: PermissionKind::Application,
            reason: g.reason.clone(),
        })
        .collect();
    for grant in &plan.delegated_grants {
        granted.extend(grant.scopes.iter().map(|(scope, reason)| Granted {
            resource: grant.resource.display_name.clone(),
            permission: scope.clone(),
            kind: PermissionKind::Delegated,
            reason: reason.clone(),
        }));
    }
    granted
}
