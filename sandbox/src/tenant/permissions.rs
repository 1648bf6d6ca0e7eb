//! The resource applications' permissions, with their real ids.
//!
//! Every id below was checked against public sources while this file was written; permissions
//! whose ids could not be verified are left out on purpose: never add one from memory.
//! - Microsoft Graph: microsoftgraph/microsoft-graph-devx-content,
//!   `permissions/new/ProvisioningInfo.json` (commit 008c3cced0638f09e777b6b3a3c3dd08c3a0efd0),
//!   `"scheme": "Application"` (app roles) and `"scheme": "DelegatedWork"` (scopes).
//! - Office 365 SharePoint Online: the captured SharePoint service principal (`appRoles`,
//!   `oauth2PermissionScopes` with their `type`) in pnp/cli-microsoft365
//!   `src/m365/aad/commands/approleassignment/approleassignment-add.spec.ts`
//!   (commit 0887d2e148e2fc92aa86131919a190d41880b6b4).
//! - Office 365 Exchange Online: the Exchange app-only PowerShell and EWS OAuth setup guides.
//!
//! registrar-core's catalog test `every_catalog_permission_is_in_the_sandbox_with_the_same_id`
//! pins that every permission a profile or option can request is here with the same id.

/// A permission of a resource application: an app role (application permission) or an
/// oauth2PermissionScope (delegated permission).
#[derive(Debug, Clone, Copy)]
pub struct Permission {
    pub value: &'static str,
    pub id: &'static str,
    /// Delegated scopes only: true when only an administrator may consent ("Admin" type).
    pub admin_only: bool,
    pub description: &'static str,
}

const fn role(value: &'static str, id: &'static str, description: &'static str) -> Permission {
    Permission {
        value,
        id,
        admin_only: true,
        description,
    }
}
const fn admin(value: &'static str, id: &'static str, description: &'static str) -> Permission {
    Permission {
        value,
        id,
        admin_only: true,
        description,
    }
}
const fn user(value: &'static str, id: &'static str, description: &'static str) -> Permission {
    Permission {
        value,
        id,
        admin_only: false,
        description,
    }
}

pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";
pub const EXCHANGE_APP_ID: &str = "00000002-0000-0ff1-ce00-000000000000";
pub const SHAREPOINT_APP_ID: &str = "00000003-0000-0ff1-ce00-000000000000";

pub const GRAPH_APP_ROLES: &[Permission] = &[
    role(
        "Application.ReadWrite.All",
        "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
        "Read and write all applications",
    ),
    role(
        "AppRoleAssignment.ReadWrite.All",
        "06b708a9-e830-4db3-a914-8e69da51d44f",
        "Manage app permission grants and app role assignments",
    ),
    role(
        "DelegatedPermissionGrant.ReadWrite.All",
        "8e8e4742-1d95-4f68-9d56-6ee75648c72a",
        "Manage all delegated permission grants",
    ),
    role(
        "RoleManagement.ReadWrite.Directory",
        "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
        "Read and write all directory RBAC settings",
    ),
    role(
        "Directory.Read.All",
        "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
        "Read directory data",
    ),
    role(
        "Directory.ReadWrite.All",
        "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
        "Read and write directory data",
    ),
    role(
        "User.Read.All",
        "df021288-bdef-4463-88db-98f22de89214",
        "Read all users' full profiles",
    ),
    role(
        "Group.Read.All",
        "5b567255-7703-4780-807c-7be8301ae99b",
        "Read all groups",
    ),
    role(
        "Group.ReadWrite.All",
        "62a82d76-70ea-41e2-9197-370581804d09",
        "Read and write all groups",
    ),
    role(
        "Organization.Read.All",
        "498476ce-e0fe-48b0-b801-37ba7e2685c6",
        "Read organization information",
    ),
    role(
        "Policy.Read.All",
        "246dd0d5-5bd0-4def-940b-0421030a5b68",
        "Read your organization's policies",
    ),
    role(
        "User.ReadWrite.All",
        "741f803b-c850-494e-b5df-cde7c675a1ca",
        "Read and write all users' full profiles",
    ),
    role(
        "Mail.Read",
        "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
        "Read mail in all mailboxes",
    ),
    role(
        "Mail.ReadWrite",
        "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
        "Read and write mail in all mailboxes",
    ),
    role(
        "Calendars.Read",
        "798ee544-9d2d-430c-a058-570e29e34338",
        "Read calendars in all mailboxes",
    ),
    role(
        "Calendars.ReadWrite",
        "ef54d2bf-783f-4e0f-bca1-3210c0444d99",
        "Read and write calendars in all mailboxes",
    ),
    role(
        "Contacts.Read",
        "089fe4d0-434a-44c5-8827-41ba8a0b17f5",
        "Read contacts in all mailboxes",
    ),
    role(
        "Contacts.ReadWrite",
        "6918b873-d17a-4dc1-b314-35f528134491",
        "Read and write contacts in all mailboxes",
    ),
    role(
        "Files.Read.All",
        "01d4889c-1287-42c6-ac1f-5d1e02578ef6",
        "Read files in all site collections",
    ),
    role(
        "Files.ReadWrite.All",
        "75359482-378d-4052-8f01-80520e7db3cd",
        "Read and write files in all site collections",
    ),
    role(
        "Sites.Read.All",
        "332a536c-c7ef-4017-ab91-336970924f0d",
        "Read items in all site collections",
    ),
    role(
        "Sites.ReadWrite.All",
        "9492366f-7969-46a4-8d15-ed1a20078fff",
        "Read and write items in all site collections",
    ),
    role(
        "Sites.Manage.All",
        "0c0bf378-bf22-4481-8f81-9e89a9b4960a",
        "Create, edit, and delete items and lists in all site collections",
    ),
    role(
        "Sites.FullControl.All",
        "a82116e5-55eb-4c41-a434-62fe8a61c773",
        "Have full control of all site collections",
    ),
    role(
        "Sites.Selected",
        "883ea226-0bf2-4a8f-9f9d-92c9162a727d",
        "Access selected site collections",
    ),
];

