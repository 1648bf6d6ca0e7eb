//! `$filter=appId in ('a','b',…)`: up to 15 values.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;

#[tokio::test]
async fn resolves_the_three_resources_in_one_filter() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let path = "/servicePrincipals?$filter=appId%20in%20('00000003-0000-0000-c000-000000000000','00000002-0000-0ff1-ce00-000000000000',%20'00000003-0000-0ff1-ce00-000000000000')&$select=id,appId,displayName,appRoles,oauth2PermissionScopes";
    let (items, _) = get_all(&env, &token, path).await;
    assert_eq!(items.len(), 3);
    let sixteen: Vec<String> = (0..16)
        .map(|i| format!("'00000000-0000-0000-0000-0000000000{i:02}'"))
        .collect();
    let r = graph(
        &env,
        "GET",
        &format!(
            "/servicePrincipals?$filter=appId%20in%20({})",
            sixteen.join(",")
        ),
        &token,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}
