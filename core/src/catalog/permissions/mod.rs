//! The permissions profiles and the configuration's options are built from, with verified ids.
//!
//! Every id below was copied from a public source, never typed from memory:
//! - Microsoft Graph (app roles and delegated scopes): microsoftgraph/microsoft-graph-devx-content,
//!   `permissions/new/ProvisioningInfo.json` (commit 008c3cced0638f09e777b6b3a3c3dd08c3a0efd0):
//!   the `"scheme": "Application"` entry of a permission is its app role id, the
//!   `"scheme": "DelegatedWork"` entry its delegated scope id. Several are also in
//!   pnp/powershell `src/Commands/Model/AzureApp.cs` (the `PermissionScopes` table of
//!   `Register-PnPAzureADApp`), which agrees.
//! - Office 365 SharePoint Online (app roles and delegated scopes): a captured
//!   `GET /v1.0/servicePrincipals` answer for appId 00000003-0000-0ff1-ce00-000000000000 in
//!   pnp/cli-microsoft365 `src/m365/aad/commands/approleassignment/approleassignment-add.spec.ts`
//!   (commit 0887d2e148e2fc92aa86131919a190d41880b6b4), `appRoles` and
//!   `oauth2PermissionScopes`; the app roles also match pnp/powershell `AzureApp.cs` (SPO region).
//!   SharePoint reuses Graph's ids for its own User.Read.All and User.ReadWrite.All app roles:
//!   ids are unique per resource only.
//! - Office 365 Exchange Online `Exchange.ManageAsApp`: the app role id that public Exchange
//!   Online PowerShell app-only setup scripts and vendor guides (Netwrix Auditor, Mondoo)
//!   assign on appId 00000002-0000-0ff1-ce00-000000000000, as the Exchange app-only
//!   authentication docs' manifest example does.
//!
//! A permission's id is still read from the tenant's own resource service principal at run
//! time; the ids here are cross-checks and seeds for the sandbox tenant (a test pins that the
//! sandbox has each one with the same id).

mod exchange;
mod graph;
mod graph_delegated;
mod sharepoint;

pub use exchange::*;
pub use graph::*;
pub use graph_delegated::*;
pub use sharepoint::*;

use super::{Permission, PermissionKind, Resource};

/// Every permission above, for whole-catalog checks and lookups.
pub const ALL: [Permission; 33] = [
    GRAPH_USER_READ_ALL,
    GRAPH_USER_READ_WRITE_ALL,
    GRAPH_GROUP_READ_ALL,
    GRAPH_DIRECTORY_READ_ALL,
    GRAPH_DIRECTORY_READ_WRITE_ALL,
    GRAPH_MAIL_READ,
    GRAPH_MAIL_READ_WRITE,
    GRAPH_CALENDARS_READ,
    GRAPH_CALENDARS_READ_WRITE,
    GRAPH_CONTACTS_READ,
    GRAPH_CONTACTS_READ_WRITE,
    GRAPH_FILES_READ_ALL,
    GRAPH_FILES_READ_WRITE_ALL,
    GRAPH_SITES_READ_ALL,
    GRAPH_SITES_READ_WRITE_ALL,
    GRAPH_SITES_FULL_CONTROL_ALL,
    GRAPH_DELEGATED_USER_READ,
    GRAPH_DELEGATED_USER_READ_ALL,
    GRAPH_DELEGATED_DIRECTORY_READ_ALL,
    GRAPH_DELEGATED_DIRECTORY_READ_WRITE_ALL,
    GRAPH_DELEGATED_SITES_READ_WRITE_ALL,
    SHAREPOINT_SITES_FULL_CONTROL_ALL,
    SHAREPOINT_SITES_MANAGE_ALL,
    SHAREPOINT_SITES_READ_ALL,
    SHAREPOINT_SITES_READ_WRITE_ALL,
    SHAREPOINT_USER_READ_ALL,
    SHAREPOINT_USER_READ_WRITE_ALL,
    SHAREPOINT_DELEGATED_ALLSITES_FULL_CONTROL,
    SHAREPOINT_DELEGATED_ALLSITES_MANAGE,
    SHAREPOINT_DELEGATED_ALLSITES_READ,
    SHAREPOINT_DELEGATED_ALLSITES_WRITE,
    SHAREPOINT_DELEGATED_MYFILES_READ,
    SHAREPOINT_DELEGATED_MYFILES_WRITE,
];

/// The catalog's entry for this permission, if it has one. Names compare exactly, as Entra
/// compares `appRoles[].value` and `oauth2PermissionScopes[].value`.
pub fn find(resource: Resource, kind: PermissionKind, value: &str) -> Option<&'static Permission> {
    ALL.iter()
        .chain(std::iter::once(&EXCHANGE_MANAGE_AS_APP))
        .find(|p| p.resource == resource && p.kind == kind && p.value == value)
}

/// Every permission the catalog knows, including the option-only `Exchange.ManageAsApp`.
pub fn every() -> impl Iterator<Item = &'static Permission> {
    ALL.iter().chain(std::iter::once(&EXCHANGE_MANAGE_AS_APP))
}
