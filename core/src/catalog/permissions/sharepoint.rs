//! Office 365 SharePoint Online's own API. App-only use needs a certificate on the app since
//! ACS retired (April 2026): a client secret gets Access Denied. Ids: the captured SharePoint
//! service principal in pnp/cli-microsoft365 (see the module's sources).

use crate::catalog::PermissionKind::{Application, Delegated};
use crate::catalog::Resource::SharePointOnline;
use crate::catalog::{Permission, PermissionKind, Workload};
use crate::wizard::words::EN_REASONS;

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
    EN_REASONS.sharepoint_sites_full_control_all,
);

pub const SHAREPOINT_SITES_MANAGE_ALL: Permission = sharepoint(
    Application,
    "Sites.Manage.All",
    "9bff6588-13f2-4c48-bbf2-ddab62256b36",
    Workload::SharePoint,
    EN_REASONS.sharepoint_sites_manage_all,
);

pub const SHAREPOINT_SITES_READ_ALL: Permission = sharepoint(
    Application,
    "Sites.Read.All",
    "d13f72ca-a275-4b96-b789-48ebcc4da984",
    Workload::SharePoint,
    EN_REASONS.sharepoint_sites_read_all,
);

pub const SHAREPOINT_SITES_READ_WRITE_ALL: Permission = sharepoint(
    Application,
    "Sites.ReadWrite.All",
    "fbcd29d2-fcca-4405-aded-518d457caae4",
    Workload::SharePoint,
    EN_REASONS.sharepoint_sites_read_write_all,
);

pub const SHAREPOINT_USER_READ_ALL: Permission = sharepoint(
    Application,
    "User.Read.All",
    "df021288-bdef-4463-88db-98f22de89214",
    Workload::Discovery,
    EN_REASONS.sharepoint_user_read_all,
);

pub const SHAREPOINT_USER_READ_WRITE_ALL: Permission = sharepoint(
    Application,
    "User.ReadWrite.All",
    "741f803b-c850-494e-b5df-cde7c675a1ca",
    Workload::Discovery,
    EN_REASONS.sharepoint_user_read_write_all,
);

pub const SHAREPOINT_DELEGATED_ALLSITES_FULL_CONTROL: Permission = sharepoint(
    Delegated,
    "AllSites.FullControl",
    "56680e0d-d2a3-4ae1-80d8-3c4f2100e3d0",
    Workload::SharePoint,
    EN_REASONS.sharepoint_delegated_allsites_full_control,
);

pub const SHAREPOINT_DELEGATED_ALLSITES_MANAGE: Permission = sharepoint(
    Delegated,
    "AllSites.Manage",
    "b3f70a70-8a4b-4f95-9573-d71c496a53f4",
    Workload::SharePoint,
    EN_REASONS.sharepoint_delegated_allsites_manage,
);

pub const SHAREPOINT_DELEGATED_ALLSITES_READ: Permission = sharepoint(
    Delegated,
    "AllSites.Read",
    "4e0d77b0-96ba-4398-af14-3baa780278f4",
    Workload::SharePoint,
    EN_REASONS.sharepoint_delegated_allsites_read,
);

pub const SHAREPOINT_DELEGATED_ALLSITES_WRITE: Permission = sharepoint(
    Delegated,
    "AllSites.Write",
    "640ddd16-e5b7-4d71-9690-3f4022699ee7",
    Workload::SharePoint,
    EN_REASONS.sharepoint_delegated_allsites_write,
);

pub const SHAREPOINT_DELEGATED_MYFILES_READ: Permission = sharepoint(
    Delegated,
    "MyFiles.Read",
    "dd2c8d78-58e1-46d7-82dd-34d411282686",
    Workload::OneDrive,
    EN_REASONS.sharepoint_delegated_myfiles_read,
);

pub const SHAREPOINT_DELEGATED_MYFILES_WRITE: Permission = sharepoint(
    Delegated,
    "MyFiles.Write",
    "2cfdc887-d7b4-4798-9b33-3d98d6b95dd2",
    Workload::OneDrive,
    EN_REASONS.sharepoint_delegated_myfiles_write,
);
