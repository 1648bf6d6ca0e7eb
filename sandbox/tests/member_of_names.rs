//! With only User.Read, `/me/memberOf` roles have no name: only `roleTemplateId`.

mod common;

use common::*;
use sandbox_tenant::tenant::seed;

#[tokio::test]
async fn role_names_need_a_directory_read_scope() {
    let env = env();
    let admin = token_for(&env, seed::GLOBAL_ADMIN).await;
    let t = sign_in(&env, seed::GLOBAL_ADMIN, "openid profile User.Read").await;
    let plain = t["access_token"].as_str().unwrap();
    let role = |items: &Vec<serde_json::Value>| {
        items
            .iter()
            .find(|r| r["@odata.type"] == "#microsoft.graph.directoryRole")
            .unwrap()
            .clone()
    };
    let r = role(&get_all(&env, plain, "/me/memberOf").await.0);
    assert_eq!(r["roleTemplateId"], "62e90394-69f5-4237-9190-012177145e10");
    assert!(
        r["displayName"].is_null() && r["description"].is_null(),
        "{r}"
    );
    let r = role(&get_all(&env, &admin, "/me/transitiveMemberOf").await.0);
    assert_eq!(r["displayName"], "Global Administrator");
}
