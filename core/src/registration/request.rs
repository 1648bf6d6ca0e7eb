//! What the admin asked for: built from the configuration and the signed-in summary.

use sha2::{Digest, Sha256};

use crate::auth::{ConsentAbility, SignedInSummary};
use crate::catalog::RequestedPermission;
use crate::config::{CertificateReason, Config};
use crate::wizard::words::EN_REASONS;

/// A directory role the new app's service principal is to hold (the Exchange Administrator
/// role that Exchange Online PowerShell app-only access needs), with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleToAssign {
    /// The built-in role's template id; for built-in roles it is also the role definition id.
    pub template_id: String,
    pub display_name: String,
    pub reason: String,
}

/// One registration run: everything the plan is computed from besides the tenant's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationRequest {
    /// The signed-in admin's tenant.
    pub tenant_id: String,
    /// Display name of the app registration.
    pub app_display_name: String,
    /// The app's alternate key (`uniqueName`), stable per deployment and tenant: see
    /// [`unique_name`].
    pub unique_name: String,
    pub permissions: Vec<RequestedPermission>,
    pub roles: Vec<RoleToAssign>,
    /// Requested lifetime of the client secret; the tenant's policy may shorten it.
    pub secret_lifetime_days: u16,
    /// Why the configuration needs a certificate on the app (SharePoint app-only, Exchange
    /// management); empty: a secret is enough (unless the tenant forbids secrets).
    pub certificate_reasons: Vec<CertificateReason>,
    /// The admin asked for a new certificate: one is added whatever the profile, even beside
    /// one the app has (rotation).
    pub new_certificate: bool,
    /// Random id of this run, written into the secret's display name.
    pub run_id: String,
    /// What the signed-in admin's roles allow.
    pub ability: ConsentAbility,
    /// Repair (or rotate) this app, the one a check found, instead of finding the app by
    /// `uniqueName` or display name: see [`RegistrationRequest::with_target_app`].
    pub target_app: Option<TargetApp>,
}

/// The app a run works on when it is told which one: found by its object id, never created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetApp {
    /// The application's object id (`id`).
    pub object_id: String,
    /// Its application (client) id (`appId`).
    pub app_id: String,
}

impl RegistrationRequest {
    /// The request for `config`'s deployment in `summary`'s tenant. `run_random` are fresh
    /// random bytes (the browser's `crypto.getRandomValues`) naming this run.
    pub fn new(config: &Config, summary: &SignedInSummary, run_random: [u8; 8]) -> Self {
        Self::for_tenant(config, &summary.tenant_id, summary.ability, run_random)
    }

    /// As [`RegistrationRequest::new`], from the tenant id and the admin's ability alone (what
    /// the registration worker is told).
    pub fn for_tenant(
        config: &Config,
        tenant_id: &str,
        ability: ConsentAbility,
        run_random: [u8; 8],
    ) -> Self {
        RegistrationRequest {
            tenant_id: tenant_id.to_owned(),
            app_display_name: config.app_display_name.clone(),
            unique_name: unique_name(&config.client_id, &config.app_display_name),
            permissions: config.requested_permissions(),
            roles: config
                .directory_roles()
                .into_iter()
                .map(|role| RoleToAssign {
                    template_id: role.template_id.to_owned(),
                    display_name: role.display_name.to_owned(),
                    reason: role.role.reason(&EN_REASONS).unwrap_or_default().to_owned(),
                })
                .collect(),
            secret_lifetime_days: config.secret_lifetime_days,
            certificate_reasons: config.certificate_reasons(),
            new_certificate: false,
            run_id: hex(&run_random),
            ability,
            target_app: None,
        }
    }

    /// Replaces the directory roles to assign to the app.
    pub fn with_roles(mut self, roles: Vec<RoleToAssign>) -> Self {
        self.roles = roles;
        self
    }

    /// Asks for a new certificate on the app, whatever the profile and whatever the app has.
    pub fn with_new_certificate(mut self) -> Self {
        self.new_certificate = true;
        self
    }

    /// Works on this app and no other: discovery reads it by object id (no search by
    /// `uniqueName` or name), the run repairs it as it repairs its own app (adding what is
    /// missing, removing what is extra) and keeps its display name; if it is gone, the run
    /// stops before writing anything. An app without this product's `uniqueName` is adopted
    /// (given it where the tenant allows).
    pub fn with_target_app(mut self, target: TargetApp) -> Self {
        self.target_app = Some(target);
        self
    }
}

/// The prefix of every `uniqueName` this product gives an app.
pub const UNIQUE_NAME_PREFIX: &str = "m365registrar-";

/// The app's `uniqueName`: this product's prefix and a hash of the onboarding client id and
/// the display name. Graph's `uniqueName` is unique per tenant, so the same deployment finds
/// its app again in every run (resume, repair) and two deployments (two vendors, or one vendor's
/// two products) never collide. Hashed so that any display name (any script, quotes) gives a
/// key that needs no escaping in `applications(uniqueName='…')`.
pub fn unique_name(onboarding_client_id: &str, display_name: &str) -> String {
    let digest = Sha256::digest(
        format!(
            "{}\n{display_name}",
            onboarding_client_id.to_ascii_lowercase()
        )
        .as_bytes(),
    );
    format!("{UNIQUE_NAME_PREFIX}{}", hex(&digest[..16]))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unique_name_is_stable_per_deployment_and_needs_no_escaping() {
        let a = unique_name("3B5E8F21-6a4c-4d7e-9b12-c0f4a7d9e856", "Contoso Backup");
        assert_eq!(
            a,
            unique_name("3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856", "Contoso Backup")
        );
        assert_ne!(
            a,
            unique_name("3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856", "Fabrikam Backup")
        );
        assert_ne!(
            a,
            unique_name("11111111-6a4c-4d7e-9b12-c0f4a7d9e856", "Contoso Backup")
        );
        let odd = unique_name("x", "O'Brien «Backup» 备份");
        assert!(odd.starts_with(UNIQUE_NAME_PREFIX));
        assert!(
            odd.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{odd}"
        );
    }
}
