//! Sending calls: one alone, two or more as `$batch`es of at most 20, all in one round trip;
//! and resending what Graph refused for a while (throttling, replication), within a budget.

use super::batch::{MAX_PARTS, batch_body, split_batch_response};
use super::call::{GraphCall, GraphReply};
use super::error::GraphError;
use super::retry::{Jitter, Refusal, RetryPolicy, classify};
use crate::http::{HttpClient, HttpRequest, Timer, Unreachable};

/// Where Graph is and how to authenticate to it.
#[derive(Clone, Copy)]
pub struct GraphTarget<'a> {
    /// The Graph base URL without version, e.g. `https://graph.microsoft.com`.
    pub base: &'a str,
    /// The `Authorization` header value (`Bearer ...`).
    pub authorization: &'a str,
}

impl core::fmt::Debug for GraphTarget<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("GraphTarget")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

/// Sends `calls` in one round trip and returns one result per call, in order: a single call as
/// itself, more as `$batch`es of at most [`MAX_PARTS`] (sent one after another; a run never
/// needs more than 20 parallel calls, so in practice that is one batch).
pub async fn send_calls(
    http: &impl HttpClient,
    target: GraphTarget<'_>,
    calls: &[GraphCall],
) -> Vec<Result<GraphReply, Unreachable>> {
    if let [call] = calls {
        let reply = http
            .send(call.to_http(target.base, target.authorization))
            .await
            .map(|response| GraphReply::from_http(&response));
        return vec![reply];
    }
    let mut replies = Vec::with_capacity(calls.len());
    for chunk in calls.chunks(MAX_PARTS) {
        let request = HttpRequest::json(
            "POST",
            format!("{}/v1.0/$batch", target.base),
            batch_body(chunk).to_string(),
        )
        .header("Authorization", target.authorization.to_owned());
        match http.send(request).await {
            Ok(response) => replies.extend(
                split_batch_response(&response, chunk.len())
                    .into_iter()
                    .map(Ok),
            ),
            Err(unreachable) => replies.extend(chunk.iter().map(|_| Err(unreachable.clone()))),
        }
    }
    replies
}

/// Why the sender waits before resending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitReason {
    /// Graph answered 429, 503 or 504: it asked to slow down.
    Throttled,
    /// An object created a moment ago is not visible yet to a call that uses it.
    Replication,
}

/// One wait before resending refused calls, reported so the page can show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    pub millis: u64,
    pub reason: WaitReason,
    /// How many calls are resent after it.
    pub calls: usize,
}

impl Wait {
    /// The wait in whole seconds, rounded up (a 300 ms wait is shown as 1 s, not 0).
    pub fn seconds(&self) -> u64 {
        self.millis.div_ceil(1000)
    }
}

impl core::fmt::Display for Wait {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let seconds = self.seconds();
        match self.reason {
            WaitReason::Throttled => write!(
                f,
                "Microsoft Graph is busy and asked to slow down: trying again in {seconds} s."
            ),
            WaitReason::Replication => write!(
                f,
                "Microsoft 365 is still spreading a new object across its servers: trying again \
                 in {seconds} s."
            ),
        }
    }
}

/// The retry state of one run: the jitter generator, and how much of the policy's budget the
/// run's waits have used. One per run (a sign-in, a registration), shared by all its sends.
#[derive(Debug, Clone)]
pub struct RetryRun {
    jitter: Jitter,
    waited_millis: u64,
}

impl RetryRun {
    /// `jitter_seed`: real randomness in the browser, so that many admins throttled at once do
    /// not all come back at the same moment; a fixed seed in tests.
    pub fn new(jitter_seed: u32) -> Self {
        RetryRun {
            jitter: Jitter::new(jitter_seed),
            waited_millis: 0,
        }
    }

    /// Milliseconds this run has waited so far.
    pub fn waited_millis(&self) -> u64 {
        self.waited_millis
    }
}

