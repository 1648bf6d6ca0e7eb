//! `$filter=startswith(displayName,'…')` on applications, as Graph answers it: case-insensitive,
//! quotes doubled inside the literal; other properties refused.

mod common;

use common::*;
use sandbox_tenant::tenant::seed;

#[tokio::test]
async fn applications_are_found_by_the_start_of_their_name() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    create_app(&env, &token, "Contoso Backup").await;
    create_app(&env, &token, "O'Brien Backup").await;
    create_app(&env, &token, "Fabrikam Sync").await;
    // Replication: a new app shows in lists only after a while; get_all waits as Graph's
    // clients must.
    let names = |items: Vec<serde_json::Value>| -> Vec<String> {
        let mut names: Vec<String> = items
            .iter()
            .filter_map(|a| a["displayName"].as_str().map(str::to_owned))
            .collect();
        names.sort();
        names
    };
    let path = "/applications?$filter=startswith(displayName,'contoso')";
    let (found, _) = get_all(&env, &token, path).await;
    assert_eq!(names(found), ["Contoso Backup"]);
    let path = "/applications?$filter=startswith(displayName,'O''Brien')";
    let (found, _) = get_all(&env, &token, path).await;
    assert_eq!(names(found), ["O'Brien Backup"]);
    let refused = graph(
        &env,
        "GET",
        "/applications?$filter=startswith(appId,'0')",
        &token,
        None,
    )
    .await;
    assert_eq!(refused.status, axum::http::StatusCode::BAD_REQUEST);
}
