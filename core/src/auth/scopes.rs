//! The delegated scopes the sign-in asks for: only what the registration needs, each with the
//! reason an admin sees on the consent screen's behalf.
//!
//! Least privilege, checked against the Microsoft Graph API reference (permission tables,
//! "Delegated (work or school account)" row):
//! - `GET /organization`: least privileged delegated permission is `User.Read`
//!   (api-reference/v1.0/includes/permissions/organization-get-permissions.md), so no
//!   `Organization.Read.All`.
//! - `GET /me/memberOf` and `GET /me/transitiveMemberOf`: `User.Read` ("List a user's direct
//!   memberships", "List a user's memberships (direct and transitive)").
//! - `GET /policies/defaultAppManagementPolicy`: `Policy.Read.All` is the least privileged
//!   ("Get tenantAppManagementPolicy"); it is optional (see [`ScopeOptions`]).
//!
//! No `offline_access`: the registration is a one-shot job that finishes well within the
//! access token's lifetime (about an hour), so a refresh token would only add a long-lived
//! credential (24 h for SPAs) that any script in the page could steal. If the token runs out,
//! the admin signs in again.

use crate::wizard::words::EN_REASONS;

/// One scope we request and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeSpec {
    /// The permission name, like `Application.ReadWrite.All` or `openid`.
    pub name: &'static str,
    /// True for a Microsoft Graph permission (sent prefixed with the Graph base URL);
    /// false for an OpenID Connect scope (sent bare).
    pub graph: bool,
    /// Why the registration needs it, in plain words.
    pub reason: &'static str,
}

/// OpenID Connect: an ID token that says who signed in and in which tenant.
pub const OPENID: ScopeSpec = ScopeSpec {
    name: "openid",
    graph: false,
    reason: EN_REASONS.scope_openid,
};

/// OpenID Connect: the signed-in user's name, to show who is signed in.
pub const PROFILE: ScopeSpec = ScopeSpec {
    name: "profile",
    graph: false,
    reason: EN_REASONS.scope_profile,
};

/// Create the app registration, its service principal and its secret or certificate.
pub const APPLICATION_READ_WRITE_ALL: ScopeSpec = ScopeSpec {
    name: "Application.ReadWrite.All",
    graph: true,
    reason: EN_REASONS.scope_application_read_write_all,
};

/// Grant the new app its application permissions (admin consent, app role assignments).
pub const APP_ROLE_ASSIGNMENT_READ_WRITE_ALL: ScopeSpec = ScopeSpec {
    name: "AppRoleAssignment.ReadWrite.All",
    graph: true,
    reason: EN_REASONS.scope_app_role_assignment_read_write_all,
};

/// Grant the new app its delegated permissions tenant-wide (oauth2PermissionGrants).
pub const DELEGATED_PERMISSION_GRANT_READ_WRITE_ALL: ScopeSpec = ScopeSpec {
    name: "DelegatedPermissionGrant.ReadWrite.All",
    graph: true,
    reason: EN_REASONS.scope_delegated_permission_grant_read_write_all,
};

/// Read who is signed in, their tenant (`/organization`) and their roles (`/me/memberOf`).
pub const USER_READ: ScopeSpec = ScopeSpec {
    name: "User.Read",
    graph: true,
    reason: EN_REASONS.scope_user_read,
};

/// Read the tenant's app management policy, which may limit or forbid client secrets.
pub const POLICY_READ_ALL: ScopeSpec = ScopeSpec {
    name: "Policy.Read.All",
    graph: true,
    reason: EN_REASONS.scope_policy_read_all,
};

/// Give the new app's service principal a directory role (the Exchange role step).
pub const ROLE_MANAGEMENT_READ_WRITE_DIRECTORY: ScopeSpec = ScopeSpec {
    name: "RoleManagement.ReadWrite.Directory",
    graph: true,
    reason: EN_REASONS.scope_role_management_read_write_directory,
};

