//! The engine on canned replies: paging, and a next-page link away from Graph.

use serde_json::json;

use super::engine::{Action, Engine, Halt};
use super::request::{RegistrationRequest, unique_name};
use super::stop::Stop;
use crate::auth::ConsentAbility;
use crate::catalog;
use crate::graph::{GraphReply, RetryPolicy};

const BASE: &str = "https://graph.microsoft.com";

fn engine() -> Engine {
    let request = RegistrationRequest {
        tenant_id: "t".into(),
        app_display_name: "Contoso Backup".into(),
        unique_name: unique_name("c", "Contoso Backup"),
        permissions: catalog::profile("exchange-only")
            .expect("a profile")
            .requested(),
        roles: Vec::new(),
        secret_lifetime_days: 180,
        certificate_reasons: Vec::new(),
        new_certificate: false,
        run_id: "r".into(),
        ability: ConsentAbility::CanGrantAll,
        target_app: None,
    };
    Engine::new(request, BASE, RetryPolicy::default(), 1)
}

fn sent(action: Action) -> Vec<String> {
    match action {
        Action::Send(calls) => calls.into_iter().map(|c| c.path).collect(),
        other => panic!("expected calls, got {other:?}"),
    }
}

fn graph_principal(roles: &[(&str, &str)]) -> serde_json::Value {
    let roles: Vec<_> = roles
        .iter()
        .map(|(id, value)| json!({ "id": id, "value": value }))
        .collect();
    json!({ "id": "sp-graph", "appId": "00000003-0000-0000-c000-000000000000",
            "displayName": "Microsoft Graph", "appRoles": roles })
}

#[test]
fn every_page_of_a_list_is_read_before_the_plan() {
    let mut engine = engine();
    let first = sent(engine.next_action(0));
    assert_eq!(
        first.len(),
        4,
        "discovery is one parallel round trip: {first:?}"
    );
    assert!(first[0].starts_with("/servicePrincipals?$filter=appId%20in%20("));
    let profile = catalog::profile("exchange-only").expect("a profile");
    let roles: Vec<(&str, &str)> = profile
        .permissions
        .iter()
        .map(|p| (p.id, p.value))
        .collect();
    // Graph's service principal is on the second page only: without paging, the permissions
    // would look missing.
    let replies = vec![
        Ok(GraphReply::new(
            200,
            json!({ "value": [], "@odata.nextLink": format!("{BASE}/v1.0/servicePrincipals?$skiptoken=x") }),
        )),
        Ok(GraphReply::new(200, json!({ "isEnabled": false }))),
        Ok(GraphReply::new(
            404,
            json!({ "error": { "code": "Request_ResourceNotFound" } }),
        )),
        Ok(GraphReply::new(200, json!({ "value": [] }))),
    ];
    engine.accept(replies, 0);
    assert_eq!(
        sent(engine.next_action(0)),
        ["/servicePrincipals?$skiptoken=x"],
        "the next page, at once"
    );
    engine.accept(
        vec![Ok(GraphReply::new(
            200,
            json!({ "value": [graph_principal(&roles)] }),
        ))],
        0,
    );
    assert!(matches!(
        engine.next_action(0),
        Action::Halt(Halt::AwaitingConfirmation)
    ));
    assert_eq!(engine.round_trips(), 2);
    let plan = engine.plan().expect("a plan");
    assert_eq!(plan.application_grants.len(), roles.len());
}

#[test]
fn a_next_page_link_away_from_graph_stops_the_run() {
    let mut engine = engine();
    sent(engine.next_action(0));
    let replies = vec![
        Ok(GraphReply::new(
            200,
            json!({ "value": [], "@odata.nextLink": "https://evil.example/v1.0/servicePrincipals?$skiptoken=x" }),
        )),
        Ok(GraphReply::new(200, json!({}))),
        Ok(GraphReply::new(404, json!({}))),
        Ok(GraphReply::new(200, json!({ "value": [] }))),
    ];
    engine.accept(replies, 0);
    match engine.next_action(0) {
        Action::Halt(Halt::Stopped(stopped)) => {
            assert!(
                matches!(stopped.stop, Stop::UnexpectedAnswer { .. }),
                "{stopped:?}"
            );
            assert!(stopped.in_tenant.app.is_none());
        }
        other => panic!("expected a stop, got {other:?}"),
    }
}

#[test]
fn a_next_page_link_that_keeps_pointing_back_stops_the_run() {
    let mut engine = engine();
    sent(engine.next_action(0));
    let looping = || {
        Ok(GraphReply::new(
            200,
            json!({ "value": [], "@odata.nextLink": format!("{BASE}/v1.0/servicePrincipals?$skiptoken=x") }),
        ))
    };
    engine.accept(
        vec![
            looping(),
            Ok(GraphReply::new(200, json!({ "isEnabled": false }))),
            Ok(GraphReply::new(404, json!({}))),
            Ok(GraphReply::new(200, json!({ "value": [] }))),
        ],
        0,
    );
    for _ in 0..200 {
        match engine.next_action(0) {
            Action::Send(_) => engine.accept(vec![looping()], 0),
            Action::Halt(Halt::Stopped(stopped)) => {
                let Stop::UnexpectedAnswer { problem, .. } = stopped.stop else {
                    panic!("expected an unexpected answer, got {stopped:?}");
                };
                assert_eq!(problem, crate::registration::Unreadable::TooManyPages);
                assert_eq!(engine.round_trips(), 100, "100 pages read, then the stop");
                return;
            }
            other => panic!("expected a page or a stop, got {other:?}"),
        }
    }
    panic!("still paging after 200 pages");
}