pub const GRAPH_SCOPES: &[Permission] = &[
    user(
        "openid",
        "37f7f235-527c-4136-accd-4a02d197296e",
        "Sign users in",
    ),
    user(
        "profile",
        "14dad69e-099b-42c9-810b-d002981feec1",
        "View users' basic profile",
    ),
    user(
        "offline_access",
        "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
        "Maintain access to data you have given it access to",
    ),
    user(
        "email",
        "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
        "View users' email address",
    ),
    user(
        "User.Read",
        "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
        "Sign in and read user profile",
    ),
    user(
        "User.ReadBasic.All",
        "b340eb25-3456-403f-be2f-af7a0d370277",
        "Read all users' basic profiles",
    ),
    admin(
        "User.Read.All",
        "a154be20-db9c-4678-8ab7-66f6cc099a59",
        "Read all users' full profiles",
    ),
    admin(
        "Group.Read.All",
        "5f8c59db-677d-491f-a6b8-5f174b11ec1d",
        "Read all groups",
    ),
    admin(
        "GroupMember.Read.All",
        "bc024368-1153-4739-b217-4326f2e966d0",
        "Read group memberships",
    ),
    admin(
        "Directory.Read.All",
        "06da0dbc-49e2-44d2-8312-53f166ab848a",
        "Read directory data",
    ),
    admin(
        "Directory.ReadWrite.All",
        "c5366453-9fb0-48a5-a156-24f0c49a4b84",
        "Read and write directory data",
    ),
    admin(
        "Organization.Read.All",
        "4908d5b9-3fb2-4b1e-9336-1888b7937185",
        "Read organization information",
    ),
    admin(
        "Policy.Read.All",
        "572fea84-0151-49b2-9301-11cb16974376",
        "Read your organization's policies",
    ),
    admin(
        "Application.Read.All",
        "c79f8feb-a9db-4090-85f9-90d820caa0eb",
        "Read applications",
    ),
    admin(
        "Application.ReadWrite.All",
        "bdfbf15f-ee85-4955-8675-146e8e5296b5",
        "Read and write all applications",
    ),
    admin(
        "AppRoleAssignment.ReadWrite.All",
        "84bccea3-f856-4a8a-967b-dbe0a3d53a64",
        "Manage app permission grants and app role assignments",
    ),
    admin(
        "DelegatedPermissionGrant.ReadWrite.All",
        "41ce6ca6-6826-4807-84f1-1c82854f7ee5",
        "Manage all delegated permission grants",
    ),
    admin(
        "RoleManagement.ReadWrite.Directory",
        "d01b97e9-cbc0-49fe-810a-750afd5527a3",
        "Read and write directory RBAC settings",
    ),
    // Sites.Read.All (delegated) needs no admin consent in Entra's reference.
    user(
        "Sites.Read.All",
        "205e70e5-aba6-4c52-a976-6d2d46c48043",
        "Read items in all site collections",
    ),
    // Admin-only here to be safe: whether users may consent to it was not verified.
    admin(
        "Sites.ReadWrite.All",
        "89fe6a52-be36-487e-b7d8-d061c450a026",
        "Edit or delete items in all site collections",
    ),
    admin(
        "Sites.FullControl.All",
        "5a54b8b3-347c-476d-8f8e-42d5c7424d29",
        "Have full control of all site collections",
    ),
];