/// [`send_calls`], then resends only the calls that were refused in a way worth repeating
/// (throttled: 429, 503, 504; replication: see [`classify`]), in one round trip per try, after
/// the longest wait any of them asked for (`Retry-After`, else backoff with jitter).
///
/// Stops resending a call after `policy.max_attempts` tries, and stops all resending when the
/// next wait would take the run past `policy.budget_millis`: the last answer of each call is
/// then its result, for the caller to explain ([`GraphError::from_reply`]). No answer at all
/// ([`Unreachable`]) is never resent: a write may have arrived.
///
/// `on_wait` hears each wait before it starts.
pub async fn send_with_retry(
    http: &impl HttpClient,
    timer: &impl Timer,
    target: GraphTarget<'_>,
    calls: &[GraphCall],
    policy: &RetryPolicy,
    run: &mut RetryRun,
    on_wait: &mut impl FnMut(Wait),
) -> Vec<Result<GraphReply, Unreachable>> {
    let mut results: Vec<Result<GraphReply, Unreachable>> = Vec::with_capacity(calls.len());
    let mut attempts = vec![0u32; calls.len()];
    let mut pending: Vec<usize> = (0..calls.len()).collect();
    while !pending.is_empty() {
        let round: Vec<GraphCall> = pending.iter().map(|&i| calls[i].clone()).collect();
        let replies = send_calls(http, target, &round).await;
        let now = timer.now_millis();
        let mut again = Vec::new();
        let mut wait: Option<Wait> = None;
        for (&index, reply) in pending.iter().zip(replies) {
            attempts[index] += 1;
            if let Some(refused) = reply.as_ref().ok().filter(|r| !r.is_success()) {
                let refusal = classify(refused, now);
                let delay = policy.delay_millis(refusal, attempts[index], run.jitter.next_u32());
                if let Some(millis) = delay {
                    again.push(index);
                    let reason = match refusal {
                        Refusal::Throttled { .. } => WaitReason::Throttled,
                        _ => WaitReason::Replication,
                    };
                    // The longest wait wins; throttling is named first, it is Graph's request.
                    let longer = wait.is_none_or(|w| {
                        millis > w.millis || (millis == w.millis && reason == WaitReason::Throttled)
                    });
                    if longer {
                        wait = Some(Wait {
                            millis,
                            reason,
                            calls: 0,
                        });
                    }
                }
            }
            if index < results.len() {
                results[index] = reply;
            } else {
                results.push(reply);
            }
        }
        let Some(mut wait) = wait else { break };
        if run.waited_millis.saturating_add(wait.millis) > policy.budget_millis {
            break;
        }
        wait.calls = again.len();
        on_wait(wait);
        timer.sleep(wait.millis).await;
        run.waited_millis += wait.millis;
        pending = again;
    }
    results
}