/// The tenant preview's counts (`crate::preview`), each with the least privileged delegated
/// permission Graph documents for it: `/users/$count` with the mailbox filter on `userType`
/// needs `User.Read.All` (https://learn.microsoft.com/graph/api/user-list), `/groups/$count`
/// `GroupMember.Read.All` (https://learn.microsoft.com/graph/api/group-list), the sites search
/// `Sites.Read.All` (https://learn.microsoft.com/graph/api/site-search).
pub const TENANT_PREVIEW: [ScopeSpec; 3] = [
    ScopeSpec {
        name: "User.Read.All",
        graph: true,
        reason: EN_REASONS.scope_preview_users,
    },
    ScopeSpec {
        name: "GroupMember.Read.All",
        graph: true,
        reason: EN_REASONS.scope_preview_groups,
    },
    ScopeSpec {
        name: "Sites.Read.All",
        graph: true,
        reason: EN_REASONS.scope_preview_sites,
    },
];

/// Which optional scopes to request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScopeOptions {
    /// Ask for `Policy.Read.All` to read `/policies/defaultAppManagementPolicy` before adding a
    /// secret. Without it the registration can still try a secret and fall back on refusal.
    pub read_app_management_policy: bool,
    /// Ask for `RoleManagement.ReadWrite.Directory`, only when the product needs the Exchange
    /// role step.
    pub assign_directory_roles: bool,
    /// Ask for the read permissions of the tenant preview (`tenantPreview`).
    #[serde(default)]
    pub read_tenant: bool,
}

impl Default for ScopeOptions {
    /// Reads the app management policy; no directory role assignment.
    fn default() -> Self {
        Self {
            read_app_management_policy: true,
            assign_directory_roles: false,
            read_tenant: false,
        }
    }
}

/// The scopes to request, in order, for the given options.
pub fn scope_specs(options: ScopeOptions) -> Vec<ScopeSpec> {
    let mut specs = vec![
        OPENID,
        PROFILE,
        USER_READ,
        APPLICATION_READ_WRITE_ALL,
        APP_ROLE_ASSIGNMENT_READ_WRITE_ALL,
        DELEGATED_PERMISSION_GRANT_READ_WRITE_ALL,
    ];
    if options.read_app_management_policy {
        specs.push(POLICY_READ_ALL);
    }
    if options.assign_directory_roles {
        specs.push(ROLE_MANAGEMENT_READ_WRITE_DIRECTORY);
    }
    if options.read_tenant {
        specs.extend(TENANT_PREVIEW);
    }
    specs
}

impl ScopeSpec {
    /// The value sent in `scope`: bare for OpenID scopes, `{graph_base}/{name}` for Graph ones.
    /// `graph_base` is the Graph root of the cloud (`https://graph.microsoft.com`,
    /// `https://graph.microsoft.us`, ...); a trailing slash is ignored.
    pub fn value(&self, graph_base: &str) -> String {
        if self.graph {
            format!("{}/{}", graph_base.trim_end_matches('/'), self.name)
        } else {
            self.name.to_owned()
        }
    }
}

/// The space-separated `scope` parameter for the authorize and token requests.
pub fn scope_parameter(graph_base: &str, options: ScopeOptions) -> String {
    scope_specs(options)
        .iter()
        .map(|spec| spec.value(graph_base))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Graph permissions of `options` that a token's `scope` value lacks. Entra may list
/// granted scopes with or without the Graph URL prefix; names compare case-insensitively.
pub fn missing_graph_scopes(granted: &str, options: ScopeOptions) -> Vec<&'static str> {
    let granted: Vec<&str> = granted
        .split_whitespace()
        .map(|scope| scope.rsplit('/').next().unwrap_or(scope))
        .collect();
    scope_specs(options)
        .into_iter()
        .filter(|spec| spec.graph)
        .filter(|spec| !granted.iter().any(|g| g.eq_ignore_ascii_case(spec.name)))
        .map(|spec| spec.name)
        .collect()
}

#[cfg(test)]
mod tests {

