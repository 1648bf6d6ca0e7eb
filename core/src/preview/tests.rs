use serde_json::json;

use super::*;
use crate::graph::batch::split_batch_response;
use crate::graph::testing::{Canned, Counting, block_on};
use crate::graph::{GraphReply, GraphTarget, RetryPolicy, RetryRun};
use crate::http::{HttpResponse, Unreachable};

const BASE: &str = "https://graph.microsoft.com";

fn target() -> GraphTarget<'static> {
    GraphTarget {
        base: BASE,
        authorization: "Bearer t",
    }
}

fn denied(id: &str) -> serde_json::Value {
    json!({"id": id, "status": 403, "body": {"error": {"code": "Authorization_RequestDenied",
        "message": "Insufficient privileges to complete the operation.",
        "innerError": {"request-id": "r-1"}}}})
}

#[test]
fn the_calls_ask_for_eventual_consistency_where_count_needs_it() {
    let calls = calls();
    assert_eq!(calls.len(), 4);
    for call in &calls[..3] {
        assert!(call.path.contains("/$count"), "{call:?}");
        assert!(
            call.headers
                .contains(&("ConsistencyLevel", "eventual".to_owned())),
            "{call:?}"
        );
        assert!(!call.is_write());
    }
    assert!(calls[2].path.contains("mail%20ne%20null"));
    assert!(calls[3].path.starts_with("/sites?search=*"));
}

#[test]
fn counts_are_read_alone_or_from_a_batch_in_any_encoding() {
    let alone = GraphReply::from_http(&HttpResponse::new(200, "893"));
    assert_eq!(
        read_reply(Counted::Users, &Ok(alone)),
        Reading::Counted(Count::Known(893))
    );
    let batch = HttpResponse::new(
        200,
        json!({"responses": [
            {"id": "0", "status": 200, "headers": {"Content-Type": "text/plain"}, "body": "12"},
            {"id": "1", "status": 200, "headers": {"Content-Type": "text/plain"}, "body": "MTI="},
            {"id": "2", "status": 200, "body": 7},
        ]})
        .to_string(),
    );
    let parts = split_batch_response(&batch, 3);
    let counts: Vec<Reading> = parts
        .into_iter()
        .map(|p| read_reply(Counted::Groups, &Ok(p)))
        .collect();
    assert_eq!(
        counts,
        [12, 12, 7].map(|n| Reading::Counted(Count::Known(n)))
    );
    let nonsense = GraphReply::new(200, json!("twelve"));
    assert!(matches!(
        read_reply(Counted::Groups, &Ok(nonsense)),
        Reading::Counted(Count::Unknown(why)) if why.to_string().contains("number of groups")
    ));
}

#[test]
fn a_refused_count_names_the_permission_it_needs_and_the_request_id() {
    let batch = HttpResponse::new(200, json!({"responses": [denied("1")]}).to_string());
    let part = split_batch_response(&batch, 2).remove(1);
    let Reading::Counted(Count::Unknown(why)) = read_reply(Counted::Mailboxes, &Ok(part)) else {
        panic!("a refusal is unknown");
    };
    let words = why.to_string();
    assert!(words.contains("count the mailboxes"), "{words}");
    assert!(words.contains("User.Read.All"), "{words}");
    assert!(words.contains("request id r-1"), "{words}");
    let offline = read_reply(Counted::Sites, &Err(Unreachable("Failed to fetch".into())));
    assert!(matches!(offline,
        Reading::Counted(Count::Unknown(why)) if why.to_string().contains("Failed to fetch") && why.to_string().contains("SharePoint sites")));
}

#[test]
fn a_page_of_sites_with_more_says_so() {
    let page = GraphReply::new(
        200,
        json!({"value": [{"id": "a"}, {"id": "b"}], "@odata.nextLink": format!("{BASE}/v1.0/sites?search=*&$skiptoken=x")}),
    );
    assert_eq!(
        read_reply(Counted::Sites, &Ok(page)),
        Reading::MoreSites {
            so_far: 2,
            next_link: format!("{BASE}/v1.0/sites?search=*&$skiptoken=x")
        }
    );
}

