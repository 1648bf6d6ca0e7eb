//! The calls of one maintenance operation in flight: what goes out in the next round trip,
//! what comes back, and what is sent again after a wait. Throttling (429, 503, 504), replication
//! refusals and lost answers are retried here, through the same [`RetryPolicy`] as the
//! registration (<https://learn.microsoft.com/graph/throttling>); lists are read to their last
//! page (<https://learn.microsoft.com/graph/paging>). What an answer means is the operation's
//! business: it gets the final answer of each call.

use serde_json::{Value, json};

use super::error::MaintenanceError;
use super::operation::{Action, Operation};
use crate::graph::{GraphCall, GraphReply, Jitter, Refusal, RetryPolicy, classify};
use crate::http::Unreachable;
use crate::registration::WaitReason;
use crate::registration::query::{items, next_page};

/// Pages read of one list before the operation gives up (a next-page link that keeps
/// pointing back would otherwise be followed for ever).
const MAX_PAGES: u32 = 100;

/// How a call's answer is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// One object, or a write.
    One,
    /// A collection: every page, handed over as `{"value": [...]}`.
    List,
    /// A lookup or a removal: 404 is an answer ([`Answer::NotFound`]), not a replication
    /// delay to wait out.
    MayBeAbsent,
}

/// The final answer to one call.
#[derive(Debug, Clone)]
pub enum Answer {
    /// 2xx: the body (204: `Null`), or a list's items as `{"value": [...]}`.
    Done(Value),
    /// 404 for a [`Reading::MayBeAbsent`] call.
    NotFound,
    /// Graph refused, for good: the operation says what it means.
    Refused(GraphReply),
    /// Retries ran out, no answer came, or the sign-in expired.
    Failed(MaintenanceError),
}

#[derive(Debug, Clone)]
struct Task<K> {
    key: K,
    /// What the call does, in the admin's words ("read the app registration").
    what: &'static str,
    reading: Reading,
    call: GraphCall,
    first: GraphCall,
    attempt: u32,
    items: Vec<Value>,
    pages: u32,
    next_page: bool,
}

/// The calls of an operation. `K` says what each call is for.
#[derive(Debug, Clone)]
pub struct Calls<K> {
    graph_base: String,
    policy: RetryPolicy,
    jitter: Jitter,
    tasks: Vec<Task<K>>,
    wait: Option<u64>,
    waited_millis: u64,
    round_trips: u32,
}

/// What the calls need next.
#[derive(Debug)]
pub enum Next {
    Send(Vec<GraphCall>),
    Wait {
        millis: u64,
    },
    /// Nothing in flight: the operation decides what comes next.
    Idle,
}

impl<K: Clone> Calls<K> {
    pub fn new(graph_base: &str, policy: RetryPolicy, jitter_seed: u32) -> Self {
        Calls {
            graph_base: graph_base.trim_end_matches('/').to_owned(),
            policy,
            jitter: Jitter::new(jitter_seed),
            tasks: Vec::new(),
            wait: None,
            waited_millis: 0,
            round_trips: 0,
        }
    }

    /// Sequential round trips sent so far.
    pub fn round_trips(&self) -> u32 {
        self.round_trips
    }

    /// Queues a call for the next round trip.
    pub fn queue(&mut self, key: K, what: &'static str, reading: Reading, call: GraphCall) {
        self.tasks.push(Task {
            key,
            what,
            reading,
            first: call.clone(),
            call,
            attempt: 0,
            items: Vec::new(),
            pages: 0,
            next_page: false,
        });
    }

    /// Queues `call` again after a replication wait: what it read is not what was just written
    /// yet (a removed credential still listed, a deleted app still readable). `attempt` is
    /// how many times it was read already; `Err` when the policy allows no more tries or the
    /// operation's waiting is spent.
    pub fn again(
        &mut self,
        key: K,
        what: &'static str,
        reading: Reading,
        call: GraphCall,
        attempt: u32,
    ) -> Result<(), MaintenanceError> {
        let jitter = self.jitter.next_u32();
        let gave_up = MaintenanceError::GaveUp {
            what,
            reason: WaitReason::Replication,
        };
        let delay = self
            .policy
            .delay_millis(Refusal::Replication, attempt, jitter)
            .ok_or(gave_up.clone())?;
        self.wait_for(delay).map_err(|()| gave_up)?;
        self.queue(key, what, reading, call);
        if let Some(task) = self.tasks.last_mut() {
            task.attempt = attempt;
        }
        Ok(())
    }

