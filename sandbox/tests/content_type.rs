//! A write without `Content-Type: application/json` is refused, outside and inside `$batch`.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

const MSG: &str = "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";

#[tokio::test]
async fn writes_need_a_json_content_type() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    for ct in [None, Some("text/plain")] {
        let mut b = Request::post("/v1.0/applications")
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        if let Some(ct) = ct {
            b = b.header(header::CONTENT_TYPE, ct);
        }
        let r = send(
            &env.graph,
            b.body(Body::from(r#"{"displayName":"x"}"#)).unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{ct:?}");
        assert_eq!(error_message(&r), MSG);
    }
    assert!(env.tenant.apps_by_display_name("x").is_empty());
    let ok = graph_h(&env, "POST", "/applications", &token, None, &[]).await;
    assert_eq!(
        ok.status,
        StatusCode::BAD_REQUEST,
        "no body, no Content-Type"
    );
}

#[tokio::test]
async fn a_batch_part_with_another_content_type_is_refused() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = batch(&env, &token, json!([
        { "id": "1", "method": "POST", "url": "/applications", "headers": { "Content-Type": "text/plain" }, "body": { "displayName": "x" } },
        { "id": "2", "method": "POST", "url": "/applications", "headers": { "content-type": "application/json; charset=utf-8" }, "body": { "displayName": "y" } },
    ])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let res = r.json()["responses"].as_array().unwrap().clone();
    let by_id = |id: &str| res.iter().find(|x| x["id"] == id).unwrap().clone();
    assert_eq!(by_id("1")["status"], 400);
    assert_eq!(by_id("1")["body"]["error"]["message"], MSG);
    assert_eq!(by_id("2")["status"], 201);
}