pub const EXCHANGE_APP_ROLES: &[Permission] = &[
    role(
        "full_access_as_app",
        "dc890d15-9560-4a4c-9b7f-a736ec74ec40",
        "Use Exchange Web Services with full access to all mailboxes",
    ),
    role(
        "Exchange.ManageAsApp",
        "dc50a0fb-09a3-484d-be87-e023b12c6440",
        "Manage Exchange As Application",
    ),
];
/// Exchange delegated scopes are left out: their ids were not verified.
pub const EXCHANGE_SCOPES: &[Permission] = &[];

/// SharePoint reuses Graph's ids for its User.Read.All and User.ReadWrite.All app roles.
pub const SHAREPOINT_APP_ROLES: &[Permission] = &[
    role(
        "Sites.FullControl.All",
        "678536fe-1083-478a-9c59-b99265e6b0d3",
        "Have full control of all site collections",
    ),
    role(
        "Sites.Manage.All",
        "9bff6588-13f2-4c48-bbf2-ddab62256b36",
        "Read and write items and lists in all site collections",
    ),
    role(
        "Sites.Read.All",
        "d13f72ca-a275-4b96-b789-48ebcc4da984",
        "Read items in all site collections",
    ),
    role(
        "Sites.ReadWrite.All",
        "fbcd29d2-fcca-4405-aded-518d457caae4",
        "Read and write items in all site collections",
    ),
    role(
        "User.Read.All",
        "df021288-bdef-4463-88db-98f22de89214",
        "Read user profiles",
    ),
    role(
        "User.ReadWrite.All",
        "741f803b-c850-494e-b5df-cde7c675a1ca",
        "Read and write user profiles",
    ),
];

/// `admin` where the captured service principal says `"type": "Admin"`, `user` where `"User"`.
pub const SHAREPOINT_SCOPES: &[Permission] = &[
    admin(
        "AllSites.FullControl",
        "56680e0d-d2a3-4ae1-80d8-3c4f2100e3d0",
        "Have full control of all site collections",
    ),
    user(
        "AllSites.Manage",
        "b3f70a70-8a4b-4f95-9573-d71c496a53f4",
        "Read and write items and lists in all site collections",
    ),
    user(
        "AllSites.Read",
        "4e0d77b0-96ba-4398-af14-3baa780278f4",
        "Read items in all site collections",
    ),
    user(
        "AllSites.Write",
        "640ddd16-e5b7-4d71-9690-3f4022699ee7",
        "Read and write items in all site collections",
    ),
    user(
        "MyFiles.Read",
        "dd2c8d78-58e1-46d7-82dd-34d411282686",
        "Read user files",
    ),
    user(
        "MyFiles.Write",
        "2cfdc887-d7b4-4798-9b33-3d98d6b95dd2",
        "Read and write user files",
    ),
];

/// The OpenID Connect scopes: they need no resource and are never enforced by Graph.
pub const OIDC_SCOPES: &[&str] = &["openid", "profile", "offline_access", "email"];

pub fn graph_scope(value: &str) -> Option<&'static Permission> {
    GRAPH_SCOPES
        .iter()
        .find(|p| p.value.eq_ignore_ascii_case(value))
}

/// Directory role templates (Entra built-in roles reference).
pub mod roles {
    pub const GLOBAL_ADMINISTRATOR: &str = "62e90394-69f5-4237-9190-012177145e10";
    pub const PRIVILEGED_ROLE_ADMINISTRATOR: &str = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    pub const APPLICATION_ADMINISTRATOR: &str = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
    pub const CLOUD_APPLICATION_ADMINISTRATOR: &str = "158c047a-c907-4556-b7ef-446551a6b5f7";
    pub const EXCHANGE_ADMINISTRATOR: &str = "29232cdf-9323-42fd-ade2-1d097af3e4de";
    pub const APPLICATION_DEVELOPER: &str = "cf1c38e5-3621-4004-a7cb-879624dced7c";

    pub const ALL: &[(&str, &str, &str)] = &[
        (
            GLOBAL_ADMINISTRATOR,
            "Global Administrator",
            "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.",
        ),
        (
            PRIVILEGED_ROLE_ADMINISTRATOR,
            "Privileged Role Administrator",
            "Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.",
        ),
        (
            APPLICATION_ADMINISTRATOR,
            "Application Administrator",
            "Can create and manage all aspects of app registrations and enterprise apps.",
        ),
        (
            CLOUD_APPLICATION_ADMINISTRATOR,
            "Cloud Application Administrator",
            "Can create and manage all aspects of app registrations and enterprise apps except App Proxy.",
        ),
        (
            EXCHANGE_ADMINISTRATOR,
            "Exchange Administrator",
            "Can manage all aspects of the Exchange product.",
        ),
        (
            APPLICATION_DEVELOPER,
            "Application Developer",
            "Can create application registrations independent of the 'Users can register applications' setting.",
        ),
    ];

    pub fn name(template_id: &str) -> Option<&'static str> {
        ALL.iter().find(|r| r.0 == template_id).map(|r| r.1)
    }
}