fn batch_of(parts: serde_json::Value) -> HttpResponse {
    HttpResponse::new(200, json!({ "responses": parts }).to_string())
}

#[test]
fn a_throttled_part_is_resent_alone_and_the_rest_is_kept() {
    let http = Canned::new(vec![
        batch_of(json!([
            {"id": "0", "status": 429, "headers": {"Retry-After": "2"},
             "body": {"error": {"code": "TooManyRequests", "message": "Please retry again later."}}},
            {"id": "1", "status": 200, "body": 5},
            denied("2"),
            {"id": "3", "status": 200, "body": {"value": [{"id": "s1"}],
             "@odata.nextLink": format!("{BASE}/v1.0/sites?search=*&$select=id&$skiptoken=p2")}},
        ])),
        // The throttled users count, resent alone.
        HttpResponse::new(200, "8"),
        // The sites' second page.
        HttpResponse::new(
            200,
            json!({"value": [{"id": "s2"}, {"id": "s3"}]}).to_string(),
        ),
    ]);
    let timer = Counting::default();
    let mut waits = Vec::new();
    let preview = block_on(read_tenant_preview(
        &http,
        &timer,
        target(),
        &RetryPolicy::default(),
        &mut RetryRun::new(1),
        &mut |wait| waits.push(wait),
    ));
    assert_eq!(preview.users, Count::Known(8));
    assert_eq!(preview.groups, Count::Known(5));
    assert!(
        matches!(&preview.mailboxes, Count::Unknown(why) if why.to_string().contains("User.Read.All"))
    );
    assert_eq!(preview.sites, Count::Known(3));
    assert_eq!(timer.waited(), 2_000, "Graph's Retry-After is honoured");
    assert_eq!(waits.len(), 1);
    let sent = http.sent.borrow();
    assert_eq!(sent.len(), 3);
    assert!(sent[0].url.ends_with("/v1.0/$batch"));
    assert!(sent[1].url.ends_with("/v1.0/users/$count"));
    assert!(sent[2].url.ends_with("$skiptoken=p2"));
}

#[test]
fn throttling_that_outlasts_the_retries_is_unknown_not_a_failure() {
    let throttled = || {
        HttpResponse::new(
            429,
            r#"{"error":{"code":"TooManyRequests","message":"Slow down"}}"#,
        )
        .with_header("Retry-After", "1")
    };
    let http = Canned::new(vec![throttled(), throttled()]);
    let policy = RetryPolicy {
        max_attempts: 2,
        ..RetryPolicy::default()
    };
    let preview = block_on(read_tenant_preview(
        &http,
        &Counting::default(),
        target(),
        &policy,
        &mut RetryRun::new(1),
        &mut |_| {},
    ));
    for count in [
        &preview.users,
        &preview.groups,
        &preview.mailboxes,
        &preview.sites,
    ] {
        assert!(
            matches!(count, Count::Unknown(why) if why.to_string().contains("busy") && why.to_string().contains("HTTP 429")),
            "{count:?}"
        );
    }
}

#[test]
fn a_next_page_off_graph_is_not_followed() {
    let http = Canned::new(vec![batch_of(json!([
        {"id": "0", "status": 200, "body": 1},
        {"id": "1", "status": 200, "body": 1},
        {"id": "2", "status": 200, "body": 1},
        {"id": "3", "status": 200, "body": {"value": [{"id": "s1"}],
         "@odata.nextLink": "https://graph.microsoft.com.evil.example/v1.0/sites?search=*"}},
    ]))]);
    let preview = block_on(read_tenant_preview(
        &http,
        &Counting::default(),
        target(),
        &RetryPolicy::default(),
        &mut RetryRun::new(1),
        &mut |_| {},
    ));
    assert!(
        matches!(&preview.sites, Count::Unknown(why) if why.to_string().contains("not followed"))
    );
    assert_eq!(
        http.sent.borrow().len(),
        1,
        "nothing sent to the other host"
    );
}
