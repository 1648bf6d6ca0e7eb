//! Directory roles the new app's service principal may be given. Template ids are the same in
//! every tenant (Microsoft Entra built-in roles reference).

/// A built-in Microsoft Entra directory role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectoryRole {
    /// The role template id (`roleDefinitionId` of a role assignment).
    pub template_id: &'static str,
    /// The name Entra shows.
    pub display_name: &'static str,
    /// Why the backup app needs it, in one line an admin can read.
    pub reason: &'static str,
}

/// Exchange Online PowerShell app-only access takes its Exchange permissions from a directory
/// role in the app's token: `Exchange.ManageAsApp` alone lets the app connect but run nothing.
pub const EXCHANGE_ADMINISTRATOR: DirectoryRole = DirectoryRole {
    template_id: "29232cdf-9323-42fd-ade2-1d097af3e4de",
    display_name: "Exchange Administrator",
    reason: "Exchange Online PowerShell app-only access runs cmdlets with the rights of a directory role; this one covers mailbox and retention settings.",
};
