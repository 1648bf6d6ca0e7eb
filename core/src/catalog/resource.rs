//! The resource applications permissions belong to. Their app ids are the same in every
//! cloud (reference: /work/shared/reference/entra-and-graph.md, "Resource applications").

/// A Microsoft first-party API the new app asks permissions of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    MicrosoftGraph,
    ExchangeOnline,
    SharePointOnline,
}

impl Resource {
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
}
