//! Reading the preview over the core's `HttpClient`: one `$batch`, resent in part while Graph
//! throttles (within the retry budget), then the further pages of the sites search.

use super::calls::{SITE_PAGES_MAX, calls};
use super::count::{Count, Counted, TenantPreview};
use super::reply::{Reading, read_reply};
use super::unknown::Unknown;
use crate::graph::{GraphTarget, RetryPolicy, RetryRun, Wait, next_call, send_with_retry};
use crate::http::{HttpClient, Timer};

/// The preview of the tenant `target`'s token signs in to. Never fails: each count that cannot
/// be read is [`Count::Unknown`] with the reason.
pub async fn read_tenant_preview(
    http: &impl HttpClient,
    timer: &impl Timer,
    target: GraphTarget<'_>,
    policy: &RetryPolicy,
    run: &mut RetryRun,
    on_wait: &mut impl FnMut(Wait),
) -> TenantPreview {
    let replies = send_with_retry(http, timer, target, &calls(), policy, run, on_wait).await;
    let mut counts = Vec::with_capacity(Counted::ALL.len());
    for (counted, reply) in Counted::ALL.into_iter().zip(&replies) {
        let count = match read_reply(counted, reply) {
            Reading::Counted(count) => count,
            Reading::MoreSites { so_far, next_link } => {
                more_sites(http, timer, target, policy, run, on_wait, so_far, next_link).await
            }
        };
        counts.push(count);
    }
    let mut counts = counts.into_iter();
    let mut next = || {
        counts
            .next()
            .unwrap_or(Count::Unknown(Unknown::BatchIncomplete))
    };
    TenantPreview {
        users: next(),
        groups: next(),
        mailboxes: next(),
        sites: next(),
    }
}

/// Follows the sites search page after page, at most [`SITE_PAGES_MAX`] pages in all.
#[allow(clippy::too_many_arguments)]
async fn more_sites(
    http: &impl HttpClient,
    timer: &impl Timer,
    target: GraphTarget<'_>,
    policy: &RetryPolicy,
    run: &mut RetryRun,
    on_wait: &mut impl FnMut(Wait),
    mut so_far: u64,
    mut next_link: String,
) -> Count {
    for _ in 1..SITE_PAGES_MAX {
        let call = match next_call(target.base, &next_link) {
            Ok(call) => call,
            Err(_) => {
                return Count::Unknown(Unknown::SitesElsewhere { so_far });
            }
        };
        let replies = send_with_retry(http, timer, target, &[call], policy, run, on_wait).await;
        let Some(reply) = replies.first() else {
            return Count::Unknown(Unknown::NoAnswer);
        };
        match read_reply(Counted::Sites, reply) {
            Reading::Counted(Count::Known(n)) => return Count::Known(so_far.saturating_add(n)),
            Reading::Counted(unknown) => return unknown,
            Reading::MoreSites {
                so_far: n,
                next_link: link,
            } => {
                so_far = so_far.saturating_add(n);
                next_link = link;
            }
        }
    }
    Count::Unknown(Unknown::TooManySites { so_far })
}
