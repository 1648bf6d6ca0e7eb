//! Permission checks: the token's scopes or app roles, then the signed-in user's directory roles.

use axum::response::Response;

use super::super::permissions::roles;
use super::super::store::Account;
use super::auth::Principal;
use super::{Ctx, errors};

/// Roles that manage every app registration and enterprise app.
pub const APP_ADMINS: &[&str] = &[
    roles::GLOBAL_ADMINISTRATOR,
    roles::APPLICATION_ADMINISTRATOR,
    roles::CLOUD_APPLICATION_ADMINISTRATOR,
];
/// Roles that may register applications. The sandbox tenant has "Users can register
/// applications" set to No, so a user without one of these roles gets 403
/// (https://learn.microsoft.com/entra/identity/role-based-access-control/delegate-app-roles#restrict-who-can-create-applications).
pub const APP_CREATORS: &[&str] = &[
    roles::GLOBAL_ADMINISTRATOR,
    roles::APPLICATION_ADMINISTRATOR,
    roles::CLOUD_APPLICATION_ADMINISTRATOR,
    roles::APPLICATION_DEVELOPER,
];
/// Roles that may grant Microsoft Graph app roles and assign directory roles
/// (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent, "Prerequisites").
pub const PRIVILEGED: &[&str] = &[
    roles::GLOBAL_ADMINISTRATOR,
    roles::PRIVILEGED_ROLE_ADMINISTRATOR,
];
/// Roles that may grant tenant-wide delegated permissions of any API and app roles of resources
/// other than Microsoft Graph (same page: Application and Cloud Application Administrators may
/// consent to anything "except Microsoft Graph app roles").
pub const CONSENT_ADMINS: &[&str] = &[
    roles::GLOBAL_ADMINISTRATOR,
    roles::PRIVILEGED_ROLE_ADMINISTRATOR,
    roles::APPLICATION_ADMINISTRATOR,
    roles::CLOUD_APPLICATION_ADMINISTRATOR,
];

/// The token must carry one of the permissions (403 Authorization_RequestDenied otherwise).
pub fn scope(ctx: &Ctx, delegated: &[&str], application: &[&str]) -> Result<(), Response> {
    if ctx.principal().has_permission(delegated, application) {
        Ok(())
    } else {
        Err(errors::denied(ctx))
    }
}

/// For user tokens: the user must hold one of `any_of` (app tokens pass: app roles decide).
pub fn role(ctx: &Ctx, any_of: &[&str]) -> Result<(), Response> {
    match ctx.principal() {
        Principal::User { user, .. } if !user.has_role(any_of) => Err(errors::denied(ctx)),
        _ => Ok(()),
    }
}

/// Guests have restricted directory permissions: they cannot enumerate the directory.
pub fn member(ctx: &Ctx) -> Result<(), Response> {
    match ctx.principal() {
        Principal::User { user, .. } if matches!(user.account, Account::Guest { .. }) => {
            Err(errors::denied(ctx))
        }
        _ => Ok(()),
    }
}

/// Directory calls: the token must carry one of `perms` (delegated or application), and no guest.
pub fn member_scope(ctx: &Ctx, perms: &[&str]) -> Result<(), Response> {
    scope(ctx, perms, perms).and_then(|_| member(ctx))
}

pub fn user_id(ctx: &Ctx) -> Option<String> {
    ctx.principal().user().map(|u| u.id.clone())
}
