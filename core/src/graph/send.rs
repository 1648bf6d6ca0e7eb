//! Sending calls: one alone, two or more as `$batch`es of at most 20, all in one round trip.

use super::batch::{MAX_PARTS, batch_body, split_batch_response};
use super::call::{GraphCall, GraphReply};
use crate::http::{HttpClient, HttpRequest, Unreachable};

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
