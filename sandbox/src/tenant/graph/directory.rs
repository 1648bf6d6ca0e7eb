//! Read-only directory calls: organization, me, memberships, sites, policies (counts: `counts`).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::super::permissions::roles;
use super::super::store::{Account, Object, User};
use super::auth::Principal;
use super::{Ctx, access, errors, odata};

pub fn organization(ctx: &Ctx) -> Response {
    if let Err(r) = access::scope(
        ctx,
        &[
            "User.Read",
            "Organization.Read.All",
            "Directory.Read.All",
            "User.Read.All",
        ],
        &["Organization.Read.All", "Directory.Read.All"],
    ) {
        return r;
    }
    let org = ctx.tenant.lock().organization.clone();
    odata::collection_response(
        ctx,
        "organization",
        vec![odata::select(&org, ctx.q("$select"))],
    )
}

pub fn user_object(u: &User) -> Object {
    let v = json!({
        "id": u.id,
        "businessPhones": [],
        "displayName": u.display_name,
        "givenName": u.given_name,
        "jobTitle": u.job_title,
        "mail": u.mail,
        "mobilePhone": null,
        "officeLocation": null,
        "preferredLanguage": null,
        "surname": u.surname,
        "userPrincipalName": u.upn,
    });
    match v {
        Value::Object(m) => m,
        _ => Object::new(),
    }
}

fn user_full(u: &User) -> Object {
    let mut o = user_object(u);
    o.insert("accountEnabled".into(), Value::Bool(true));
    o.insert(
        "userType".into(),
        Value::String(
            if matches!(u.account, Account::Guest { .. }) {
                "Guest"
            } else {
                "Member"
            }
            .into(),
        ),
    );
    if let Account::Guest { .. } = u.account {
        o.insert("creationType".into(), Value::String("Invitation".into()));
        o.insert("externalUserState".into(), Value::String("Accepted".into()));
    }
    o
}

/// The signed-in user as the directory holds them now, for `/me` calls: those need a user
/// token carrying one of the `delegated` scopes.
fn me_user(ctx: &Ctx, delegated: &[&str]) -> Result<User, Response> {
    let Principal::User { user, .. } = ctx.principal() else {
        return Err(errors::error(
            ctx,
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "/me request is only valid with delegated authentication flow.",
        ));
    };
    access::scope(ctx, delegated, &[])?;
    let state = ctx.tenant.lock();
    Ok(state
        .user(&user.id)
        .cloned()
        .unwrap_or_else(|| user.clone()))
}

pub fn me(ctx: &Ctx) -> Response {
    let u = match me_user(
        ctx,
        &[
            "User.Read",
            "User.ReadWrite",
            "User.Read.All",
            "Directory.Read.All",
        ],
    ) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (obj, sel) = match ctx.q("$select") {
        Some(s) => (user_full(&u), Some(s)),
        None => (user_object(&u), None),
    };
    odata::entity_response(
        ctx,
        StatusCode::OK,
        "users/$entity",
        odata::select(&obj, sel),
    )
}

/// The tenant's directoryRole object id for a role template (stable per tenant).
pub fn directory_role_id(template: &str) -> String {
    let h = Sha256::digest(format!("directoryRole|{template}").as_bytes());
    let x: String = h[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-4{}-8{}-{}",
        &x[..8],
        &x[8..12],
        &x[13..16],
        &x[17..20],
        &x[20..32]
    )
}

/// Delegated scopes that let `/me/memberOf` show a directory role's name and description.
pub const ROLE_NAME_SCOPES: &[&str] = &[
    "Directory.Read.All",
    "Directory.ReadWrite.All",
    "Directory.AccessAsUser.All",
    "RoleManagement.Read.Directory",
    "RoleManagement.Read.All",
    "RoleManagement.ReadWrite.Directory",
];

