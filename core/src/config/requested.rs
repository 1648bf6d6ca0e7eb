//! What a valid configuration asks of the tenant: the permissions, the directory roles and
//! whether the new app needs a certificate, each with the reason an admin reads.

use super::Config;
use crate::auth::ScopeOptions;
use crate::catalog::permissions::EXCHANGE_MANAGE_AS_APP;
use crate::catalog::roles::EXCHANGE_ADMINISTRATOR;
use crate::catalog::{DirectoryRole, RequestedPermission};
use crate::wizard::words::{EN_REASONS, Reasons};

/// Why the new app needs a certificate (a client secret alone would not work).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateReason {
    /// SharePoint's own API is used without a user: it refuses client secrets since ACS
    /// retired (April 2026).
    SharePointAppOnly,
    /// Exchange Online PowerShell app-only signs in with a certificate.
    ExchangeManagement,
    /// The configuration asks for one (`"certificate": true`).
    Requested,
}

impl CertificateReason {
    /// One line an admin can read, in the language of `w`.
    pub fn says(self, w: &Reasons) -> &'static str {
        match self {
            CertificateReason::SharePointAppOnly => w.certificate_sharepoint,
            CertificateReason::ExchangeManagement => w.certificate_exchange,
            CertificateReason::Requested => w.certificate_requested,
        }
    }

    /// The same in English.
    pub fn explain(self) -> &'static str {
        self.says(&EN_REASONS)
    }
}

impl Config {
    /// Every permission the new app asks for, each once, in the order the plan shows them: the
    /// profile's, then `customPermissions`, then `Exchange.ManageAsApp` when
    /// `exchangeManagement` is on.
    pub fn requested_permissions(&self) -> Vec<RequestedPermission> {
        let profile = self
            .permission_profile
            .map(|profile| profile.requested())
            .unwrap_or_default();
        let custom = self.custom_permissions.iter().map(|c| c.requested());
        let exchange = self
            .exchange_management
            .then(|| RequestedPermission::from(&EXCHANGE_MANAGE_AS_APP));
        let mut all: Vec<RequestedPermission> = Vec::new();
        for permission in profile.into_iter().chain(custom).chain(exchange) {
            if !all.iter().any(|earlier| earlier.same_grant(&permission)) {
                all.push(permission);
            }
        }
        all
    }

    /// The directory roles to assign to the new app's service principal: Exchange
    /// Administrator when `exchangeManagement` is on, otherwise none.
    pub fn directory_roles(&self) -> Vec<DirectoryRole> {
        if self.exchange_management {
            vec![EXCHANGE_ADMINISTRATOR]
        } else {
            Vec::new()
        }
    }

    /// Why the new app needs a certificate; empty when a client secret is enough.
    pub fn certificate_reasons(&self) -> Vec<CertificateReason> {
        let mut reasons = Vec::new();
        if self
            .requested_permissions()
            .iter()
            .any(RequestedPermission::is_sharepoint_app_only)
        {
            reasons.push(CertificateReason::SharePointAppOnly);
        }
        if self.exchange_management {
            reasons.push(CertificateReason::ExchangeManagement);
        }
        if self.certificate && reasons.is_empty() {
            reasons.push(CertificateReason::Requested);
        }
        reasons
    }

    /// True when the new app must get a certificate; [`Config::certificate_reasons`] says why.
    pub fn needs_certificate(&self) -> bool {
        !self.certificate_reasons().is_empty()
    }

    /// The sign-in's optional scopes: `RoleManagement.ReadWrite.Directory` only when a
    /// directory role is to be assigned.
    pub fn scope_options(&self) -> ScopeOptions {
        ScopeOptions {
            assign_directory_roles: !self.directory_roles().is_empty(),
            read_tenant: self.tenant_preview,
            ..ScopeOptions::default()
        }
    }

    /// A short title for what the app asks for: the profile's title, or "Custom permissions".
    pub fn permissions_title(&self) -> &'static str {
        self.permission_profile
            .map_or("Custom permissions", |profile| profile.title)
    }
}
