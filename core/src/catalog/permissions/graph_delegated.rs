//! Microsoft Graph delegated permissions (scopes), used on behalf of a signed-in user and
//! granted for the whole organization (an `AllPrincipals` grant). Ids: devx-content
//! `ProvisioningInfo.json`, the `"scheme": "DelegatedWork"` entry. They differ from the
//! application ids of the same names.

use crate::catalog::PermissionKind::Delegated;
use crate::catalog::Resource::MicrosoftGraph;
use crate::catalog::{Permission, Workload};
use crate::wizard::words::EN_REASONS;

const fn scope(
    value: &'static str,
    id: &'static str,
    workload: Workload,
    reason: &'static str,
) -> Permission {
    Permission {
        resource: MicrosoftGraph,
        kind: Delegated,
        value,
        id,
        workload,
        reason,
    }
}

pub const GRAPH_DELEGATED_USER_READ: Permission = scope(
    "User.Read",
    "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
    Workload::Discovery,
    EN_REASONS.graph_delegated_user_read,
);

pub const GRAPH_DELEGATED_USER_READ_ALL: Permission = scope(
    "User.Read.All",
    "a154be20-db9c-4678-8ab7-66f6cc099a59",
    Workload::Discovery,
    EN_REASONS.graph_delegated_user_read_all,
);

pub const GRAPH_DELEGATED_DIRECTORY_READ_ALL: Permission = scope(
    "Directory.Read.All",
    "06da0dbc-49e2-44d2-8312-53f166ab848a",
    Workload::Discovery,
    EN_REASONS.graph_delegated_directory_read_all,
);

pub const GRAPH_DELEGATED_DIRECTORY_READ_WRITE_ALL: Permission = scope(
    "Directory.ReadWrite.All",
    "c5366453-9fb0-48a5-a156-24f0c49a4b84",
    Workload::Discovery,
    EN_REASONS.graph_delegated_directory_read_write_all,
);

pub const GRAPH_DELEGATED_SITES_READ_WRITE_ALL: Permission = scope(
    "Sites.ReadWrite.All",
    "89fe6a52-be36-487e-b7d8-d061c450a026",
    Workload::SharePoint,
    EN_REASONS.graph_delegated_sites_read_write_all,
);
