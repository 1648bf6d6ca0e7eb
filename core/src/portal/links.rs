//! Links into the admin portal of the tenant's cloud: the app registration (overview, API
//! permissions, certificates & secrets), its enterprise application and the app registrations
//! list where deleted apps can be restored.
//!
//! Hosts, per cloud:
//! - Global (and GCC): the Microsoft Entra admin center, `https://entra.microsoft.com`.
//! - US Government (GCC High, DoD) and China (21Vianet): the Azure portal of that cloud,
//!   `https://portal.azure.us` and `https://portal.azure.cn`, the hosts Microsoft names for
//!   registering and managing apps in national clouds
//!   (<https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud>,
//!   "App registration endpoints"). Those clouds also have Entra admin centers
//!   (`entra.microsoft.us`, `entra.microsoftonline.cn`, in the allow-list of
//!   <https://learn.microsoft.com/entra/fundamentals/faq>), but the national cloud page is the
//!   one that documents app registration, so its hosts are used.
//! - A custom cloud (the sandbox, a private cloud): no link. Its admin portal is unknown, and
//!   a link to the global admin center would open the wrong cloud.
//!
//! Deep links use the portal's blade paths, the same in the Entra admin center and the Azure
//! portal (both run the same Microsoft_AAD_* extensions): for an app registration
//! `#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/{Overview|CallAnAPI|Credentials}/appId/{appId}`,
//! for an enterprise application
//! `#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/{servicePrincipalId}/appId/{appId}`,
//! for the app registrations list `#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`.
//! Microsoft documents no deep link to the "Deleted applications" tab itself
//! (<https://learn.microsoft.com/entra/identity/enterprise-apps/delete-recover-faq> sends admins
//! to App registrations, then that tab), so that link opens the list and the admin picks the tab.
//!
//! Ids are checked to be GUIDs before they go into a URL: nothing else is ever put in one.

use crate::config::Cloud;
use crate::guid::is_guid;

/// The admin portal of one cloud, where app registrations are managed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdminPortal {
    /// `https://` and the host, without a trailing slash.
    base: &'static str,
    /// What admins call it, for instructions ("the Microsoft Entra admin center").
    name: &'static str,
}

/// The admin portal of `cloud`, or `None` for a custom cloud (no link is shown).
pub fn admin_portal(cloud: Cloud) -> Option<AdminPortal> {
    let (base, name) = match cloud {
        Cloud::Global => (
            "https://entra.microsoft.com",
            "Microsoft Entra admin center",
        ),
        Cloud::UsGovHigh | Cloud::UsGovDoD => {
            ("https://portal.azure.us", "Azure portal for US Government")
        }
        Cloud::China => (
            "https://portal.azure.cn",
            "Azure portal operated by 21Vianet",
        ),
        Cloud::Custom => return None,
    };
    Some(AdminPortal { base, name })
}

impl AdminPortal {
    /// The portal's home page, e.g. `https://entra.microsoft.com`.
    pub fn home(&self) -> &'static str {
        self.base
    }

    /// The portal's name as admins know it, e.g. "Microsoft Entra admin center".
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The app registration's overview, by its application (client) id.
    pub fn app_overview(&self, app_id: &str) -> Option<String> {
        self.app_blade("Overview", app_id)
    }

    /// The app registration's "API permissions" page, where admin consent is granted.
    pub fn app_api_permissions(&self, app_id: &str) -> Option<String> {
        self.app_blade("CallAnAPI", app_id)
    }

    /// The app registration's "Certificates & secrets" page.
    pub fn app_certificates_and_secrets(&self, app_id: &str) -> Option<String> {
        self.app_blade("Credentials", app_id)
    }

    /// The enterprise application (the app's service principal in this tenant), by the
    /// service principal's object id and the app id.
    pub fn enterprise_app(&self, principal_object_id: &str, app_id: &str) -> Option<String> {
        let principal = guid(principal_object_id)?;
        let app = guid(app_id)?;
        Some(format!(
            "{}/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/{principal}/appId/{app}",
            self.base
        ))
    }

    /// App registrations, whose "Deleted applications" tab lists the apps deleted in the last
    /// 30 days, which can be restored there.
    pub fn deleted_applications(&self) -> String {
        format!(
            "{}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade",
            self.base
        )
    }

    fn app_blade(&self, blade: &str, app_id: &str) -> Option<String> {
        let app = guid(app_id)?;
        Some(format!(
            "{}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/{blade}/appId/{app}",
            self.base
        ))
    }
}

/// `text` as a lowercase GUID, or `None` when it is not one.
fn guid(text: &str) -> Option<String> {
    is_guid(text).then(|| text.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "3B5E8F21-6a4c-4d7e-9b12-c0f4a7d9e856";
    const PRINCIPAL: &str = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";

    #[test]
    fn global_links_open_the_entra_admin_center_on_the_app() {
        let portal = admin_portal(Cloud::Global).expect("a portal");
        assert_eq!(
            portal.app_overview(APP).as_deref(),
            Some(
                "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856"
            )
        );
        assert_eq!(
            portal.app_api_permissions(APP).as_deref(),
            Some(
                "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/appId/3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856"
            )
        );
        assert_eq!(
            portal.app_certificates_and_secrets(APP).as_deref(),
            Some(
                "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856"
            )
        );
        assert_eq!(
            portal.enterprise_app(PRINCIPAL, APP).as_deref(),
            Some(
                "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/appId/3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856"
            )
        );
        assert_eq!(
            portal.deleted_applications(),
            "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade"
        );
    }

    #[test]
    fn national_clouds_link_to_their_own_portal() {
        for (cloud, host) in [
            (Cloud::UsGovHigh, "https://portal.azure.us/"),
            (Cloud::UsGovDoD, "https://portal.azure.us/"),
            (Cloud::China, "https://portal.azure.cn/"),
        ] {
            let portal = admin_portal(cloud).expect("a portal");
            let links = [
                portal.app_overview(APP),
                portal.app_api_permissions(APP),
                portal.app_certificates_and_secrets(APP),
                portal.enterprise_app(PRINCIPAL, APP),
                Some(portal.deleted_applications()),
            ];
            for link in links {
                let link = link.expect("a link");
                assert!(link.starts_with(host), "{cloud:?}: {link}");
                assert!(!link.contains("microsoft.com"), "{cloud:?}: {link}");
            }
        }
    }

    #[test]
    fn a_custom_cloud_has_no_links() {
        assert_eq!(admin_portal(Cloud::Custom), None);
    }

    #[test]
    fn only_guids_go_into_a_link() {
        let portal = admin_portal(Cloud::Global).expect("a portal");
        for outside in [
            "",
            "not-a-guid",
            "3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856/../../evil",
            "3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856?x=1",
            "{3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856}",
            "3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e85g",
        ] {
            assert_eq!(portal.app_overview(outside), None, "{outside}");
            assert_eq!(portal.app_api_permissions(outside), None, "{outside}");
            assert_eq!(portal.app_certificates_and_secrets(outside), None);
            assert_eq!(portal.enterprise_app(outside, APP), None, "{outside}");
            assert_eq!(portal.enterprise_app(PRINCIPAL, outside), None);
        }
    }
}