/// A call's result as the caller wants it: the reply if Graph accepted it, else the error to
/// show (`target.base` names the host that did not answer).
pub fn accepted(
    result: Result<GraphReply, Unreachable>,
    target: GraphTarget<'_>,
) -> Result<GraphReply, GraphError> {
    match result {
        Ok(reply) if reply.is_success() => Ok(reply),
        Ok(refused) => Err(GraphError::from_reply(&refused)),
        Err(unreachable) => Err(GraphError::unreachable(
            HttpRequest::get(target.base.to_owned()).host(),
            &unreachable,
        )),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::graph::testing::{Canned, Counting, block_on};
    use crate::http::HttpResponse;

    const TARGET: GraphTarget<'static> = GraphTarget {
        base: "https://graph.microsoft.com",
        authorization: "Bearer t",
    };

    fn batch_answer(parts: Value) -> HttpResponse {
        HttpResponse::new(200, json!({ "responses": parts }).to_string())
    }

    fn run(
        http: &Canned,
        calls: &[GraphCall],
        policy: &RetryPolicy,
    ) -> (Vec<Result<GraphReply, Unreachable>>, Vec<Wait>, u64) {
        let timer = Counting::default();
        let mut waits = Vec::new();
        let mut run = RetryRun::new(7);
        let replies = block_on(send_with_retry(
            http,
            &timer,
            TARGET,
            calls,
            policy,
            &mut run,
            &mut |wait| waits.push(wait),
        ));
        assert_eq!(run.waited_millis(), timer.waited());
        (replies, waits, timer.waited())
    }

    fn body(request: &HttpRequest) -> Value {
        serde_json::from_str(request.body.as_deref().unwrap_or("null")).unwrap_or(Value::Null)
    }

    #[test]
    fn only_the_refused_parts_of_a_batch_are_sent_again() {
        let http = Canned::new(vec![
            batch_answer(json!([
                { "id": "0", "status": 200, "body": { "id": "org" } },
                { "id": "1", "status": 429, "headers": { "Retry-After": "2" }, "body": {} },
                { "id": "2", "status": 404, "body": { "error": { "code": "Request_ResourceNotFound", "message": "x" } } },
            ])),
            batch_answer(json!([
                { "id": "0", "status": 200, "body": { "id": "me" } },
                { "id": "1", "status": 200, "body": { "id": "sp" } },
            ])),
        ]);
        let calls = [
            GraphCall::get("/organization"),
            GraphCall::get("/me"),
            GraphCall::get("/servicePrincipals/new"),
        ];
        let (replies, waits, waited) = run(&http, &calls, &RetryPolicy::default());
        let ids: Vec<&str> = replies
            .iter()
            .map(|r| {
                r.as_ref()
                    .ok()
                    .and_then(|r| r.body["id"].as_str())
                    .unwrap_or("-")
            })
            .collect();
        assert_eq!(ids, ["org", "me", "sp"]);
        let sent = http.sent.borrow();
        assert_eq!(sent.len(), 2);
        let resent: Vec<Value> = body(&sent[1])["requests"]
            .as_array()
            .map(|parts| parts.iter().map(|p| p["url"].clone()).collect())
            .unwrap_or_default();
        assert_eq!(resent, [json!("/me"), json!("/servicePrincipals/new")]);
        assert_eq!(waits.len(), 1);
        assert!(
            waits[0].millis >= 2_000,
            "Retry-After is the floor: {:?}",
            waits[0]
        );
        assert_eq!(waits[0].calls, 2);
        assert_eq!(waited, waits[0].millis);
    }

    #[test]
    fn a_whole_batch_refused_is_sent_again_whole() {
        let http = Canned::new(vec![
            HttpResponse::new(503, "").with_header("Retry-After", "1"),
            batch_answer(json!([
                { "id": "0", "status": 200, "body": {} },
                { "id": "1", "status": 200, "body": {} },
            ])),
        ]);
        let calls = [GraphCall::get("/organization"), GraphCall::get("/me")];
        let (replies, waits, waited) = run(&http, &calls, &RetryPolicy::default());
        assert!(
            replies
                .iter()
                .all(|r| r.as_ref().is_ok_and(GraphReply::is_success))
        );
        assert_eq!(waited, 1_000);
        assert_eq!(waits[0].reason, WaitReason::Throttled);
        assert_eq!(
            waits[0].to_string(),
            "Microsoft Graph is busy and asked to slow down: trying again in 1 s."
        );
    }

    #[test]
    fn final_refusals_and_no_answer_are_not_sent_again() {
        let http = Canned::new(vec![HttpResponse::new(
            403,
            r#"{"error":{"code":"Authorization_RequestDenied"}}"#,
        )]);
        let (replies, waits, _) = run(
            &http,
            &[GraphCall::post("/applications", json!({}))],
            &RetryPolicy::default(),
        );
        assert_eq!(replies[0].as_ref().map(|r| r.status), Ok(403));
        assert!(waits.is_empty());
        assert_eq!(http.sent.borrow().len(), 1);
        let offline = Canned::new(Vec::new());
        let (replies, _, _) = run(&offline, &[GraphCall::get("/me")], &RetryPolicy::default());
        assert!(replies[0].is_err());
        assert_eq!(offline.sent.borrow().len(), 1, "no answer is not resent");
    }

    #[test]
    fn attempts_and_the_run_budget_bound_the_retries() {
        let throttled = || HttpResponse::new(429, "").with_header("Retry-After", "10");
        let policy = RetryPolicy {
            max_attempts: 3,
            base_delay_millis: 1_000,
            max_delay_millis: 30_000,
            budget_millis: 60_000,
        };
        let http = Canned::new((0..5).map(|_| throttled()).collect());
        let (replies, waits, waited) = run(&http, &[GraphCall::get("/me")], &policy);
        assert_eq!(http.sent.borrow().len(), 3, "three tries in all");
        assert_eq!(waits.len(), 2);
        assert_eq!(waited, 20_000);
        let last = replies[0].as_ref().expect("an answer");
        assert_eq!(
            GraphError::from_reply(last).kind,
            crate::graph::GraphErrorKind::Throttled
        );

        let tight = RetryPolicy {
            budget_millis: 15_000,
            ..policy
        };
        let http = Canned::new((0..5).map(|_| throttled()).collect());
        let (_, waits, waited) = run(&http, &[GraphCall::get("/me")], &tight);
        assert_eq!(
            http.sent.borrow().len(),
            2,
            "a second wait would pass the budget"
        );
        assert_eq!((waits.len(), waited), (1, 10_000));
    }

    #[test]
    fn the_budget_is_shared_by_a_whole_run() {
        let policy = RetryPolicy {
            budget_millis: 5_000,
            ..RetryPolicy::default()
        };
        let timer = Counting::default();
        let mut run = RetryRun::new(3);
        let mut waits = Vec::new();
        for _ in 0..2 {
            let http = Canned::new(vec![
                HttpResponse::new(429, "").with_header("Retry-After", "3"),
                HttpResponse::new(200, "{}"),
            ]);
            block_on(send_with_retry(
                &http,
                &timer,
                TARGET,
                &[GraphCall::get("/me")],
                &policy,
                &mut run,
                &mut |w| waits.push(w),
            ));
        }
        assert_eq!(
            waits.len(),
            1,
            "the second send may not wait past the run's budget"
        );
        assert_eq!(run.waited_millis(), 3_000);
    }

    #[test]
    fn accepted_turns_refusals_and_silence_into_graph_errors() {
        assert!(accepted(Ok(GraphReply::new(200, json!({}))), TARGET).is_ok());
        let refused = accepted(Ok(GraphReply::new(401, json!(null))), TARGET);
        assert_eq!(
            refused.map_err(|e| e.kind),
            Err(crate::graph::GraphErrorKind::SignInExpired)
        );
        let silent =
            accepted(Err(Unreachable("Failed to fetch".into())), TARGET).expect_err("no answer");
        assert!(
            silent
                .to_string()
                .contains("graph.microsoft.com did not answer")
        );
    }
}
