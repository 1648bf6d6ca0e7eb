//! Who may grant consent: the Entra directory roles that matter for the registration, and what
//! a signed-in admin's roles allow.
//!
//! Template ids from Microsoft's "Microsoft Entra built-in roles" reference
//! (entra-docs `permissions-reference.md`, table "All roles"); they are the same in every
//! tenant and cloud. Only Global Administrator and Privileged Role Administrator can grant
//! Microsoft Graph application permissions (app role assignments); Application Administrator
//! and Cloud Application Administrator can create the app but get 403
//! `Authorization_RequestDenied` on those grants.

use core::fmt;

/// The catalog's built-in directory role.
pub use crate::catalog::DirectoryRole;
use crate::catalog::roles::Role;

/// Global Administrator: can create the app and grant every permission it needs, including
/// Microsoft Graph application permissions.
pub const GLOBAL_ADMINISTRATOR: DirectoryRole = DirectoryRole {
    template_id: "62e90394-69f5-4237-9190-012177145e10",
    display_name: "Global Administrator",
    role: Role::GlobalAdministrator,
};

/// Privileged Role Administrator: can grant Microsoft Graph application permissions and
/// directory roles to the app.
pub const PRIVILEGED_ROLE_ADMINISTRATOR: DirectoryRole = DirectoryRole {
    template_id: "e8611ab8-c189-46e8-94e1-60213ab1f814",
    display_name: "Privileged Role Administrator",
    role: Role::PrivilegedRoleAdministrator,
};

/// Application Administrator: can create the app and its secret, but cannot grant Microsoft
/// Graph application permissions.
pub const APPLICATION_ADMINISTRATOR: DirectoryRole = DirectoryRole {
    template_id: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
    display_name: "Application Administrator",
    role: Role::ApplicationAdministrator,
};

/// Cloud Application Administrator: can create the app and its secret, but cannot grant
/// Microsoft Graph application permissions.
pub const CLOUD_APPLICATION_ADMINISTRATOR: DirectoryRole = DirectoryRole {
    template_id: "158c047a-c907-4556-b7ef-446551a6b5f7",
    display_name: "Cloud Application Administrator",
    role: Role::CloudApplicationAdministrator,
};

/// The roles this module knows, strongest first.
pub const RELEVANT_ROLES: [DirectoryRole; 4] = [
    GLOBAL_ADMINISTRATOR,
    PRIVILEGED_ROLE_ADMINISTRATOR,
    APPLICATION_ADMINISTRATOR,
    CLOUD_APPLICATION_ADMINISTRATOR,
];

/// The relevant role with this template id (case-insensitive), if it is one.
pub fn relevant_role(template_id: &str) -> Option<DirectoryRole> {
    RELEVANT_ROLES
        .into_iter()
        .find(|role| role.template_id.eq_ignore_ascii_case(template_id.trim()))
}

/// What the signed-in admin can do, given their active directory roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentAbility {
    /// Global Administrator or Privileged Role Administrator: can register and grant everything.
    CanGrantAll,
    /// Application or Cloud Application Administrator: can create the app, but someone with a
    /// stronger role must grant its Graph application permissions.
    CanCreateButNotGrant,
    /// None of the relevant roles: cannot register the app.
    CannotRegister,
    /// Graph did not tell which roles the admin holds (the list was refused or cut short, or a
    /// role came without its template id): unknown, which is not "cannot register".
    RolesUnreadable,
}

impl ConsentAbility {
    /// Works out the ability from the user's role template ids (from `/me/memberOf`).
    pub fn from_role_template_ids<'a>(template_ids: impl IntoIterator<Item = &'a str>) -> Self {
        let roles: Vec<DirectoryRole> =
            template_ids.into_iter().filter_map(relevant_role).collect();
        let has = |wanted: DirectoryRole| roles.contains(&wanted);
        if has(GLOBAL_ADMINISTRATOR) || has(PRIVILEGED_ROLE_ADMINISTRATOR) {
            Self::CanGrantAll
        } else if has(APPLICATION_ADMINISTRATOR) || has(CLOUD_APPLICATION_ADMINISTRATOR) {
            Self::CanCreateButNotGrant
        } else {
            Self::CannotRegister
        }
    }

    /// True when the registration can run to the end with this admin alone.
    pub fn can_finish_alone(self) -> bool {
        self == Self::CanGrantAll
    }
}

impl fmt::Display for ConsentAbility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CanGrantAll => {
                "You can register the app and grant all of its permissions yourself."
            }
            Self::CanCreateButNotGrant => {
                "You can create the app, but granting its Microsoft Graph application permissions \
                 needs a Global Administrator or Privileged Role Administrator. Ask one to sign in \
                 here, or to activate that role for you (for example in Privileged Identity \
                 Management) and sign in again."
            }
            Self::RolesUnreadable => {
                "Microsoft Graph did not say which administrator roles your account holds, so \
                 this page cannot tell whether you can finish the registration. Sign in again to \
                 retry. If it keeps happening, check under Roles and administrators in the \
                 Microsoft Entra admin center that your account is a Global Administrator or \
                 Privileged Role Administrator (activated, if it is eligible in Privileged \
                 Identity Management). You may also go on: a step your account may not do is \
                 refused by Microsoft, and this page says which role it needs."
            }
            Self::CannotRegister => {
                "Your account has none of the roles needed to register the app. Sign in as a \
                 Global Administrator or Privileged Role Administrator. If you hold an eligible \
                 role in Privileged Identity Management, activate it first, then sign in again."
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_and_privileged_role_admins_can_grant_all() {
        for role in [GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR] {
            assert_eq!(
                ConsentAbility::from_role_template_ids([role.template_id]),
                ConsentAbility::CanGrantAll
            );
        }
        let mixed = [
            APPLICATION_ADMINISTRATOR.template_id,
            "62E90394-69F5-4237-9190-012177145E10",
        ];
        assert_eq!(
            ConsentAbility::from_role_template_ids(mixed),
            ConsentAbility::CanGrantAll
        );
    }

    #[test]
    fn application_admins_can_create_but_not_grant() {
        for role in [APPLICATION_ADMINISTRATOR, CLOUD_APPLICATION_ADMINISTRATOR] {
            let ability = ConsentAbility::from_role_template_ids([role.template_id]);
            assert_eq!(ability, ConsentAbility::CanCreateButNotGrant);
            assert!(!ability.can_finish_alone());
            let text = ability.to_string();
            assert!(
                text.contains("Global Administrator")
                    && text.contains("Privileged Role Administrator")
            );
        }
    }

    #[test]
    fn others_cannot_register() {
        let exchange_admin = "29232cdf-9323-42fd-ade2-1d097af3e4de";
        assert_eq!(
            ConsentAbility::from_role_template_ids([exchange_admin]),
            ConsentAbility::CannotRegister
        );
        assert_eq!(
            ConsentAbility::from_role_template_ids([]),
            ConsentAbility::CannotRegister
        );
    }

    #[test]
    fn every_role_has_a_guid_and_a_name() {
        for role in RELEVANT_ROLES {
            assert!(crate::guid::is_guid(role.template_id));
            assert!(!role.display_name.is_empty());
            assert_eq!(relevant_role(&role.template_id.to_uppercase()), Some(role));
        }
    }
}
