//! Directory roles the new app's service principal may be given. Template ids are the same in
//! every tenant (Microsoft Entra built-in roles reference).

/// A built-in Microsoft Entra directory role: one the app may be given here, or one a signed-in
/// admin may hold (`auth::roles`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectoryRole {
    /// The role template id (`roleTemplateId` of a directory role, `roleDefinitionId` of a role
    /// assignment).
    pub template_id: &'static str,
    /// The name Entra shows (in English).
    pub display_name: &'static str,
    /// In one line an admin can read, why it matters here: why the backup app needs it, or what
    /// it allows the admin who holds it.
    pub reason: &'static str,
}

/// Exchange Online PowerShell app-only access takes its Exchange permissions from a directory
/// role in the app's token: `Exchange.ManageAsApp` alone lets the app connect but run nothing.
pub const EXCHANGE_ADMINISTRATOR: DirectoryRole = DirectoryRole {
    template_id: "29232cdf-9323-42fd-ade2-1d097af3e4de",
    display_name: "Exchange Administrator",
    reason: "Exchange Online PowerShell app-only access runs cmdlets with the rights of a directory role; this one covers mailbox and retention settings.",
};