    fn wait_for(&mut self, delay: u64) -> Result<(), ()> {
        let longest = self.wait.unwrap_or(0).max(delay);
        let extra = longest - self.wait.unwrap_or(0);
        if self.waited_millis + extra > self.policy.budget_millis {
            return Err(());
        }
        self.waited_millis += extra;
        self.wait = Some(longest);
        Ok(())
    }

    pub fn next(&mut self) -> Next {
        if let Some(millis) = self.wait.take() {
            return Next::Wait { millis };
        }
        if self.tasks.is_empty() {
            return Next::Idle;
        }
        for task in &mut self.tasks {
            if !std::mem::take(&mut task.next_page) {
                task.attempt += 1;
            }
        }
        self.round_trips += 1;
        Next::Send(self.tasks.iter().map(|t| t.call.clone()).collect())
    }

    /// The replies to the last [`Next::Send`], in order: the final answers, each with its key
    /// and the tries it took. Calls to send again stay queued (after a wait).
    pub fn accept(
        &mut self,
        replies: Vec<Result<GraphReply, Unreachable>>,
        now_millis: u64,
    ) -> Vec<(K, u32, Answer)> {
        let tasks = std::mem::take(&mut self.tasks);
        let mut replies = replies.into_iter();
        let mut answers = Vec::new();
        for mut task in tasks {
            let reply = replies
                .next()
                .unwrap_or_else(|| Err(Unreachable("no reply was given for this call".into())));
            match self.handle(&mut task, reply, now_millis) {
                Some(answer) => answers.push((task.key, task.attempt, answer)),
                None => self.tasks.push(task),
            }
        }
        answers
    }

    /// `None`: the task stays queued (next page, or a retry after a wait).
    fn handle(
        &mut self,
        task: &mut Task<K>,
        reply: Result<GraphReply, Unreachable>,
        now_millis: u64,
    ) -> Option<Answer> {
        let reply = match reply {
            Ok(reply) => reply,
            Err(Unreachable(detail)) => {
                let refusal = Refusal::Throttled {
                    retry_after_millis: None,
                };
                return self.retry(task, refusal).err().map(|()| {
                    Answer::Failed(MaintenanceError::Unreachable {
                        what: task.what,
                        detail,
                    })
                });
            }
        };
        if reply.is_success() {
            if task.reading != Reading::List {
                return Some(Answer::Done(reply.body));
            }
            task.items.extend(items(&reply.body));
            return match next_page(&self.graph_base, &reply.body) {
                None => Some(Answer::Done(
                    json!({ "value": std::mem::take(&mut task.items) }),
                )),
                Some(Ok(_)) if task.pages + 1 >= MAX_PAGES => {
                    Some(Answer::Failed(MaintenanceError::UnexpectedAnswer {
                        what: task.what,
                        problem: "a list went on for more than 100 pages",
                    }))
                }
                Some(Ok(call)) => {
                    task.call = call;
                    task.pages += 1;
                    task.next_page = true;
                    None
                }
                Some(Err(_)) => Some(Answer::Failed(MaintenanceError::UnexpectedAnswer {
                    what: task.what,
                    problem: "a next-page link pointed away from Microsoft Graph",
                })),
            };
        }
        if reply.status == 401 {
            return Some(Answer::Failed(MaintenanceError::SignInExpired));
        }
        if reply.status == 404 && task.reading == Reading::MayBeAbsent {
            return Some(Answer::NotFound);
        }
        let (refusal, reason) = match classify(&reply, now_millis) {
            refusal @ Refusal::Throttled { .. } => (refusal, WaitReason::Throttled),
            Refusal::Replication => (Refusal::Replication, WaitReason::Replication),
            Refusal::AlreadyExists | Refusal::Final => return Some(Answer::Refused(reply)),
        };
        self.retry(task, refusal).err().map(|()| {
            Answer::Failed(MaintenanceError::GaveUp {
                what: task.what,
                reason,
            })
        })
    }

