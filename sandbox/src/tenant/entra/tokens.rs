//! The tokens the token endpoint issues: the ID token (v2.0) and the Graph access token
//! (a v1.0 token, as Graph's are), both RS256 JWTs signed with the tenant's key.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::super::Tenant;
use super::super::clock::unix;
use super::super::jwt::{self, b64url};
use super::super::seed::TENANT_ID;
use super::super::store::{Account, User, new_id};

pub const GRAPH_AUDIENCE: &str = "https://graph.microsoft.com";

/// The `sub` claim is pairwise: one value per user and client.
fn pairwise_sub(user: &User, client_id: &str) -> String {
    b64url(&Sha256::digest(
        format!("{}|{client_id}", user.id).as_bytes(),
    ))
}

/// `iat` and `exp` of a token issued now: every token lives the tenant's token lifetime.
fn issued_now(tenant: &Tenant) -> (i64, i64) {
    let now = unix(tenant.now());
    (now, now + tenant.options.token_lifetime.as_secs() as i64)
}

pub fn id_token(tenant: &Tenant, user: &User, client_id: &str, nonce: Option<&str>) -> String {
    let (now, exp) = issued_now(tenant);
    let mut c = json!({
        "aud": client_id,
        "iss": tenant.issuer(),
        "iat": now,
        "nbf": now,
        "exp": exp,
        "name": user.display_name,
        "oid": user.id,
        "preferred_username": user.upn,
        "sub": pairwise_sub(user, client_id),
        "tid": TENANT_ID,
        "uti": new_id(),
        "ver": "2.0",
    });
    if let Some(n) = nonce {
        c["nonce"] = Value::String(n.to_string());
    }
    if let Account::Guest { home_tenant } = &user.account {
        // A guest's ID token names the identity provider of their home tenant.
        c["idp"] = Value::String(format!("https://sts.windows.net/{home_tenant}/"));
        if let Some(m) = &user.mail {
            c["email"] = Value::String(m.clone());
        }
    }
    jwt::sign(&c)
}

/// A delegated Graph access token: `scp` carries the granted scopes, `wids` the user's
/// directory role template ids.
pub fn delegated_access_token(
    tenant: &Tenant,
    user: &User,
    client_id: &str,
    app_name: &str,
    scopes: &[String],
) -> String {
    let (now, exp) = issued_now(tenant);
    let mut c = json!({
        "aud": GRAPH_AUDIENCE,
        "iss": format!("https://sts.windows.net/{TENANT_ID}/"),
        "iat": now,
        "nbf": now,
        "exp": exp,
        "appid": client_id,
        "app_displayname": app_name,
        "appidacr": "0",
        "idtyp": "user",
        "name": user.display_name,
        "oid": user.id,
        "scp": scopes.join(" "),
        "sub": pairwise_sub(user, client_id),
        "tid": TENANT_ID,
        "unique_name": user.upn,
        "upn": user.upn,
        "uti": new_id(),
        "ver": "1.0",
        "wids": user.roles,
    });
    if let Account::Guest { home_tenant } = &user.account {
        c["idp"] = Value::String(format!("https://sts.windows.net/{home_tenant}/"));
    }
    jwt::sign(&c)
}

/// An app-only access token: `roles` carries the app roles granted to the app.
/// `appidacr` is 1 for a secret, 2 for a certificate.
pub fn app_access_token(
    tenant: &Tenant,
    app_id: &str,
    sp_id: &str,
    audience: &str,
    roles: &[String],
    appidacr: &str,
) -> String {
    let (now, exp) = issued_now(tenant);
    let mut c = json!({
        "aud": audience,
        "iss": format!("https://sts.windows.net/{TENANT_ID}/"),
        "iat": now,
        "nbf": now,
        "exp": exp,
        "appid": app_id,
        "appidacr": appidacr,
        "idtyp": "app",
        "oid": sp_id,
        "sub": sp_id,
        "tid": TENANT_ID,
        "uti": new_id(),
        "ver": "1.0",
    });
    if !roles.is_empty() {
        c["roles"] = json!(roles);
    }
    jwt::sign(&c)
}
