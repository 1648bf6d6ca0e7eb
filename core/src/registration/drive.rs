//! Runs an [`Engine`] over the core's [`HttpClient`] and [`Timer`]: the browser and the native
//! tests run this same code.

use super::engine::{Action, Engine, Halt};
use super::progress::Progress;
use crate::graph::{GraphTarget, send_calls};
use crate::http::{HttpClient, Timer};

/// Does one thing: sends one round trip, or waits once. Returns the halt when the engine is
/// paused (the plan awaits confirmation) or finished.
pub async fn step(
    engine: &mut Engine,
    http: &impl HttpClient,
    timer: &impl Timer,
    target: GraphTarget<'_>,
) -> Option<Halt> {
    match engine.next_action(timer.now_millis()) {
        Action::Halt(halt) => Some(halt),
        Action::Wait { millis } => {
            timer.sleep(millis).await;
            None
        }
        Action::Send(calls) => {
            let replies = send_calls(http, target, &calls).await;
            engine.accept(replies, timer.now_millis());
            None
        }
    }
}

/// Runs until the engine halts: first to [`Halt::AwaitingConfirmation`] (show the plan, then
/// call [`Engine::confirm`] and drive again), then to the outcome or a stop. `on_progress`
/// is called after every round trip and wait, for the admin to see.
pub async fn drive(
    engine: &mut Engine,
    http: &impl HttpClient,
    timer: &impl Timer,
    target: GraphTarget<'_>,
    mut on_progress: impl FnMut(&Progress),
) -> Halt {
    loop {
        if let Some(halt) = step(engine, http, timer, target).await {
            on_progress(engine.progress());
            return halt;
        }
        on_progress(engine.progress());
    }
}
