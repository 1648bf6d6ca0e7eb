//! Finding an app by the start of its name, for the admin to pick the one to check:
//! `GET /applications?$filter=startswith(displayName,'…')`, which applications support on
//! `displayName` without advanced query headers
//! (<https://learn.microsoft.com/graph/aad-advanced-queries>,
//! <https://learn.microsoft.com/graph/filter-query-parameter>). The name is an OData string
//! literal: its quotes doubled, then percent-encoded (`registration::query::literal`).

use serde_json::Value;

use super::app::Maker;
use super::calls::{self, Answer, Calls, Next, Reading, Steps};
use super::error::MaintenanceError;
use super::operation::{Action, Operation};
use crate::graph::{GraphCall, GraphReply, RetryPolicy};
use crate::http::Unreachable;
use crate::registration::RegistrationRequest;
use crate::registration::facts::ExistingApp;
use crate::registration::query::{items, literal};
use crate::wizard::words::EN_MAINTENANCE;

const SEARCH: &str = EN_MAINTENANCE.doing_search;

/// An app whose name starts as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub object_id: String,
    pub app_id: String,
    pub display_name: String,
    pub maker: Maker,
}

/// Lists the apps whose display name starts with what the admin typed.
#[derive(Debug)]
pub struct FindApps {
    request: RegistrationRequest,
    call: GraphCall,
    calls: Calls<()>,
    sent: bool,
    result: Option<Result<Vec<Candidate>, MaintenanceError>>,
}

impl FindApps {
    /// `request` tells which apps are this product's; `name_start` is what the admin typed.
    pub fn new(
        request: &RegistrationRequest,
        name_start: &str,
        graph_base: &str,
        policy: RetryPolicy,
        jitter_seed: u32,
    ) -> Self {
        let name = name_start.trim();
        // Graph refuses startswith with an empty string (400 Request_UnsupportedQuery).
        let result = name.is_empty().then_some(Err(MaintenanceError::EmptyName));
        FindApps {
            request: request.clone(),
            call: GraphCall::get(format!(
                "/applications?$filter=startswith(displayName,{})&$select=id,appId,displayName,uniqueName,tags&$top=999",
                literal(name)
            )),
            calls: Calls::new(graph_base, policy, jitter_seed),
            sent: false,
            result,
        }
    }

    fn found(&self, body: &Value) -> Vec<Candidate> {
        items(body)
            .iter()
            .map(ExistingApp::from_json)
            .map(|app| Candidate {
                maker: Maker::of(&app, &self.request),
                object_id: app.id,
                app_id: app.app_id,
                display_name: app.display_name,
            })
            .collect()
    }
}

impl Steps for FindApps {
    fn result(&self) -> Option<&Self::Output> {
        self.result.as_ref()
    }

    fn next_calls(&mut self) -> Next {
        self.calls.next()
    }

    fn idle(&mut self, _now_millis: u64) {
        if self.sent {
            self.result = Some(Err(MaintenanceError::UnexpectedAnswer {
                what: SEARCH,
                problem: "no answer was kept",
            }));
        } else {
            self.sent = true;
            self.calls
                .queue((), SEARCH, Reading::List, self.call.clone());
        }
    }
}

impl Operation for FindApps {
    type Output = Result<Vec<Candidate>, MaintenanceError>;

    fn next_action(&mut self, now_millis: u64) -> Action<Self::Output> {
        calls::next_action(self, now_millis)
    }

    fn accept(&mut self, replies: Vec<Result<GraphReply, Unreachable>>, now_millis: u64) {
        for ((), _, answer) in self.calls.accept(replies, now_millis) {
            self.result = Some(match answer {
                Answer::Done(body) => Ok(self.found(&body)),
                Answer::NotFound => Ok(Vec::new()),
                Answer::Refused(reply) => Err(MaintenanceError::refused(SEARCH, &reply)),
                Answer::Failed(error) => Err(error),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::graph::GraphTarget;
    use crate::graph::testing::{Canned, Counting, block_on};
    use crate::http::HttpResponse;
    use crate::maintenance::run;

    const BASE: &str = "https://graph.microsoft.com";

    fn request() -> RegistrationRequest {
        let config = crate::config::parse(
            r#"{ "clientId": "3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856",
                 "endpoints": { "signIn": "https://login.microsoftonline.com", "graph": "https://graph.microsoft.com" },
                 "handoffOrigins": [], "appDisplayName": "O'Brien Backup",
                 "permissionProfile": "exchange-only", "secretLifetimeDays": 180 }"#,
        )
        .expect("a configuration");
        RegistrationRequest::for_tenant(
            &config,
            "7c1e4a52-3d9b-4f86-a0e5-2b8d6c9f1e34",
            crate::auth::ConsentAbility::CanGrantAll,
            [1; 8],
        )
    }

    #[test]
    fn the_name_is_escaped_and_the_apps_listed_with_who_made_them() {
        let request = request();
        let ours = json!({ "id": "o1", "appId": "a1", "displayName": "O'Brien Backup",
            "uniqueName": request.unique_name });
        let hand = json!({ "id": "o2", "appId": "a2", "displayName": "O'Brien Backup old" });
        let http = Canned::new(vec![
            HttpResponse::new(429, "").with_header("Retry-After", "2"),
            HttpResponse::new(200, json!({ "value": [ours, hand] }).to_string()),
        ]);
        let timer = Counting::default();
        let target = GraphTarget {
            base: BASE,
            authorization: "Bearer t",
        };
        let mut find = FindApps::new(&request, " O'Brien ", BASE, RetryPolicy::default(), 1);
        let found = block_on(run(&mut find, &http, &timer, target)).expect("candidates");
        let sent = http.sent.borrow();
        assert_eq!(
            sent[0].url,
            "https://graph.microsoft.com/v1.0/applications?$filter=startswith(displayName,%27O%27%27Brien%27)&$select=id,appId,displayName,uniqueName,tags&$top=999"
        );
        assert_eq!(sent.len(), 2, "the throttled search went again");
        assert_eq!(timer.waited(), 2000, "after Retry-After");
        let makers: Vec<(&str, Maker)> =
            found.iter().map(|c| (c.app_id.as_str(), c.maker)).collect();
        assert_eq!(makers, [("a1", Maker::ThisProduct), ("a2", Maker::Other)]);
    }

    #[test]
    fn an_empty_name_is_refused_before_anything_is_sent() {
        let http = Canned::new(Vec::new());
        let target = GraphTarget {
            base: BASE,
            authorization: "Bearer t",
        };
        let mut find = FindApps::new(&request(), "  ", BASE, RetryPolicy::default(), 1);
        let result = block_on(run(&mut find, &http, &Counting::default(), target));
        assert_eq!(result, Err(MaintenanceError::EmptyName));
        assert!(http.sent.borrow().is_empty());
    }
}
