//! Who is signed in, according to Microsoft Graph: the response types of `/organization`,
//! `/me` and `/me/memberOf`, and the [`SignedInSummary`] built from them.
//!
//! All three calls need only `User.Read` (see `scopes`). Roles come from directory role
//! membership, which lists only *active* assignments: a role that is merely eligible in
//! Privileged Identity Management must be activated first.

use serde::Deserialize;

use super::errors::SignInError;
use super::roles::{ConsentAbility, DirectoryRole, RELEVANT_ROLES, relevant_role};
use crate::guid::is_guid;

/// The signed-in user's organization (relative to Graph's `/v1.0`).
pub const ORGANIZATION_PATH: &str = "/organization?$select=id,displayName,verifiedDomains";
/// The signed-in user.
pub const ME_PATH: &str = "/me?$select=id,displayName,userPrincipalName,userType";
/// The user's direct memberships (groups, directory roles, administrative units).
pub const MEMBER_OF_PATH: &str = "/me/memberOf";
/// The user's direct and transitive memberships: same response shape as [`MEMBER_OF_PATH`],
/// and also lists roles the user holds through a role-assignable group.
pub const TRANSITIVE_MEMBER_OF_PATH: &str = "/me/transitiveMemberOf";

/// The `@odata.type` of a directory role in a membership list.
pub const DIRECTORY_ROLE_TYPE: &str = "#microsoft.graph.directoryRole";

/// A Graph collection page (the Graph layer's [`Page`](crate::graph::Page)).
pub type GraphPage<T> = crate::graph::Page<T>;

/// An organization (tenant) from `/organization`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    /// The tenant id.
    pub id: String,
    /// The organization's name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Its verified domains.
    #[serde(default)]
    pub verified_domains: Vec<VerifiedDomain>,
}

/// A verified domain of an organization.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifiedDomain {
    /// The domain name.
    pub name: String,
    /// True for the default domain (used for new users' names).
    #[serde(default)]
    pub is_default: bool,
    /// True for the initial `*.onmicrosoft.com` domain.
    #[serde(default)]
    pub is_initial: bool,
}

/// The signed-in user from `/me`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    /// The user's object id.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// User principal name (sign-in name).
    #[serde(default)]
    pub user_principal_name: Option<String>,
    /// `Member` or `Guest`.
    #[serde(default)]
    pub user_type: Option<String>,
}

/// One entry of `/me/memberOf`: a group, a directory role or an administrative unit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryObject {
    /// The entry's type, like `#microsoft.graph.directoryRole`.
    #[serde(default, rename = "@odata.type")]
    pub odata_type: Option<String>,
    /// Object id.
    #[serde(default)]
    pub id: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// For a directory role: its template id.
    #[serde(default)]
    pub role_template_id: Option<String>,
}

impl DirectoryObject {
    /// True if this entry is a directory role (whatever else it says about itself).
    pub fn is_directory_role(&self) -> bool {
        self.odata_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case(DIRECTORY_ROLE_TYPE))
    }

    /// The role template id, if this entry is a directory role that names one. Roles are known
    /// by template id only: with just `User.Read`, Graph sends a role's `displayName` and
    /// `description` as null.
    pub fn directory_role_template_id(&self) -> Option<&str> {
        self.role_template_id
            .as_deref()
            .map(str::trim)
            .filter(|id| self.is_directory_role() && !id.is_empty())
    }
}

/// Who is signed in, to which tenant, and what they may do: shown before anything is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInSummary {
    /// Tenant id.
    pub tenant_id: String,
    /// Organization name (falls back to the primary domain).
    pub tenant_name: String,
    /// The default verified domain, else the initial one.
    pub primary_domain: Option<String>,
    /// The user's object id.
    pub user_id: String,
    /// The user's display name.
    pub user_name: Option<String>,
    /// The user's sign-in name.
    pub user_principal_name: Option<String>,
    /// The user's relevant active roles, strongest first.
    pub roles: Vec<DirectoryRole>,
    /// What those roles allow.
    pub ability: ConsentAbility,
}

impl SignedInSummary {
    /// Builds the summary from `/organization`, `/me` and every page of `/me/memberOf`.
    ///
    /// `tenant` is the tenant segment the sign-in used: a tenant id or domain there must match
    /// this organization (`organizations` and `common` match any). A guest user is refused.
    pub fn build(
        organizations: &GraphPage<Organization>,
        me: &Me,
        memberships: &[DirectoryObject],
        tenant: &str,
    ) -> Result<Self, SignInError> {
        Self::build_from(organizations, me, memberships, true, tenant)
    }

