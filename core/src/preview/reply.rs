//! Reading one reply of the preview: a count, a page of sites, or a refusal in words.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::count::{Count, Counted};
use super::unknown::{Refusal, Unknown};
use crate::graph::{GraphError, GraphErrorKind, GraphReply, Page};
use crate::http::Unreachable;

/// What one reply says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// The count, or why there is none.
    Counted(Count),
    /// A page of the sites search with more to come: `so_far` sites on this page, and the
    /// next page's link (opaque; turned into a call with [`crate::graph::next_call`]).
    MoreSites { so_far: u64, next_link: String },
}

/// Reads the reply to the call that counts `counted` (alone or a part of a `$batch`).
pub fn read_reply(counted: Counted, reply: &Result<GraphReply, Unreachable>) -> Reading {
    let reply = match reply {
        Ok(reply) => reply,
        Err(unreachable) => {
            return Reading::Counted(Count::Unknown(Unknown::Unreachable {
                counted,
                detail: unreachable.0.clone(),
            }));
        }
    };
    if !reply.is_success() {
        return Reading::Counted(Count::Unknown(refused(counted, reply)));
    }
    match counted {
        Counted::Sites => sites_page(reply),
        _ => Reading::Counted(match number(&reply.body) {
            Some(n) => Count::Known(n),
            None => Count::Unknown(Unknown::NotANumber(counted)),
        }),
    }
}

/// `$count` answers `text/plain` digits. Read alone, that body is a JSON number; inside a
/// `$batch` a non-JSON body comes back as a string, which Microsoft may base64-encode
/// (<https://learn.microsoft.com/graph/json-batching>): all three are read.
fn number(body: &Value) -> Option<u64> {
    let digits = |text: &str| {
        let text = text.trim();
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    match body {
        Value::Number(n) => n.as_u64(),
        Value::String(text) => digits(text).or_else(|| {
            let decoded = STANDARD.decode(text.trim()).ok()?;
            digits(std::str::from_utf8(&decoded).ok()?)
        }),
        _ => None,
    }
}

fn sites_page(reply: &GraphReply) -> Reading {
    let Ok(page) = Page::<Value>::from_reply(reply) else {
        return Reading::Counted(Count::Unknown(Unknown::SitesUnreadable));
    };
    let so_far = u64::try_from(page.value.len()).unwrap_or(u64::MAX);
    match page.next_link {
        Some(next_link) => Reading::MoreSites { so_far, next_link },
        None => Reading::Counted(Count::Known(so_far)),
    }
}

/// Why Graph refused, with the ids support asks for.
fn refused(counted: Counted, reply: &GraphReply) -> Unknown {
    let error = GraphError::from_reply(reply);
    let refusal = match error.kind {
        GraphErrorKind::MissingPermission => Refusal::MissingPermission,
        GraphErrorKind::SignInExpired => Refusal::SignInExpired,
        GraphErrorKind::Throttled => Refusal::Throttled,
        _ => Refusal::Other,
    };
    Unknown::Refused {
        counted,
        refusal,
        reference: error.reference(),
    }
}
