//! Reading one reply of the preview: a count, a page of sites, or a refusal in words.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::count::{Count, Counted};
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
            return Reading::Counted(Count::Unknown(format!(
                "Microsoft Graph did not answer ({}), so the {} were not counted. Check the \
                 connection and open the preview again.",
                unreachable.0,
                counted.words()
            )));
        }
    };
    if !reply.is_success() {
        return Reading::Counted(Count::Unknown(refused(counted, reply)));
    }
    match counted {
        Counted::Sites => sites_page(reply),
        _ => Reading::Counted(match number(&reply.body) {
            Some(n) => Count::Known(n),
            None => Count::Unknown(format!(
                "Microsoft Graph answered with something other than a number of {}.",
                counted.words()
            )),
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
        return Reading::Counted(Count::Unknown(
            "Microsoft Graph's list of SharePoint sites was not in the expected form.".to_owned(),
        ));
    };
    let so_far = u64::try_from(page.value.len()).unwrap_or(u64::MAX);
    match page.next_link {
        Some(next_link) => Reading::MoreSites { so_far, next_link },
        None => Reading::Counted(Count::Known(so_far)),
    }
}

/// Why Graph refused, and what the admin can do, with the ids support asks for.
fn refused(counted: Counted, reply: &GraphReply) -> String {
    let error = GraphError::from_reply(reply);
    let what = counted.words();
    let words = match error.kind {
        GraphErrorKind::MissingPermission => format!(
            "Microsoft Graph did not let this sign-in count the {what}: that needs the delegated \
             permission {} granted to this app, and an account that is a member of the tenant \
             (not a guest).",
            counted.permission()
        ),
        GraphErrorKind::SignInExpired => {
            format!("The sign-in has expired, so the {what} were not counted: sign in again.")
        }
        GraphErrorKind::Throttled => format!(
            "Microsoft Graph was busy and asked to slow down, so the {what} were not counted. \
             Open the preview again in a few minutes."
        ),
        _ => format!("Microsoft Graph refused to count the {what}."),
    };
    let reference = error.reference();
    if reference.is_empty() {
        words
    } else {
        format!("{words} ({reference})")
    }
}
