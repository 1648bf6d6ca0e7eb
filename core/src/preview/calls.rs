//! The Graph calls of the preview, in [`Counted::ALL`] order: independent reads, sent as one
//! `$batch`.

use super::count::Counted;
use crate::graph::GraphCall;

/// At most this many pages of the sites search are read; more means the count stops there.
pub const SITE_PAGES_MAX: usize = 20;

/// The call that counts `counted`.
pub(crate) fn call(counted: Counted) -> GraphCall {
    // `$count` on directory objects is an advanced query: without `ConsistencyLevel: eventual`
    // Graph refuses it with 400 (https://learn.microsoft.com/graph/aad-advanced-queries).
    let eventual = |call: GraphCall| call.header("ConsistencyLevel", "eventual");
    match counted {
        Counted::Users => eventual(GraphCall::get("/users/$count")),
        Counted::Groups => eventual(GraphCall::get("/groups/$count")),
        Counted::Mailboxes => eventual(GraphCall::get(
            "/users/$count?$filter=userType%20eq%20'Member'%20and%20mail%20ne%20null",
        )),
        // Only ids: the count needs nothing else, and pages stay small.
        Counted::Sites => GraphCall::get("/sites?search=*&$select=id"),
    }
}

/// The four calls, in [`Counted::ALL`] order.
pub fn calls() -> Vec<GraphCall> {
    Counted::ALL.into_iter().map(call).collect()
}
