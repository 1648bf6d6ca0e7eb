//! The bundle: everything the backup server needs to use the new app, in the format of
//! docs/handoff.md ("The bundle"). It is also the settings file the admin downloads.

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use crate::catalog::PermissionKind;
use crate::config::Config;
use crate::registration::Outcome;
use crate::registration::messages::iso_from_millis;

/// The bundle's `format`.
pub const BUNDLE_FORMAT: &str = "m365-registrar.bundle";
/// The bundle's `version`.
pub const BUNDLE_VERSION: u64 = 1;

/// The bundle. `Debug` shows no secret, key or password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    pub format: String,
    pub version: u64,
    /// The dashboard's id for this onboarding, or `null`.
    pub onboarding_id: Option<String>,
    /// When the bundle was made, RFC 3339 in UTC to the second.
    pub created_at: String,
    /// `global`, `usGovHigh`, `usGovDoD`, `china`, or `custom` for explicit endpoints.
    pub cloud: String,
    pub tenant_id: String,
    pub client_id: String,
    /// `{signIn}/{tenantId}`: the token endpoint is `<authority>/oauth2/v2.0/token`.
    pub authority: String,
    /// Microsoft Graph's base: the scope is `<graph>/.default`.
    pub graph: String,
    /// `null` where the tenant's policy forbids secrets.
    pub client_secret: Option<BundleSecret>,
    /// `null` without a certificate.
    pub certificate: Option<BundleCertificate>,
    pub permissions: Vec<BundlePermission>,
    /// Directory roles the app holds, by display name.
    pub directory_roles: Vec<String>,
}

/// The client secret this run added.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleSecret {
    pub value: String,
    pub key_id: String,
    pub expires: String,
}

/// The app's certificate. A kept one (an earlier run's) has no key material: the app never had
/// its private key, so those four members are left out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleCertificate {
    pub key_id: String,
    /// Hex, upper case: the Entra admin center's "Thumbprint".
    pub thumbprint_sha1: String,
    /// Hex, upper case; `null` for a kept certificate whose body Graph did not return.
    pub thumbprint_sha256: Option<String>,
    pub expires: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_pem: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key_pem: Option<String>,
    /// The PKCS#12 file, standard base64 (RFC 4648 §4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pfx: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pfx_password: Option<String>,
}

/// A permission the app holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundlePermission {
    /// The resource's display name, e.g. `Microsoft Graph`.
    pub resource: String,
    pub permission: String,
    /// `application` (an app role) or `delegated` (a scope granted for all users): the same
    /// name can be both.
    #[serde(rename = "type")]
    pub kind: String,
}

/// The certificate this run made, as the browser made it. `Debug` shows none of it.
#[derive(Clone, PartialEq, Eq)]
pub struct CertificateMaterial {
    pub certificate_pem: String,
    /// PKCS#8 PEM.
    pub private_key_pem: String,
    /// The `.pfx` (PKCS#12) bytes.
    pub pfx: Vec<u8>,
    pub pfx_password: String,
}

impl fmt::Debug for CertificateMaterial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CertificateMaterial(…)")
    }
}

impl Bundle {
    /// The bundle of a finished run. `certificate` is the key material of the certificate this
    /// run added (ignored for a kept one); `created_at_seconds` is Unix time.
    pub fn new(
        outcome: &Outcome,
        config: &Config,
        certificate: Option<&CertificateMaterial>,
        onboarding_id: Option<&str>,
        created_at_seconds: u64,
    ) -> Bundle {
        let client_secret = outcome.secret.as_ref().map(|secret| BundleSecret {
            value: secret.value.expose().to_owned(),
            key_id: secret.key_id.clone(),
            expires: secret.expires.clone(),
        });
        let certificate = outcome.certificate.as_ref().map(|kept| {
            let material = certificate.filter(|_| kept.added);
            BundleCertificate {
                key_id: kept.key_id.clone(),
                thumbprint_sha1: kept.thumbprint_sha1.clone(),
                thumbprint_sha256: Some(kept.thumbprint_sha256.clone())
                    .filter(|thumbprint| !thumbprint.is_empty()),
                expires: kept.expires.clone(),
                certificate_pem: material.map(|m| m.certificate_pem.clone()),
                private_key_pem: material.map(|m| m.private_key_pem.clone()),
                pfx: material.map(|m| STANDARD.encode(&m.pfx)),
                pfx_password: material.map(|m| m.pfx_password.clone()),
            }
        });
        Bundle {
            format: BUNDLE_FORMAT.to_owned(),
            version: BUNDLE_VERSION,
            onboarding_id: onboarding_id.map(str::to_owned),
            created_at: iso_from_millis(created_at_seconds.saturating_mul(1000)),
            cloud: config.cloud.name().unwrap_or("custom").to_owned(),
            tenant_id: outcome.tenant_id.clone(),
            client_id: outcome.client_id.clone(),
            authority: format!("{}/{}", config.endpoints.sign_in, outcome.tenant_id),
            graph: config.endpoints.graph.clone(),
            client_secret,
            certificate,
            permissions: outcome
                .granted
                .iter()
                .map(|granted| BundlePermission {
                    resource: granted.resource.clone(),
                    permission: granted.permission.clone(),
                    kind: match granted.kind {
                        PermissionKind::Application => "application",
                        PermissionKind::Delegated => "delegated",
                    }
                    .to_owned(),
                })
                .collect(),
            directory_roles: outcome.roles.clone(),
        }
    }

    /// The settings file: the bundle as pretty-printed JSON.
    pub fn settings_file_text(&self) -> String {
        // Strings, numbers, lists and maps with string keys: serialising cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// `m365-registrar-<tenant id>.json`, or `.jwe` when sealed.
    pub fn file_name(&self, sealed: bool) -> String {
        // The tenant id is a GUID; keep only its characters so the name is always a file name.
        let tenant: String = self
            .tenant_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let extension = if sealed { "jwe" } else { "json" };
        format!("m365-registrar-{tenant}.{extension}")
    }
}

impl fmt::Debug for Bundle {
    // The ids, never the secret, key or password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bundle")
            .field("onboarding_id", &self.onboarding_id)
            .field("created_at", &self.created_at)
            .field("cloud", &self.cloud)
            .field("tenant_id", &self.tenant_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("certificate", &self.certificate)
            .field("permissions", &self.permissions.len())
            .field("directory_roles", &self.directory_roles)
            .finish()
    }
}

impl fmt::Debug for BundleSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BundleSecret")
            .field("key_id", &self.key_id)
            .field("expires", &self.expires)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for BundleCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BundleCertificate")
            .field("key_id", &self.key_id)
            .field("thumbprint_sha1", &self.thumbprint_sha1)
            .field("expires", &self.expires)
            .field("has_private_key", &self.private_key_pem.is_some())
            .finish_non_exhaustive()
    }
}
