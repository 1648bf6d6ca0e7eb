//! Directory counts as Microsoft Graph answers them: `ConsistencyLevel: eventual` required,
//! the permission each needs, the mailbox filter the tenant preview sends, and the same inside
//! a `$batch`.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

const EVENTUAL: &[(&str, &str)] = &[("ConsistencyLevel", "eventual")];
const MAILBOXES: &str = "/users/$count?$filter=userType%20eq%20'Member'%20and%20mail%20ne%20null";

async fn token_with(env: &Env, upn: &str, scopes: &str) -> String {
    sign_in(env, upn, scopes).await["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned()
}

async fn count(env: &Env, path: &str, token: &str) -> Resp {
    graph_h(env, "GET", path, token, None, EVENTUAL).await
}

#[tokio::test]
async fn mailboxes_are_members_with_an_email_address() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let users = count(&env, "/users/$count", &token).await;
    assert_eq!(users.status, StatusCode::OK, "{}", users.text());
    // Seven members and one guest; the personal account is not in the directory.
    assert_eq!(users.text(), "8");
    let mailboxes = count(&env, MAILBOXES, &token).await;
    assert_eq!(mailboxes.status, StatusCode::OK, "{}", mailboxes.text());
    assert!(
        mailboxes
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/plain"))
    );
    assert_eq!(
        mailboxes.text(),
        "7",
        "the guest has an address, no mailbox"
    );
    let with_mail = count(&env, "/users/$count?$filter=mail%20ne%20null", &token).await;
    assert_eq!(with_mail.text(), "8", "the guest's address counts here");
    let guests = count(
        &env,
        "/users/$count?$filter=userType%20eq%20'Guest'",
        &token,
    )
    .await;
    assert_eq!(guests.text(), "1");
}

#[tokio::test]
async fn count_without_consistency_level_is_refused_with_400() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    for path in ["/users/$count", MAILBOXES, "/groups/$count"] {
        let r = graph(&env, "GET", path, &token, None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(r.json()["error"]["code"], "Request_BadRequest", "{path}");
        assert!(r.text().contains("$count is not currently supported"));
    }
}

#[tokio::test]
async fn each_count_needs_its_permission() {
    let env = env();
    // The onboarding app's own sign-in: no directory read permission at all.
    let registrar = token_with(
        &env,
        seed::GLOBAL_ADMIN,
        "openid profile https://graph.microsoft.com/User.Read Application.ReadWrite.All",
    )
    .await;
    for path in ["/users/$count", MAILBOXES, "/groups/$count"] {
        let r = count(&env, path, &registrar).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(r.json()["error"]["code"], "Authorization_RequestDenied");
    }
    let sites = graph(&env, "GET", "/sites?search=*&$select=id", &registrar, None).await;
    assert_eq!(sites.status, StatusCode::FORBIDDEN);

    // The basic profile counts users, not mailboxes (userType is outside it).
    let basic = token_with(
        &env,
        seed::GLOBAL_ADMIN,
        "openid https://graph.microsoft.com/User.ReadBasic.All",
    )
    .await;
    assert_eq!(count(&env, "/users/$count", &basic).await.text(), "8");
    assert_eq!(
        count(&env, MAILBOXES, &basic).await.status,
        StatusCode::FORBIDDEN
    );
    let groups = token_with(
        &env,
        seed::GLOBAL_ADMIN,
        "openid https://graph.microsoft.com/Group.Read.All",
    )
    .await;
    assert_eq!(count(&env, "/groups/$count", &groups).await.text(), "5");
}

#[tokio::test]
async fn a_guest_cannot_count_the_directory() {
    let env = env();
    let token = token_with(
        &env,
        seed::GUEST,
        "openid https://graph.microsoft.com/User.ReadBasic.All",
    )
    .await;
    let r = count(&env, "/users/$count", &token).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_unsupported_filter_is_refused_not_ignored() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = count(
        &env,
        "/users/$count?$filter=startswith(displayName,'a')",
        &token,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["code"], "Request_UnsupportedQuery");
    let r = count(
        &env,
        "/groups/$count?$filter=mailEnabled%20eq%20true",
        &token,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("'mailEnabled' of resource 'Group'"));
}

#[tokio::test]
async fn counts_in_a_batch_carry_their_own_headers() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let body = json!({ "requests": [
        { "id": "0", "method": "GET", "url": "/users/$count", "headers": { "ConsistencyLevel": "eventual" } },
        { "id": "1", "method": "GET", "url": "/groups/$count" },
        { "id": "2", "method": "GET", "url": MAILBOXES, "headers": { "ConsistencyLevel": "eventual" } },
        { "id": "3", "method": "GET", "url": "/sites?search=*&$select=id" },
    ]});
    let r = graph(&env, "POST", "/$batch", &token, Some(body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let answers = r.json();
    let part = |id: &str| {
        answers["responses"]
            .as_array()
            .and_then(|parts| parts.iter().find(|p| p["id"] == id).cloned())
            .unwrap_or_else(|| panic!("part {id} in {answers}"))
    };
    assert_eq!(part("0")["status"], 200);
    assert_eq!(part("0")["body"], "8");
    assert_eq!(part("1")["status"], 400, "no ConsistencyLevel on this part");
    assert_eq!(part("2")["body"], "7");
    assert_eq!(part("3")["status"], 200);
    // Sites come in pages (no $count): the first page, with a next link when there is more.
    let sites = &part("3")["body"];
    assert!(sites["value"].as_array().is_some_and(|v| !v.is_empty()));
}
