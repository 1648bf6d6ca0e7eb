//! A certificate's `key` comes back only on `GET /applications/{id}?$select=keyCredentials`.

mod common;

use common::certs::{cert, kc, year};
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::{Value, json};

#[tokio::test]
async fn key_only_on_select_of_the_single_app() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Key select").await;
    let c = cert("Key select", year(), false);
    let r = patch_app(&env, &token, &app, json!({ "keyCredentials": [kc(&c)] })).await;
    assert_eq!(r.status.as_u16(), 204, "{}", r.text());
    let id = app["id"].as_str().unwrap();
    let app_id = app["appId"].as_str().unwrap();
    let one = graph_json(
        &env,
        &format!("/applications/{id}?$select=keyCredentials"),
        &token,
    )
    .await;
    assert_eq!(one["keyCredentials"][0]["key"], c.b64());
    let with_more = graph_json(
        &env,
        &format!("/applications/{id}?$select=id,keyCredentials"),
        &token,
    )
    .await;
    assert_eq!(with_more["keyCredentials"][0]["key"], c.b64());
    for path in [
        format!("/applications/{id}"),
        format!("/applications(appId='{app_id}')?$select=keyCredentials"),
        format!("/applications?$filter=appId%20eq%20'{app_id}'&$select=keyCredentials"),
        format!("/applications?$filter=appId%20eq%20'{app_id}'"),
    ] {
        let v = graph_json(&env, &path, &token).await;
        let kc = if v.get("value").is_some() {
            v["value"][0]["keyCredentials"][0].clone()
        } else {
            v["keyCredentials"][0].clone()
        };
        assert!(kc.is_object(), "{path}: {v}");
        assert_eq!(kc["key"], Value::Null, "{path}");
    }
}
