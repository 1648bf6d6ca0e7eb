//! The resource applications permissions belong to. Their app ids are the same in every
//! cloud (the appIds Microsoft Graph, Exchange Online and SharePoint Online register in every
//! tenant; e.g. the `resourceAppId` values in Microsoft's permission manifests).

/// A Microsoft first-party API the new app asks permissions of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    MicrosoftGraph,
    ExchangeOnline,
    SharePointOnline,
}

impl Resource {
    /// Every resource, in documentation order.
    pub const ALL: [Resource; 3] = [
        Resource::MicrosoftGraph,
        Resource::ExchangeOnline,
        Resource::SharePointOnline,
    ];

    /// The resource's application id, used in `requiredResourceAccess` and to find its
    /// service principal in the tenant.
    pub const fn app_id(self) -> &'static str {
        match self {
            Resource::MicrosoftGraph => "00000003-0000-0000-c000-000000000000",
            Resource::ExchangeOnline => "00000002-0000-0ff1-ce00-000000000000",
            Resource::SharePointOnline => "00000003-0000-0ff1-ce00-000000000000",
        }
    }

    /// The name Entra shows for it.
    pub const fn display_name(self) -> &'static str {
        match self {
            Resource::MicrosoftGraph => "Microsoft Graph",
            Resource::ExchangeOnline => "Office 365 Exchange Online",
            Resource::SharePointOnline => "Office 365 SharePoint Online",
        }
    }

    /// The name written in config.json (`customPermissions[].resource`).
    pub const fn config_name(self) -> &'static str {
        match self {
            Resource::MicrosoftGraph => "microsoftGraph",
            Resource::ExchangeOnline => "exchangeOnline",
            Resource::SharePointOnline => "sharePointOnline",
        }
    }

    /// The resource with this config.json name (exact, case-sensitive).
    pub fn from_config_name(name: &str) -> Option<Resource> {
        Resource::ALL.into_iter().find(|r| r.config_name() == name)
    }
}
