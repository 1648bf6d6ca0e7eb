//! Directory roles the new app's service principal may be given. Template ids are the same in
//! every tenant (Microsoft Entra built-in roles reference).

use crate::wizard::words::{Reasons, Roles};

/// A built-in Microsoft Entra directory role: one the app may be given here, or one a signed-in
/// admin may hold (`auth::roles`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectoryRole {
    /// The role template id (`roleTemplateId` of a directory role, `roleDefinitionId` of a role
    /// assignment).
    pub template_id: &'static str,
    /// The name Entra shows in English (what the dashboard is told).
    pub display_name: &'static str,
    /// Which role it is: its words (name, reason) come from the word tables.
    pub role: Role,
}

/// The built-in roles this product knows, each with its words in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    GlobalAdministrator,
    PrivilegedRoleAdministrator,
    ApplicationAdministrator,
    CloudApplicationAdministrator,
    ExchangeAdministrator,
}

impl Role {
    /// The name the Entra admin center shows in the admin's language.
    pub fn name(self, w: &Roles) -> &'static str {
        match self {
            Role::GlobalAdministrator => w.global_administrator,
            Role::PrivilegedRoleAdministrator => w.privileged_role_administrator,
            Role::ApplicationAdministrator => w.application_administrator,
            Role::CloudApplicationAdministrator => w.cloud_application_administrator,
            Role::ExchangeAdministrator => w.exchange_administrator,
        }
    }

    /// Why the backup app is given it; `None` for the roles only an admin holds.
    pub fn reason(self, w: &Reasons) -> Option<&'static str> {
        match self {
            Role::ExchangeAdministrator => Some(w.role_exchange_administrator),
            _ => None,
        }
    }
}

/// Exchange Online PowerShell app-only access takes its Exchange permissions from a directory
/// role in the app's token: `Exchange.ManageAsApp` alone lets the app connect but run nothing.
pub const EXCHANGE_ADMINISTRATOR: DirectoryRole = DirectoryRole {
    template_id: "29232cdf-9323-42fd-ade2-1d097af3e4de",
    display_name: "Exchange Administrator",
    role: Role::ExchangeAdministrator,
};

/// Every role this product knows: those an admin may hold, then those the app may be given.
pub fn known_roles() -> [DirectoryRole; 5] {
    let [a, b, c, d] = crate::auth::roles::RELEVANT_ROLES;
    [a, b, c, d, EXCHANGE_ADMINISTRATOR]
}

/// The known role with this template id (case-insensitive).
pub fn role_with_template_id(template_id: &str) -> Option<DirectoryRole> {
    known_roles()
        .into_iter()
        .find(|role| role.template_id.eq_ignore_ascii_case(template_id.trim()))
}

/// A role's name in the admin's language, for a report that names roles by their English
/// `display_name` (the sign-in summary and the outcome carry names: what the dashboard is
/// told). A name this product does not know is Graph's and stays as it is.
pub fn role_name<'a>(display_name: &'a str, w: &Roles) -> &'a str {
    known_roles()
        .into_iter()
        .find(|role| role.display_name == display_name)
        .map_or(display_name, |role| role.role.name(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::words::{DE_ROLES, EN_ROLES};

    #[test]
    fn every_known_role_is_named_in_english_as_entra_names_it() {
        for role in known_roles() {
            assert_eq!(role.role.name(&EN_ROLES), role.display_name);
            assert_eq!(role_name(role.display_name, &EN_ROLES), role.display_name);
            assert_ne!(role_name(role.display_name, &DE_ROLES), role.display_name);
            assert_eq!(role_with_template_id(role.template_id), Some(role));
        }
        assert_eq!(
            role_name("Teams Administrator", &DE_ROLES),
            "Teams Administrator"
        );
    }
}