    /// [`build`](Self::build), from memberships that may be partial: `complete` is false when
    /// Graph refused the list or it was cut short. Unless the roles read already allow
    /// everything, the ability is then [`ConsentAbility::RolesUnreadable`], never "cannot
    /// register": a role that was not read may be the one that matters. So is it when an entry
    /// is a directory role without a template id.
    pub fn build_from(
        organizations: &GraphPage<Organization>,
        me: &Me,
        memberships: &[DirectoryObject],
        complete: bool,
        tenant: &str,
    ) -> Result<Self, SignInError> {
        let [organization] = organizations.value.as_slice() else {
            return Err(SignInError::UnexpectedGraphAnswer {
                problem: "expected exactly one organization",
            });
        };
        if me
            .user_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("guest"))
        {
            return Err(SignInError::GuestAccount { home_issuer: None });
        }
        let domains = &organization.verified_domains;
        let primary_domain = domains
            .iter()
            .find(|d| d.is_default)
            .or_else(|| domains.iter().find(|d| d.is_initial))
            .map(|d| d.name.clone());
        let held: Vec<&str> = memberships
            .iter()
            .filter_map(DirectoryObject::directory_role_template_id)
            .collect();
        let roles: Vec<DirectoryRole> = RELEVANT_ROLES
            .into_iter()
            .filter(|role| held.iter().any(|id| relevant_role(id) == Some(*role)))
            .collect();
        let nameless_role = memberships
            .iter()
            .any(|m| m.is_directory_role() && m.directory_role_template_id().is_none());
        let ability = match ConsentAbility::from_role_template_ids(held.iter().copied()) {
            ConsentAbility::CanGrantAll => ConsentAbility::CanGrantAll,
            _ if nameless_role || !complete => ConsentAbility::RolesUnreadable,
            known => known,
        };
        let summary = Self {
            tenant_id: organization.id.to_ascii_lowercase(),
            tenant_name: organization
                .display_name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .or_else(|| primary_domain.clone())
                .unwrap_or_else(|| organization.id.clone()),
            primary_domain,
            user_id: me.id.clone(),
            user_name: me.display_name.clone(),
            user_principal_name: me.user_principal_name.clone(),
            ability,
            roles,
        };
        let pinned = is_guid(tenant) || tenant.contains('.');
        if pinned && !summary.is_tenant(organization, tenant) {
            return Err(SignInError::WrongTenant {
                expected: tenant.to_ascii_lowercase(),
                actual: summary.tenant_id,
            });
        }
        Ok(summary)
    }

    /// True if `tenant` (a tenant id or a verified domain) names this organization.
    fn is_tenant(&self, organization: &Organization, tenant: &str) -> bool {
        self.tenant_id.eq_ignore_ascii_case(tenant)
            || organization
                .verified_domains
                .iter()
                .any(|d| d.name.eq_ignore_ascii_case(tenant))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::roles::{APPLICATION_ADMINISTRATOR, GLOBAL_ADMINISTRATOR};

    const TENANT: &str = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    fn organizations() -> GraphPage<Organization> {
        serde_json::from_str(&format!(
            r#"{{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#organization",
               "value":[{{"id":"{TENANT}","displayName":"Contoso","verifiedDomains":[
                 {{"capabilities":"Email, OfficeCommunicationsOnline","isDefault":false,"isInitial":true,"name":"contoso.onmicrosoft.com","type":"Managed"}},
                 {{"capabilities":"Email","isDefault":true,"isInitial":false,"name":"contoso.com","type":"Managed"}}]}}]}}"#
        ))
        .expect("organization json")
    }

    fn me(user_type: &str) -> Me {
        serde_json::from_str(&format!(
            r#"{{"id":"u-1","displayName":"Ada Admin","userPrincipalName":"ada@contoso.com","userType":"{user_type}"}}"#
        ))
        .expect("me json")
    }

    /// The summary of a member of the Contoso tenant with these memberships.
    fn member_summary(memberships: &[DirectoryObject]) -> SignedInSummary {
        SignedInSummary::build(
            &organizations(),
            &me("Member"),
            memberships,
            "organizations",
        )
        .expect("summary")
    }

    fn member_of(role_ids: &[&str]) -> Vec<DirectoryObject> {
        let mut values = vec![serde_json::json!({
            "@odata.type": "#microsoft.graph.group", "id": "g-1", "displayName": "Backup team",
            "roleTemplateId": GLOBAL_ADMINISTRATOR.template_id
        })];
        for id in role_ids {
            values.push(serde_json::json!({
                "@odata.type": "#microsoft.graph.directoryRole", "id": "r", "displayName": "x",
                "roleTemplateId": id, "description": "ignored"
            }));
        }
        let page: GraphPage<DirectoryObject> =
            serde_json::from_value(serde_json::json!({ "value": values })).expect("memberOf json");
        page.value
    }

    #[test]
    fn a_global_admin() {
        let summary = member_summary(&member_of(&[
            GLOBAL_ADMINISTRATOR.template_id,
            APPLICATION_ADMINISTRATOR.template_id,
        ]));
        assert_eq!(summary.tenant_id, TENANT);
        assert_eq!(summary.tenant_name, "Contoso");
        assert_eq!(summary.primary_domain.as_deref(), Some("contoso.com"));
        assert_eq!(
            summary.user_principal_name.as_deref(),
            Some("ada@contoso.com")
        );
        assert_eq!(
            summary.roles,
            vec![GLOBAL_ADMINISTRATOR, APPLICATION_ADMINISTRATOR]
        );
        assert_eq!(summary.ability, ConsentAbility::CanGrantAll);
    }

    #[test]
    fn a_group_is_not_a_role() {
        let summary = member_summary(&member_of(&[]));
        assert!(summary.roles.is_empty());
        assert_eq!(summary.ability, ConsentAbility::CannotRegister);
    }

    #[test]
    fn an_application_admin() {
        let summary = member_summary(&member_of(&[APPLICATION_ADMINISTRATOR.template_id]));
        assert_eq!(summary.ability, ConsentAbility::CanCreateButNotGrant);
    }

    #[test]
    fn a_guest_is_refused() {
        let result = SignedInSummary::build(&organizations(), &me("Guest"), &[], "organizations");
        assert_eq!(result, Err(SignInError::GuestAccount { home_issuer: None }));
    }

    #[test]
    fn pinned_tenant_by_id_or_domain() {
        for pin in [TENANT, "CONTOSO.COM", "contoso.onmicrosoft.com", "common"] {
            assert!(
                SignedInSummary::build(&organizations(), &me("Member"), &[], pin).is_ok(),
                "{pin}"
            );
        }
        for pin in ["fabrikam.com", "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee"] {
            let result = SignedInSummary::build(&organizations(), &me("Member"), &[], pin);
            assert!(
                matches!(result, Err(SignInError::WrongTenant { .. })),
                "{pin}"
            );
        }
    }

    #[test]
    fn no_organization_or_no_name() {
        let empty: GraphPage<Organization> = serde_json::from_str(r#"{"value":[]}"#).expect("json");
        assert!(matches!(
            SignedInSummary::build(&empty, &me("Member"), &[], "organizations"),
            Err(SignInError::UnexpectedGraphAnswer { .. })
        ));
        let unnamed: GraphPage<Organization> = serde_json::from_str(&format!(
            r#"{{"value":[{{"id":"{TENANT}","displayName":null,"verifiedDomains":[{{"name":"x.onmicrosoft.com","isInitial":true}}]}}]}}"#
        ))
        .expect("json");
        let summary =
            SignedInSummary::build(&unnamed, &me("Member"), &[], "organizations").expect("summary");
        assert_eq!(summary.tenant_name, "x.onmicrosoft.com");
        assert_eq!(summary.primary_domain.as_deref(), Some("x.onmicrosoft.com"));
    }

    /// memberOf as Graph sends it to a token with only `User.Read`: roles without names.
    fn nameless_roles(template_ids: &[Option<&str>]) -> Vec<DirectoryObject> {
        let values: Vec<serde_json::Value> = template_ids
            .iter()
            .map(|id| {
                serde_json::json!({
                    "@odata.type": "#microsoft.graph.directoryRole", "id": "r",
                    "displayName": null, "description": null, "roleTemplateId": id
                })
            })
            .collect();
        serde_json::from_value::<GraphPage<DirectoryObject>>(serde_json::json!({ "value": values }))
            .expect("memberOf json")
            .value
    }

    #[test]
    fn roles_are_known_by_template_id_even_without_names() {
        let summary = member_summary(&nameless_roles(&[Some(
            APPLICATION_ADMINISTRATOR.template_id,
        )]));
        assert_eq!(summary.ability, ConsentAbility::CanCreateButNotGrant);
        assert_eq!(summary.roles, vec![APPLICATION_ADMINISTRATOR]);
    }

    #[test]
    fn a_role_without_template_id_makes_the_roles_unreadable_not_absent() {
        for ids in [
            vec![None],
            vec![Some("")],
            vec![Some(APPLICATION_ADMINISTRATOR.template_id), None],
        ] {
            let summary = member_summary(&nameless_roles(&ids));
            assert_eq!(summary.ability, ConsentAbility::RolesUnreadable, "{ids:?}");
            let text = summary.ability.to_string();
            assert!(
                text.contains("did not say which administrator roles"),
                "{text}"
            );
            assert!(!text.contains("none of the roles"), "{text}");
        }
        // A Global Administrator read is enough, whatever else could not be read.
        let ids = [Some(GLOBAL_ADMINISTRATOR.template_id), None];
        let summary = member_summary(&nameless_roles(&ids));
        assert_eq!(summary.ability, ConsentAbility::CanGrantAll);
    }

    #[test]
    fn memberships_not_read_to_the_end_are_unreadable_roles() {
        let summary = SignedInSummary::build_from(
            &organizations(),
            &me("Member"),
            &[],
            false,
            "organizations",
        )
        .expect("summary");
        assert_eq!(summary.ability, ConsentAbility::RolesUnreadable);
        assert!(!summary.ability.can_finish_alone());
    }

    #[test]
    fn next_link_is_kept() {
        let page: GraphPage<DirectoryObject> = serde_json::from_str(
            r#"{"value":[],"@odata.nextLink":"https://graph.microsoft.com/v1.0/me/memberOf?$skiptoken=x"}"#,
        )
        .expect("json");
        assert!(
            page.next_link
                .is_some_and(|link| link.contains("skiptoken"))
        );
    }
}
