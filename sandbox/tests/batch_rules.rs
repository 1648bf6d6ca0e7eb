//! `$batch`: answers in another order, ids compared case-insensitively, dependsOn only on
//! earlier requests, and either fully parallel or fully sequential.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::{Value, json};

fn after(mut p: Value, ids: &[&str]) -> Value {
    p["dependsOn"] = json!(ids);
    p
}

#[tokio::test]
async fn responses_come_back_in_another_order() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = batch(
        &env,
        &token,
        json!([
            part("1", "GET", "/me"),
            part("2", "GET", "/organization"),
            part("3", "GET", "/me")
        ]),
    )
    .await;
    let ids: Vec<Value> = r.json()["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].clone())
        .collect();
    assert_eq!(ids.len(), 3);
    assert_ne!(ids, vec![json!("1"), json!("2"), json!("3")]);
}

#[tokio::test]
async fn ids_are_not_case_sensitive() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = batch(
        &env,
        &token,
        json!([
            part("a", "GET", "/me"),
            after(part("b", "GET", "/me"), &["A"])
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = batch(
        &env,
        &token,
        json!([part("a", "GET", "/me"), part("A", "GET", "/me")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "duplicate ids");
}

#[tokio::test]
async fn depends_on_names_earlier_requests_only() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = batch(
        &env,
        &token,
        json!([
            after(part("1", "GET", "/me"), &["2"]),
            after(part("2", "GET", "/me"), &["1"])
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
}

#[tokio::test]
async fn a_mixed_batch_is_refused() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let mixed = json!([
        part("1", "GET", "/me"),
        after(part("2", "GET", "/me"), &["1"]),
        part("3", "GET", "/me")
    ]);
    let r = batch(&env, &token, mixed).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error_message(&r),
        "Batch should be either fully sequential or fully parallel"
    );
    let sequential = json!([
        part("1", "GET", "/me"),
        after(part("2", "GET", "/me"), &["1"]),
        after(part("3", "GET", "/me"), &["1"])
    ]);
    assert_eq!(batch(&env, &token, sequential).await.status, StatusCode::OK);
}