    /// The README tells hosts which delegated permissions to register, with a reason for each:
    /// every scope the app asks for must be there, or admins meet a consent the host never set up.
    #[test]
    fn every_requested_scope_is_in_the_readme_s_onboarding_registration() {
        let readme = include_str!("../../../README.md");
        let section = readme
            .split("## Registering the onboarding app")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .expect("the README's onboarding registration section");
        for spec in scope_specs(ScopeOptions::default()) {
            assert!(
                section.contains(&format!("`{}`", spec.name)),
                "{} is not in the README",
                spec.name
            );
        }
    }

    use super::*;

    #[test]
    fn default_scopes_for_the_global_cloud() {
        assert_eq!(
            scope_parameter("https://graph.microsoft.com", ScopeOptions::default()),
            "openid profile https://graph.microsoft.com/User.Read \
             https://graph.microsoft.com/Application.ReadWrite.All \
             https://graph.microsoft.com/AppRoleAssignment.ReadWrite.All \
             https://graph.microsoft.com/DelegatedPermissionGrant.ReadWrite.All \
             https://graph.microsoft.com/Policy.Read.All"
        );
    }

    #[test]
    fn national_clouds_use_their_own_graph_host() {
        let options = ScopeOptions {
            read_app_management_policy: false,
            assign_directory_roles: true,
            read_tenant: false,
        };
        let scopes = scope_parameter("https://dod-graph.microsoft.us/", options);
        assert!(scopes.contains("https://dod-graph.microsoft.us/Application.ReadWrite.All"));
        assert!(
            scopes.contains("https://dod-graph.microsoft.us/RoleManagement.ReadWrite.Directory")
        );
        assert!(!scopes.contains("graph.microsoft.com"));
        assert!(!scopes.contains("Policy.Read.All"));
        assert!(!scopes.contains("//Application"));
    }

    #[test]
    fn the_preview_s_read_scopes_only_when_asked() {
        let default = scope_parameter("https://graph.microsoft.com", ScopeOptions::default());
        assert!(!default.contains("User.Read.All") && !default.contains("Sites.Read.All"));
        let preview = ScopeOptions {
            read_tenant: true,
            ..ScopeOptions::default()
        };
        let asked = scope_parameter("https://graph.microsoft.com", preview);
        for name in ["User.Read.All", "GroupMember.Read.All", "Sites.Read.All"] {
            assert!(
                asked.contains(&format!("https://graph.microsoft.com/{name}")),
                "{asked}"
            );
        }
    }

    #[test]
    fn role_management_only_when_asked() {
        let default = scope_parameter("https://graph.microsoft.com", ScopeOptions::default());
        assert!(!default.contains("RoleManagement"));
    }

    #[test]
    fn never_offline_access_and_every_scope_has_a_reason() {
        let all = ScopeOptions {
            read_app_management_policy: true,
            assign_directory_roles: true,
            read_tenant: true,
        };
        for spec in scope_specs(all) {
            assert_ne!(spec.name, "offline_access");
            assert!(spec.reason.len() > 20, "{} needs a reason", spec.name);
        }
        assert!(!scope_parameter("https://graph.microsoft.com", all).contains("offline_access"));
    }

    #[test]
    fn no_directory_wide_read_scopes() {
        let all = ScopeOptions {
            read_app_management_policy: true,
            assign_directory_roles: true,
            read_tenant: true,
        };
        for spec in scope_specs(all) {
            assert!(
                !spec.name.starts_with("Directory."),
                "{} is broader than needed",
                spec.name
            );
            assert_ne!(
                spec.name, "Organization.Read.All",
                "User.Read is enough for /organization"
            );
        }
    }

    #[test]
    fn missing_scopes_compare_by_name() {
        let options = ScopeOptions::default();
        let granted = "openid profile https://graph.microsoft.com/user.read \
                       Application.ReadWrite.All AppRoleAssignment.ReadWrite.All \
                       https://graph.microsoft.com/Policy.Read.All";
        assert_eq!(
            missing_graph_scopes(granted, options),
            vec!["DelegatedPermissionGrant.ReadWrite.All"]
        );
    }
}
