//! The permission catalog: which permissions the new app registration asks for, as data.
//!
//! Each permission says which resource it belongs to, whether it is an application permission
//! (app role, used by the backup server without a user) or delegated (scope), its id, the
//! workload it serves and why a backup product needs it; the consent step shows those reasons.
//! Ids are cross-checks and seeds for tests: at run time the engine resolves names to ids on
//! the tenant's own resource service principals.
//!
//! Retired mechanisms deliberately absent:
//! - EWS `full_access_as_app` (Exchange): Exchange Online blocks EWS from 1 October 2026; mail,
//!   calendar and contacts are backed up through Microsoft Graph.
//! - SharePoint ACS app-only (appinv.aspx): stopped working 2 April 2026. SharePoint app-only
//!   now goes through Entra and requires a certificate (a client secret gets Access Denied),
//!   see [`Profile::needs_certificate`].
//! - Azure AD Graph (graph.windows.net): retired in 2025; its permissions map to Microsoft
//!   Graph permissions of the same names (see the `kodo-compatible` profile).

pub mod permissions;
mod profiles;
mod resource;
pub mod roles;
#[cfg(test)]
mod sandbox_parity;
#[cfg(test)]
mod tests;

pub use resource::Resource;
pub use roles::DirectoryRole;

/// How the permission is granted and used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PermissionKind {
    /// An app role: used with the app's own credentials, no user signed in. Granted with an
    /// app role assignment.
    Application,
    /// A scope: used on behalf of a signed-in user. Granted with an OAuth2 permission grant.
    Delegated,
}

/// The part of Microsoft 365 a permission serves, for grouping in the consent step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// Finding what to back up: users, groups, their mailboxes and drives.
    Discovery,
    Mail,
    Calendars,
    Contacts,
    OneDrive,
    SharePoint,
    /// A permission the catalog does not place (a custom one it cannot classify).
    Other,
}

impl Workload {
    /// The workload a permission name most likely serves, for custom permissions the catalog
    /// does not know: `Mail.Read` is mail, `AllSites.Read` SharePoint, `Team.ReadBasic.All`
    /// other.
    pub fn guess(value: &str) -> Workload {
        let family = value.split('.').next().unwrap_or(value);
        match family {
            "Mail" | "MailboxSettings" | "Exchange" => Workload::Mail,
            "Calendars" => Workload::Calendars,
            "Contacts" => Workload::Contacts,
            "Files" | "MyFiles" => Workload::OneDrive,
            "Sites" | "AllSites" | "TermStore" => Workload::SharePoint,
            "User" | "Group" | "GroupMember" | "Directory" => Workload::Discovery,
            _ => Workload::Other,
        }
    }
}

/// One permission the new app asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permission {
    pub resource: Resource,
    pub kind: PermissionKind,
    /// The claim value, e.g. `Mail.ReadWrite`.
    pub value: &'static str,
    /// App role id (application) or scope id (delegated) on the resource.
    pub id: &'static str,
    pub workload: Workload,
    /// Why a backup product needs it, in one line an admin can read.
    pub reason: &'static str,
}

/// A permission the new app will ask for, whatever it came from: a built-in profile, the
/// configuration's custom list, or an option (the Exchange management role). Owned, because a
/// custom permission's name is only known at run time; its id is always read from the tenant's
/// own resource service principal, and `catalog_id` (when the catalog knows the permission) is
/// only a cross-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedPermission {
    pub resource: Resource,
    pub kind: PermissionKind,
    /// The claim value, e.g. `Mail.ReadWrite`.
    pub value: String,
    pub workload: Workload,
    /// Why a backup product needs it, in one line an admin can read.
    pub reason: String,
    /// The id the catalog knows for it, if any.
    pub catalog_id: Option<&'static str>,
}

impl Permission {
    /// SharePoint's own API used without a user: needs a certificate on the app.
    pub fn is_sharepoint_app_only(&self) -> bool {
        self.resource == Resource::SharePointOnline && self.kind == PermissionKind::Application
    }
}

impl RequestedPermission {
    /// SharePoint's own API used without a user: needs a certificate on the app.
    pub fn is_sharepoint_app_only(&self) -> bool {
        self.resource == Resource::SharePointOnline && self.kind == PermissionKind::Application
    }

    /// Same resource, kind and name: the same grant.
    pub fn same_grant(&self, other: &RequestedPermission) -> bool {
        self.resource == other.resource && self.kind == other.kind && self.value == other.value
    }
}

impl From<&Permission> for RequestedPermission {
    fn from(permission: &Permission) -> Self {
        RequestedPermission {
            resource: permission.resource,
            kind: permission.kind,
            value: permission.value.to_owned(),
            workload: permission.workload,
            reason: permission.reason.to_owned(),
            catalog_id: Some(permission.id),
        }
    }
}

/// A named set of permissions a deployment chooses with `"permissionProfile"`.
#[derive(Debug, PartialEq, Eq)]
pub struct Profile {
    /// The id written in config.json, e.g. `full-backup`.
    pub id: &'static str,
    /// A short title for the UI.
    pub title: &'static str,
    /// One sentence on what it covers.
    pub summary: &'static str,
    pub permissions: &'static [Permission],
}

impl Profile {
    /// True when SharePoint's own API is used app-only: that requires a certificate on the
    /// app (client secrets are refused since ACS retired), so the app must create one.
    pub fn needs_certificate(&self) -> bool {
        self.permissions
            .iter()
            .any(|permission| permission.is_sharepoint_app_only())
    }

    /// The profile's permissions, as requests.
    pub fn requested(&self) -> Vec<RequestedPermission> {
        self.permissions
            .iter()
            .map(RequestedPermission::from)
            .collect()
    }

    /// The resources this profile asks permissions of, each once, in catalog order.
    pub fn resources(&self) -> Vec<Resource> {
        let mut resources = Vec::new();
        for permission in self.permissions {
            if !resources.contains(&permission.resource) {
                resources.push(permission.resource);
            }
        }
        resources
    }
}

/// Every profile, in the order the documentation lists them.
pub fn profiles() -> &'static [Profile] {
    profiles::ALL
}

/// The profile with this id, if any.
pub fn profile(id: &str) -> Option<&'static Profile> {
    profiles::ALL.iter().find(|profile| profile.id == id)
}