pub fn member_of(ctx: &Ctx) -> Response {
    let u = match me_user(
        ctx,
        &[
            "User.Read",
            "Directory.Read.All",
            "User.Read.All",
            "GroupMember.Read.All",
            "Group.Read.All",
        ],
    ) {
        Ok(u) => u,
        Err(r) => return r,
    };
    // UNDOCUMENTED CHOICE (per public reports of /me/memberOf with a User.Read-only token):
    // without a directory-read or role-read scope, a directory role comes back with
    // `displayName` and `description` null; only `roleTemplateId` (and `id`) identify it. So no
    // client may depend on a role's name.
    let names_visible = ctx.principal().has_permission(ROLE_NAME_SCOPES, &[]);
    let state = ctx.tenant.lock();
    let mut items = vec![];
    for r in &u.roles {
        let (name, desc) = roles::ALL
            .iter()
            .find(|x| x.0 == r)
            .map(|x| (Value::from(x.1), Value::from(x.2)))
            .filter(|_| names_visible)
            .unwrap_or((Value::Null, Value::Null));
        let o = json!({
            "@odata.type": "#microsoft.graph.directoryRole",
            "id": directory_role_id(r),
            "deletedDateTime": null,
            "description": desc,
            "displayName": name,
            "roleTemplateId": r,
        });
        if let Value::Object(m) = o {
            items.push(odata::select(&m, ctx.q("$select")));
        }
    }
    if matches!(u.account, Account::Member)
        && let Some(g) = state.groups.first()
    {
        let mut g = g.clone();
        g.insert(
            "@odata.type".into(),
            Value::String("#microsoft.graph.group".into()),
        );
        items.push(odata::select(&g, ctx.q("$select")));
    }
    drop(state);
    odata::collection_response(ctx, "directoryObjects", items)
}

fn sites_scope(ctx: &Ctx) -> Result<(), Response> {
    let perms = [
        "Sites.Read.All",
        "Sites.ReadWrite.All",
        "Sites.Manage.All",
        "Sites.FullControl.All",
    ];
    if ctx.principal().has_permission(&perms, &perms) {
        Ok(())
    } else {
        // SharePoint-backed APIs answer with their own code.
        Err(errors::error(
            ctx,
            StatusCode::FORBIDDEN,
            "accessDenied",
            "Access denied",
        ))
    }
}

/// `GET /sites?search=…` (`*` lists every site).
pub fn sites_search(ctx: &Ctx) -> Response {
    if let Err(r) = sites_scope(ctx) {
        return r;
    }
    let Some(term) = ctx.q("search") else {
        return errors::error(
            ctx,
            StatusCode::BAD_REQUEST,
            "invalidRequest",
            "Cannot enumerate sites",
        );
    };
    let term = term.trim().trim_matches('"').to_lowercase();
    let state = ctx.tenant.lock();
    let items: Vec<Value> = state
        .sites
        .iter()
        .filter(|s| {
            term == "*"
                || term.is_empty()
                || ["name", "displayName", "webUrl"].iter().any(|k| {
                    s.get(*k)
                        .and_then(Value::as_str)
                        .is_some_and(|v| v.to_lowercase().contains(&term))
                })
        })
        .map(|s| odata::select(s, ctx.q("$select")))
        .collect();
    odata::collection_response(ctx, "sites", items)
}

pub fn site_root(ctx: &Ctx) -> Response {
    if let Err(r) = sites_scope(ctx) {
        return r;
    }
    let root = ctx.tenant.lock().sites.first().cloned().unwrap_or_default();
    odata::entity_response(
        ctx,
        StatusCode::OK,
        "sites/$entity",
        odata::select(&root, ctx.q("$select")),
    )
}

/// `GET /sites/getAllSites`: application permissions only.
pub fn all_sites(ctx: &Ctx) -> Response {
    if let Principal::User { .. } = ctx.principal() {
        // UNDOCUMENTED CHOICE: getAllSites supports no delegated permission; the exact
        // error Graph gives a delegated caller was not verified.
        return errors::error(ctx, StatusCode::FORBIDDEN, "accessDenied", "Access denied");
    }
    if let Err(r) = sites_scope(ctx) {
        return r;
    }
    let items: Vec<Value> = ctx
        .tenant
        .lock()
        .sites
        .iter()
        .map(|s| odata::select(s, ctx.q("$select")))
        .collect();
    odata::collection_response(ctx, "sites", items)
}

pub fn app_management_policy(ctx: &Ctx) -> Response {
    if let Err(r) = access::scope(
        ctx,
        &[
            "Policy.Read.All",
            "Policy.ReadWrite.ApplicationConfiguration",
        ],
        &["Policy.Read.All"],
    ) {
        return r;
    }
    let p = ctx.tenant.lock().app_management_policy.clone();
    odata::entity_response(
        ctx,
        StatusCode::OK,
        "policies/defaultAppManagementPolicy/$entity",
        odata::select(&p, ctx.q("$select")),
    )
}
