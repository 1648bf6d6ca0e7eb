//! What every maintenance operation is: a state machine without I/O that hands out the calls
//! of one round trip and takes their replies, like the registration engine; and [`run`], which
//! drives one over the core's `HttpClient` and `Timer` (the sibling of `registration::drive`).

use crate::graph::{GraphCall, GraphReply, GraphTarget, send_calls};
use crate::http::{HttpClient, Timer, Unreachable};

/// What the driver does next.
#[derive(Debug)]
pub enum Action<T> {
    /// Send these calls together, in one round trip, and pass the replies to
    /// [`Operation::accept`] in the same order.
    Send(Vec<GraphCall>),
    /// Wait this long, then ask again.
    Wait { millis: u64 },
    /// The operation is over: its result.
    Done(T),
}

/// A maintenance operation (check, search, retiring old credentials, disconnect).
pub trait Operation {
    type Output;

    /// What to do next. `now_millis`: Unix epoch milliseconds.
    fn next_action(&mut self, now_millis: u64) -> Action<Self::Output>;

    /// The replies to the calls of the last [`Action::Send`], in the same order.
    fn accept(&mut self, replies: Vec<Result<GraphReply, Unreachable>>, now_millis: u64);
}

/// Runs `operation` to its end over `http`, waiting with `timer`.
pub async fn run<O: Operation>(
    operation: &mut O,
    http: &impl HttpClient,
    timer: &impl Timer,
    target: GraphTarget<'_>,
) -> O::Output {
    loop {
        match operation.next_action(timer.now_millis()) {
            Action::Done(output) => return output,
            Action::Wait { millis } => timer.sleep(millis).await,
            Action::Send(calls) => {
                let replies = send_calls(http, target, &calls).await;
                operation.accept(replies, timer.now_millis());
            }
        }
    }
}
