//! Microsoft Graph application permissions (app roles). Ids: devx-content
//! `ProvisioningInfo.json`, the `"scheme": "Application"` entry (see the module's sources).

use crate::catalog::PermissionKind::Application;
use crate::catalog::Resource::MicrosoftGraph;
use crate::catalog::{Permission, Workload};
use crate::wizard::words::EN_REASONS;

const fn role(
    value: &'static str,
    id: &'static str,
    workload: Workload,
    reason: &'static str,
) -> Permission {
    Permission {
        resource: MicrosoftGraph,
        kind: Application,
        value,
        id,
        workload,
        reason,
    }
}

pub const GRAPH_USER_READ_ALL: Permission = role(
    "User.Read.All",
    "df021288-bdef-4463-88db-98f22de89214",
    Workload::Discovery,
    EN_REASONS.graph_user_read_all,
);

pub const GRAPH_USER_READ_WRITE_ALL: Permission = role(
    "User.ReadWrite.All",
    "741f803b-c850-494e-b5df-cde7c675a1ca",
    Workload::Discovery,
    EN_REASONS.graph_user_read_write_all,
);

// Narrower than Directory.Read.All, which would also expose devices, roles and policies.
pub const GRAPH_GROUP_READ_ALL: Permission = role(
    "Group.Read.All",
    "5b567255-7703-4780-807c-7be8301ae99b",
    Workload::Discovery,
    EN_REASONS.graph_group_read_all,
);

pub const GRAPH_DIRECTORY_READ_ALL: Permission = role(
    "Directory.Read.All",
    "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    Workload::Discovery,
    EN_REASONS.graph_directory_read_all,
);

pub const GRAPH_DIRECTORY_READ_WRITE_ALL: Permission = role(
    "Directory.ReadWrite.All",
    "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
    Workload::Discovery,
    EN_REASONS.graph_directory_read_write_all,
);

pub const GRAPH_MAIL_READ: Permission = role(
    "Mail.Read",
    "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
    Workload::Mail,
    EN_REASONS.graph_mail_read,
);

// Write, not just Read: restoring puts messages back into the mailbox.
pub const GRAPH_MAIL_READ_WRITE: Permission = role(
    "Mail.ReadWrite",
    "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
    Workload::Mail,
    EN_REASONS.graph_mail_read_write,
);

pub const GRAPH_CALENDARS_READ: Permission = role(
    "Calendars.Read",
    "798ee544-9d2d-430c-a058-570e29e34338",
    Workload::Calendars,
    EN_REASONS.graph_calendars_read,
);

pub const GRAPH_CALENDARS_READ_WRITE: Permission = role(
    "Calendars.ReadWrite",
    "ef54d2bf-783f-4e0f-bca1-3210c0444d99",
    Workload::Calendars,
    EN_REASONS.graph_calendars_read_write,
);

pub const GRAPH_CONTACTS_READ: Permission = role(
    "Contacts.Read",
    "089fe4d0-434a-44c5-8827-41ba8a0b17f5",
    Workload::Contacts,
    EN_REASONS.graph_contacts_read,
);

pub const GRAPH_CONTACTS_READ_WRITE: Permission = role(
    "Contacts.ReadWrite",
    "6918b873-d17a-4dc1-b314-35f528134491",
    Workload::Contacts,
    EN_REASONS.graph_contacts_read_write,
);

pub const GRAPH_FILES_READ_ALL: Permission = role(
    "Files.Read.All",
    "01d4889c-1287-42c6-ac1f-5d1e02578ef6",
    Workload::OneDrive,
    EN_REASONS.graph_files_read_all,
);

pub const GRAPH_FILES_READ_WRITE_ALL: Permission = role(
    "Files.ReadWrite.All",
    "75359482-378d-4052-8f01-80520e7db3cd",
    Workload::OneDrive,
    EN_REASONS.graph_files_read_write_all,
);

pub const GRAPH_SITES_READ_ALL: Permission = role(
    "Sites.Read.All",
    "332a536c-c7ef-4017-ab91-336970924f0d",
    Workload::SharePoint,
    EN_REASONS.graph_sites_read_all,
);

pub const GRAPH_SITES_READ_WRITE_ALL: Permission = role(
    "Sites.ReadWrite.All",
    "9492366f-7969-46a4-8d15-ed1a20078fff",
    Workload::SharePoint,
    EN_REASONS.graph_sites_read_write_all,
);

// ReadWrite cannot read or restore site permissions; a faithful restore needs them.
pub const GRAPH_SITES_FULL_CONTROL_ALL: Permission = role(
    "Sites.FullControl.All",
    "a82116e5-55eb-4c41-a434-62fe8a61c773",
    Workload::SharePoint,
    EN_REASONS.graph_sites_full_control_all,
);
