//! Who is calling Graph: a delegated user token (`scp`, user's roles) or an app token (`roles`).

use serde_json::Value;

use super::super::Tenant;
use super::super::clock::unix;
use super::super::entra::tokens::GRAPH_AUDIENCE;
use super::super::jwt;
use super::super::permissions::GRAPH_APP_ID;
use super::super::seed::TENANT_ID;
use super::super::store::User;

#[derive(Debug, Clone)]
pub enum Principal {
    User {
        user: User,
        scopes: Vec<String>,
    },
    App {
        app_id: String,
        sp_id: String,
        roles: Vec<String>,
    },
}

impl Principal {
    /// True if the token carries one of `delegated` (user tokens) or `application` (app tokens).
    pub fn has_permission(&self, delegated: &[&str], application: &[&str]) -> bool {
        match self {
            Principal::User { scopes, .. } => scopes
                .iter()
                .any(|s| delegated.iter().any(|d| d.eq_ignore_ascii_case(s))),
            Principal::App { roles, .. } => roles
                .iter()
                .any(|s| application.iter().any(|d| d.eq_ignore_ascii_case(s))),
        }
    }

    pub fn user(&self) -> Option<&User> {
        match self {
            Principal::User { user, .. } => Some(user),
            Principal::App { .. } => None,
        }
    }
}

/// Validates a bearer token; Err carries Graph's message for InvalidAuthenticationToken.
pub fn authenticate(
    tenant: &Tenant,
    authorization: Option<&str>,
) -> Result<Principal, &'static str> {
    let token = authorization
        .and_then(|h| {
            h.strip_prefix("Bearer ")
                .or_else(|| h.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or("Access token is empty.")?;
    if token.matches('.').count() != 2 {
        return Err("IDX14100: JWT is not well formed, there are no dots (.).");
    }
    let claims = jwt::verify_own(token).ok_or("Access token validation failure.")?;
    let s = |k: &str| {
        claims
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let aud = s("aud");
    if aud != GRAPH_AUDIENCE && aud != GRAPH_APP_ID && aud != tenant.options.graph_base {
        return Err("Access token validation failure. Invalid audience.");
    }
    if s("tid") != TENANT_ID {
        return Err("Access token validation failure.");
    }
    let now = unix(tenant.now());
    let exp = claims.get("exp").and_then(Value::as_i64).unwrap_or(0);
    let nbf = claims.get("nbf").and_then(Value::as_i64).unwrap_or(0);
    if now >= exp {
        return Err("Lifetime validation failed, the token is expired.");
    }
    if now + 300 < nbf {
        return Err("Lifetime validation failed, the token is not yet valid.");
    }
    match s("idtyp").as_str() {
        "app" => Ok(Principal::App {
            app_id: s("appid"),
            sp_id: s("oid"),
            roles: claims
                .get("roles")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
        }),
        _ => {
            let state = tenant.lock();
            let user = state
                .user(&s("oid"))
                .cloned()
                .ok_or("Access token validation failure.")?;
            Ok(Principal::User {
                user,
                scopes: s("scp").split_whitespace().map(String::from).collect(),
            })
        }
    }
}
