//! Office 365 SharePoint Online's own API. App-only use needs a certificate on the app since
//! ACS retired (April 2026): a client secret gets Access Denied. Ids: the captured SharePoint
//! service principal in pnp/cli-microsoft365 (see the module's sources).

use crate::catalog::PermissionKind::{Application, Delegated};
use crate::catalog::Resource::SharePointOnline;
use crate::catalog::{Permission, PermissionKind, Workload};

const fn sharepoint(
    kind: PermissionKind,
    value: &'static str,
    id: &'static str,
    workload: Workload,
    reason: &'static str,
) -> Permission {
    Permission {
        resource: SharePointOnline,
        kind,
        value,
        id,
        workload,
        reason,
    }
}

// SharePoint's own REST API reaches what Graph does not (list settings, site features).
pub const SHAREPOINT_SITES_FULL_CONTROL_ALL: Permission = sharepoint(
    Application,
    "Sites.FullControl.All",
    "678536fe-1083-478a-9c59-b99265e6b0d3",
    Workload::SharePoint,
    "Use SharePoint's own API for what Graph cannot back up, such as list and site settings.",
);

pub const SHAREPOINT_SITES_MANAGE_ALL: Permission = sharepoint(
    Application,
    "Sites.Manage.All",
    "9bff6588-13f2-4c48-bbf2-ddab62256b36",
    Workload::SharePoint,
    "Create and delete lists and libraries through SharePoint's own API when restoring.",
);

pub const SHAREPOINT_SITES_READ_ALL: Permission = sharepoint(
    Application,
    "Sites.Read.All",
    "d13f72ca-a275-4b96-b789-48ebcc4da984",
    Workload::SharePoint,
    "Read documents and list items through SharePoint's own API.",
);

pub const SHAREPOINT_SITES_READ_WRITE_ALL: Permission = sharepoint(
    Application,
    "Sites.ReadWrite.All",
    "fbcd29d2-fcca-4405-aded-518d457caae4",
    Workload::SharePoint,
    "Read and restore documents and list items through SharePoint's own API.",
);

pub const SHAREPOINT_USER_READ_ALL: Permission = sharepoint(
    Application,
    "User.Read.All",
    "df021288-bdef-4463-88db-98f22de89214",
    Workload::Discovery,
    "Read SharePoint user profiles to back them up.",
);

pub const SHAREPOINT_USER_READ_WRITE_ALL: Permission = sharepoint(
    Application,
    "User.ReadWrite.All",
    "741f803b-c850-494e-b5df-cde7c675a1ca",
    Workload::Discovery,
    "Read and restore SharePoint user profiles.",
);

pub const SHAREPOINT_DELEGATED_ALLSITES_FULL_CONTROL: Permission = sharepoint(
    Delegated,
    "AllSites.FullControl",
    "56680e0d-d2a3-4ae1-80d8-3c4f2100e3d0",
    Workload::SharePoint,
    "Let a signed-in operator manage any site they control from the backup product.",
);

pub const SHAREPOINT_DELEGATED_ALLSITES_MANAGE: Permission = sharepoint(
    Delegated,
    "AllSites.Manage",
    "b3f70a70-8a4b-4f95-9573-d71c496a53f4",
    Workload::SharePoint,
    "Let a signed-in operator restore lists and libraries they can manage.",
);

pub const SHAREPOINT_DELEGATED_ALLSITES_READ: Permission = sharepoint(
    Delegated,
    "AllSites.Read",
    "4e0d77b0-96ba-4398-af14-3baa780278f4",
    Workload::SharePoint,
    "Let a signed-in operator browse site content they can read.",
);

pub const SHAREPOINT_DELEGATED_ALLSITES_WRITE: Permission = sharepoint(
    Delegated,
    "AllSites.Write",
    "640ddd16-e5b7-4d71-9690-3f4022699ee7",
    Workload::SharePoint,
    "Let a signed-in operator restore documents and items they can edit.",
);

pub const SHAREPOINT_DELEGATED_MYFILES_READ: Permission = sharepoint(
    Delegated,
    "MyFiles.Read",
    "dd2c8d78-58e1-46d7-82dd-34d411282686",
    Workload::OneDrive,
    "Let a signed-in user browse their own OneDrive backups.",
);

pub const SHAREPOINT_DELEGATED_MYFILES_WRITE: Permission = sharepoint(
    Delegated,
    "MyFiles.Write",
    "2cfdc887-d7b4-4798-9b33-3d98d6b95dd2",
    Workload::OneDrive,
    "Let a signed-in user restore files into their own OneDrive.",
);
