//! The permissions profiles are built from, with verified ids.
//!
//! Sources (never typed from memory):
//! - Microsoft Graph app role ids: microsoftgraph/microsoft-graph-devx-content,
//!   `permissions/new/ProvisioningInfo.json` (commit 008c3cced0638f09e777b6b3a3c3dd08c3a0efd0),
//!   the `"scheme": "Application"` entry of each permission; the same ids are listed in
//!   /work/shared/reference/entra-and-graph.md except Group.Read.All (ProvisioningInfo only).
//! - SharePoint Sites.FullControl.All and Exchange.ManageAsApp: the reference file above
//!   (PnP PowerShell table and SharePoint docs; Exchange app-only PowerShell docs).

use super::PermissionKind::Application;
use super::Resource::{ExchangeOnline, MicrosoftGraph, SharePointOnline};
use super::{Permission, Workload};

pub const GRAPH_USER_READ_ALL: Permission = Permission {
    resource: MicrosoftGraph,
    kind: Application,
    value: "User.Read.All",
    id: "df021288-bdef-4463-88db-98f22de89214",
    workload: Workload::Discovery,
    reason: "List every user to find the mailboxes and OneDrives to back up.",
};

pub const GRAPH_GROUP_READ_ALL: Permission = Permission {
    resource: MicrosoftGraph,
    kind: Application,
    value: "Group.Read.All",
    id: "5b567255-7703-4780-807c-7be8301ae99b",
    workload: Workload::Discovery,
    // Narrower than Directory.Read.All, which would also expose devices, roles and policies.
    reason: "List Microsoft 365 groups to find their shared mailboxes and team sites.",
};

/// Not in any profile: Group.Read.All covers discovery with less reach. Kept because the
/// reference lists it and a vendor may need it for a custom profile.
pub const GRAPH_DIRECTORY_READ_ALL: Permission = Permission {
    resource: MicrosoftGraph,
    kind: Application,
    value: "Directory.Read.All",
    id: "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    workload: Workload::Discovery,
    reason: "Read the whole directory to discover users, groups and their relationships.",
};

pub const GRAPH_MAIL_READ_WRITE: Permission = Permission {
    resource: MicrosoftGraph,
    kind: Application,
    value: "Mail.ReadWrite",
    id: "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
    workload: Workload::Mail,
    // Write, not just Read: restoring puts messages back into the mailbox.
    reason: "Read every mailbox to back it up, and write to restore messages and folders.",
};

pub const GRAPH_CALENDARS_READ_WRITE: Permission = Permission {
    resource: MicrosoftGraph,
    kind: Application,
    value: "Calendars.ReadWrite",
    id: "ef54d2bf-783f-4e0f-bca1-3210c0444d99",
    workload: Workload::Calendars,
    reason: "Back up calendars and restore deleted or changed events.",
};

pub const GRAPH_CONTACTS_READ_WRITE: Permission = Permission {
    resource: MicrosoftGraph,
    kind: Application,
    value: "Contacts.ReadWrite",
    id: "6918b873-d17a-4dc1-b314-35f528134491",
    workload: Workload::Contacts,
    reason: "Back up personal contacts and restore them.",
};

pub const GRAPH_FILES_READ_WRITE_ALL: Permission = Permission {
    resource: MicrosoftGraph,
    kind: Application,
    value: "Files.ReadWrite.All",
    id: "75359482-378d-4052-8f01-80520e7db3cd",
    workload: Workload::OneDrive,
    reason: "Back up every OneDrive and restore files and versions into it.",
};

pub const GRAPH_SITES_FULL_CONTROL_ALL: Permission = Permission {
    resource: MicrosoftGraph,
    kind: Application,
    value: "Sites.FullControl.All",
    id: "a82116e5-55eb-4c41-a434-62fe8a61c773",
    workload: Workload::SharePoint,
    // ReadWrite cannot read or restore site permissions; a faithful restore needs them.
    reason: "Back up SharePoint sites with their permissions, and restore them.",
};

pub const SHAREPOINT_SITES_FULL_CONTROL_ALL: Permission = Permission {
    resource: SharePointOnline,
    kind: Application,
    value: "Sites.FullControl.All",
    id: "678536fe-1083-478a-9c59-b99265e6b0d3",
    workload: Workload::SharePoint,
    // SharePoint's own REST API reaches what Graph does not (list settings, site features);
    // app-only use requires a certificate since ACS retired.
    reason: "Use SharePoint's own API for what Graph cannot back up, such as list and site settings.",
};

/// Not in any profile: Exchange Online PowerShell app-only (certificate + this permission +
/// an Exchange role) is optional and the engine adds it on request.
pub const EXCHANGE_MANAGE_AS_APP: Permission = Permission {
    resource: ExchangeOnline,
    kind: Application,
    value: "Exchange.ManageAsApp",
    id: "dc50a0fb-09a3-484d-be87-e023b12c6440",
    workload: Workload::Mail,
    reason: "Run Exchange Online PowerShell without a user, e.g. to read archive and retention settings.",
};

/// Every permission above, for whole-catalog checks.
pub const ALL: [Permission; 10] = [
    GRAPH_USER_READ_ALL,
    GRAPH_GROUP_READ_ALL,
    GRAPH_DIRECTORY_READ_ALL,
    GRAPH_MAIL_READ_WRITE,
    GRAPH_CALENDARS_READ_WRITE,
    GRAPH_CONTACTS_READ_WRITE,
    GRAPH_FILES_READ_WRITE_ALL,
    GRAPH_SITES_FULL_CONTROL_ALL,
    SHAREPOINT_SITES_FULL_CONTROL_ALL,
    EXCHANGE_MANAGE_AS_APP,
];
