//! `GET /users/$count` and `GET /groups/$count`: directory counts, an advanced query
//! (https://learn.microsoft.com/graph/aad-advanced-queries): Graph refuses them with 400 unless
//! the request says `ConsistencyLevel: eventual`; the answer is the number as `text/plain`.
//!
//! `/users/$count` takes the `$filter` the tenant preview sends to count mailboxes
//! (`userType eq 'Member' and mail ne null`): clauses `userType eq '…'`, `mail ne null` and
//! `mail eq null`, joined by `and`. Any other clause gets Graph's 400 `Request_UnsupportedQuery`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::super::store::{Account, User};
use super::{Ctx, access, errors};

/// Delegated permissions that list users (https://learn.microsoft.com/graph/api/user-list).
const USER_DELEGATED: &[&str] = &[
    "User.ReadBasic.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
];
const USER_APPLICATION: &[&str] = &[
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
];
/// Permissions that read more than the basic profile (`userType` is not in it).
const USER_FULL: &[&str] = &[
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
];
/// https://learn.microsoft.com/graph/api/group-list: GroupMember.Read.All is the least
/// privileged delegated permission that lists groups.
const GROUP_PERMISSIONS: &[&str] = &[
    "GroupMember.Read.All",
    "Group.Read.All",
    "Group.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
];

/// One clause of the users' `$filter`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Clause {
    UserType(String),
    HasMail(bool),
}

impl Clause {
    fn matches(&self, user: &User) -> bool {
        match self {
            Clause::UserType(wanted) => {
                let user_type = match user.account {
                    Account::Guest { .. } => "Guest",
                    _ => "Member",
                };
                user_type.eq_ignore_ascii_case(wanted)
            }
            Clause::HasMail(wanted) => user.mail.is_some() == *wanted,
        }
    }
}

/// The clauses of `filter`, or the property Graph would name in its refusal.
fn parse_filter(filter: &str) -> Result<Vec<Clause>, String> {
    let mut clauses = Vec::new();
    for clause in filter.split(" and ") {
        let words: Vec<&str> = clause.split_whitespace().collect();
        let parsed = match words.as_slice() {
            [property, op, value] if property.eq_ignore_ascii_case("userType") => {
                let quoted = value
                    .strip_prefix('\'')
                    .and_then(|v| v.strip_suffix('\''))
                    .filter(|v| !v.contains('\''));
                match (op.eq_ignore_ascii_case("eq"), quoted) {
                    (true, Some(v)) => Some(Clause::UserType(v.to_owned())),
                    _ => None,
                }
            }
            [property, op, value]
                if property.eq_ignore_ascii_case("mail") && value.eq_ignore_ascii_case("null") =>
            {
                if op.eq_ignore_ascii_case("ne") {
                    Some(Clause::HasMail(true))
                } else if op.eq_ignore_ascii_case("eq") {
                    Some(Clause::HasMail(false))
                } else {
                    None
                }
            }
            _ => None,
        };
        match parsed {
            Some(c) => clauses.push(c),
            None => {
                return Err(words.first().copied().unwrap_or_default().to_owned());
            }
        }
    }
    Ok(clauses)
}

fn unsupported(ctx: &Ctx, property: &str, resource: &str) -> Response {
    errors::error(
        ctx,
        StatusCode::BAD_REQUEST,
        "Request_UnsupportedQuery",
        &format!(
            "Unsupported or invalid query filter clause specified for property '{property}' of resource '{resource}'."
        ),
    )
}

/// Without `ConsistencyLevel: eventual`, `$count` is refused (aad-advanced-queries).
fn eventual(ctx: &Ctx) -> Result<(), Response> {
    if ctx
        .header("consistencylevel")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("eventual"))
    {
        Ok(())
    } else {
        Err(errors::bad_request(
            ctx,
            "$count is not currently supported.",
        ))
    }
}

fn plain(n: usize) -> Response {
    let mut r = (StatusCode::OK, n.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain;charset=utf-8"),
    );
    r
}

/// `GET /users/$count`: every account of the directory, members and guests.
pub fn users(ctx: &Ctx) -> Response {
    if let Err(r) = access::scope(ctx, USER_DELEGATED, USER_APPLICATION)
        .and_then(|_| access::member(ctx))
        .and_then(|_| eventual(ctx))
    {
        return r;
    }
    let clauses = match ctx.q("$filter").map(parse_filter) {
        None => Vec::new(),
        Some(Ok(clauses)) => clauses,
        Some(Err(property)) => return unsupported(ctx, &property, "User"),
    };
    // UNDOCUMENTED CHOICE: User.ReadBasic.All reads the basic profile only; filtering on a
    // property outside it (userType) is refused with 403 rather than answered, the stricter
    // reading of "basic profile" (https://learn.microsoft.com/graph/permissions-reference,
    // User.ReadBasic.All).
    let outside_basic = clauses.iter().any(|c| matches!(c, Clause::UserType(_)));
    if outside_basic && !ctx.principal().has_permission(USER_FULL, USER_FULL) {
        return errors::denied(ctx);
    }
    let state = ctx.tenant.lock();
    let n = state
        .users
        .iter()
        .filter(|u| u.account != Account::Personal)
        .filter(|u| clauses.iter().all(|c| c.matches(u)))
        .count();
    plain(n)
}

/// `GET /groups/$count`: every group.
pub fn groups(ctx: &Ctx) -> Response {
    if let Err(r) = access::scope(ctx, GROUP_PERMISSIONS, GROUP_PERMISSIONS)
        .and_then(|_| access::member(ctx))
        .and_then(|_| eventual(ctx))
    {
        return r;
    }
    // The preview sends no filter on groups; any is refused rather than ignored.
    if let Some(filter) = ctx.q("$filter") {
        let property = filter.split_whitespace().next().unwrap_or_default();
        return unsupported(ctx, property, "Group");
    }
    plain(ctx.tenant.lock().groups.len())
}