    /// Keeps the task for the next round trip after the policy's wait; `Err` when it allows
    /// no more.
    fn retry(&mut self, task: &mut Task<K>, refusal: Refusal) -> Result<(), ()> {
        let jitter = self.jitter.next_u32();
        let delay = self
            .policy
            .delay_millis(refusal, task.attempt, jitter)
            .ok_or(())?;
        self.wait_for(delay)?;
        task.call = task.first.clone();
        task.items.clear();
        task.pages = 0;
        Ok(())
    }
}

/// An operation whose calls go through [`Calls`] and which is over once it holds a result:
/// every one of them ends, sends and waits the same way ([`next_action`]).
pub(super) trait Steps: Operation<Output: Clone> {
    /// The result, once the operation has one (it is then over).
    fn result(&self) -> Option<&Self::Output>;

    /// What its calls need next ([`Calls::next`]).
    fn next_calls(&mut self) -> Next;

    /// Nothing in flight: queue what comes next, or set the result.
    fn idle(&mut self, now_millis: u64);
}

/// What `operation` does next: its result once it has one, else what its calls need; when
/// nothing is in flight it decides what comes next and is asked again.
pub(super) fn next_action<S: Steps>(operation: &mut S, now_millis: u64) -> Action<S::Output> {
    loop {
        if let Some(result) = operation.result() {
            return Action::Done(result.clone());
        }
        match operation.next_calls() {
            Next::Send(calls) => return Action::Send(calls),
            Next::Wait { millis } => return Action::Wait { millis },
            Next::Idle => operation.idle(now_millis),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls() -> Calls<u8> {
        Calls::new("https://graph.microsoft.com", RetryPolicy::default(), 1)
    }

    #[test]
    fn a_throttled_call_waits_and_goes_again_then_answers() {
        let mut calls = calls();
        calls.queue(
            1,
            "read the app",
            Reading::One,
            GraphCall::get("/applications/x"),
        );
        assert!(matches!(calls.next(), Next::Send(c) if c.len() == 1));
        let busy = GraphReply::new(429, Value::Null);
        assert!(calls.accept(vec![Ok(busy)], 0).is_empty());
        assert!(matches!(calls.next(), Next::Wait { millis } if millis > 0));
        assert!(matches!(calls.next(), Next::Send(_)));
        let answers = calls.accept(vec![Ok(GraphReply::new(200, json!({ "id": "x" })))], 0);
        assert!(matches!(&answers[..], [(1, 2, Answer::Done(body))] if body["id"] == "x"));
        assert!(matches!(calls.next(), Next::Idle));
    }

    #[test]
    fn a_missing_object_is_an_answer_only_where_absence_is_expected() {
        let mut calls = calls();
        let gone = || {
            GraphReply::new(
                404,
                json!({ "error": { "code": "Request_ResourceNotFound", "message": "gone" } }),
            )
        };
        calls.queue(1, "look", Reading::MayBeAbsent, GraphCall::get("/a"));
        calls.queue(2, "read", Reading::One, GraphCall::get("/b"));
        let _ = calls.next();
        let answers = calls.accept(vec![Ok(gone()), Ok(gone())], 0);
        assert!(matches!(&answers[..], [(1, 1, Answer::NotFound)]));
        assert!(
            matches!(calls.next(), Next::Wait { .. }),
            "replication: waited out"
        );
    }

    #[test]
    fn retries_end_in_words_that_name_the_step() {
        let mut calls = calls();
        calls.queue(1, "read the app", Reading::One, GraphCall::get("/a"));
        let mut last = Vec::new();
        for _ in 0..20 {
            match calls.next() {
                Next::Send(_) => {
                    last = calls.accept(vec![Ok(GraphReply::new(503, Value::Null))], 0);
                }
                Next::Wait { .. } => {}
                Next::Idle => break,
            }
        }
        let [(_, _, Answer::Failed(error))] = &last[..] else {
            panic!("{last:?}");
        };
        assert!(error.to_string().contains("read the app"), "{error}");
    }
}
