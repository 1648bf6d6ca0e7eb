//! Microsoft Graph delegated permissions (scopes), used on behalf of a signed-in user and
//! granted for the whole organization (an `AllPrincipals` grant). Ids: devx-content
//! `ProvisioningInfo.json`, the `"scheme": "DelegatedWork"` entry. They differ from the
//! application ids of the same names.

use crate::catalog::PermissionKind::Delegated;
use crate::catalog::Resource::MicrosoftGraph;
use crate::catalog::{Permission, Workload};

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
    "Sign a user in to the backup product and read their own profile.",
);

pub const GRAPH_DELEGATED_USER_READ_ALL: Permission = scope(
    "User.Read.All",
    "a154be20-db9c-4678-8ab7-66f6cc099a59",
    Workload::Discovery,
    "Let a signed-in operator list users in the backup product.",
);

pub const GRAPH_DELEGATED_DIRECTORY_READ_ALL: Permission = scope(
    "Directory.Read.All",
    "06da0dbc-49e2-44d2-8312-53f166ab848a",
    Workload::Discovery,
    "Let a signed-in operator browse the directory in the backup product.",
);

pub const GRAPH_DELEGATED_DIRECTORY_READ_WRITE_ALL: Permission = scope(
    "Directory.ReadWrite.All",
    "c5366453-9fb0-48a5-a156-24f0c49a4b84",
    Workload::Discovery,
    "Let a signed-in operator change directory data from the backup product.",
);

pub const GRAPH_DELEGATED_SITES_READ_WRITE_ALL: Permission = scope(
    "Sites.ReadWrite.All",
    "89fe6a52-be36-487e-b7d8-d061c450a026",
    Workload::SharePoint,
    "Let a signed-in operator read and restore SharePoint items they can access.",
);
