//! Microsoft's national clouds: each has its own sign-in and Graph hosts (the same app ids).
//! Hosts from Microsoft Graph's national cloud deployments page
//! (learn.microsoft.com/graph/deployments).

use crate::wizard::words::Welcome;

/// Where the tenant lives. `Custom` means explicit `endpoints` in the configuration (the local
/// sandbox tenant, or a private cloud).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cloud {
    Global,
    UsGovHigh,
    UsGovDoD,
    China,
    Custom,
}

/// Base URLs of the two services the app talks to, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Entra ID sign-in, e.g. `https://login.microsoftonline.com`; the authority is
    /// `{sign_in}/{tenant}`.
    pub sign_in: String,
    /// Microsoft Graph, e.g. `https://graph.microsoft.com`; requests go to `{graph}/v1.0/...`.
    pub graph: String,
}

/// The names accepted in `"cloud"`, in the order they are listed to the user.
pub const CLOUD_NAMES: [&str; 4] = ["global", "usGovHigh", "usGovDoD", "china"];

impl Cloud {
    /// Looks up a `"cloud"` value. Exact names only: the list is short and shown on error.
    pub fn from_name(name: &str) -> Option<Cloud> {
        match name {
            "global" => Some(Cloud::Global),
            "usGovHigh" => Some(Cloud::UsGovHigh),
            "usGovDoD" => Some(Cloud::UsGovDoD),
            "china" => Some(Cloud::China),
            _ => None,
        }
    }

    /// The configuration name, or `None` for [`Cloud::Custom`] (which has no name).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Cloud::Global => Some("global"),
            Cloud::UsGovHigh => Some("usGovHigh"),
            Cloud::UsGovDoD => Some("usGovDoD"),
            Cloud::China => Some("china"),
            Cloud::Custom => None,
        }
    }

    /// The cloud's name for the admin, in the language of `w`; `None` for [`Cloud::Custom`].
    /// (Microsoft's names: "Microsoft 365 GCC High", "DoD", "operated by 21Vianet",
    /// <https://learn.microsoft.com/graph/deployments>.)
    pub fn says(self, w: &Welcome) -> Option<&'static str> {
        match self {
            Cloud::Global => Some(w.cloud_global),
            Cloud::UsGovHigh => Some(w.cloud_us_gov_high),
            Cloud::UsGovDoD => Some(w.cloud_us_gov_dod),
            Cloud::China => Some(w.cloud_china),
            Cloud::Custom => None,
        }
    }

    /// The cloud's endpoints, or `None` for [`Cloud::Custom`].
    pub fn endpoints(self) -> Option<Endpoints> {
        let (sign_in, graph) = match self {
            // Global also serves GCC (moderate): same hosts.
            Cloud::Global => ("login.microsoftonline.com", "graph.microsoft.com"),
            Cloud::UsGovHigh => ("login.microsoftonline.us", "graph.microsoft.us"),
            Cloud::UsGovDoD => ("login.microsoftonline.us", "dod-graph.microsoft.us"),
            // Graph docs name login.chinacloudapi.cn; some Microsoft scripts use
            // login.partner.microsoftonline.cn, which serves the same tenants.
            Cloud::China => ("login.chinacloudapi.cn", "microsoftgraph.chinacloudapi.cn"),
            Cloud::Custom => return None,
        };
        Some(Endpoints {
            sign_in: format!("https://{sign_in}"),
            graph: format!("https://{graph}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_cloud_round_trips_and_has_https_endpoints() {
        for name in CLOUD_NAMES {
            let cloud = Cloud::from_name(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(cloud.name(), Some(name));
            let endpoints = cloud.endpoints().unwrap_or_else(|| panic!("{name}"));
            assert!(endpoints.sign_in.starts_with("https://"));
            assert!(endpoints.graph.starts_with("https://"));
        }
    }

    #[test]
    fn hosts_match_the_reference_table() {
        let dod = Cloud::UsGovDoD.endpoints();
        assert_eq!(
            dod,
            Some(Endpoints {
                sign_in: "https://login.microsoftonline.us".into(),
                graph: "https://dod-graph.microsoft.us".into()
            })
        );
        assert_eq!(
            Cloud::China.endpoints().map(|e| e.graph),
            Some("https://microsoftgraph.chinacloudapi.cn".into())
        );
        assert_eq!(
            Cloud::Global.endpoints().map(|e| e.sign_in),
            Some("https://login.microsoftonline.com".into())
        );
    }

    #[test]
    fn names_are_exact_and_custom_has_none() {
        assert_eq!(Cloud::from_name("Global"), None);
        assert_eq!(Cloud::from_name("gcc"), None);
        assert_eq!(Cloud::Custom.name(), None);
        assert_eq!(Cloud::Custom.endpoints(), None);
    }
}
