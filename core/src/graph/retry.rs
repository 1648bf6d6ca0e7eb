//! When a failed Graph call is worth sending again, and after how long.
//!
//! - Throttling: 429, 503 and 504 carry `Retry-After` (seconds or an HTTP date) or not; honour
//!   it when present, else back off exponentially with full jitter
//!   (<https://learn.microsoft.com/graph/throttling>; the Graph SDKs' retry handler defaults to
//!   3 retries and a 3 s base, <https://learn.microsoft.com/graph/sdks/customize-client>).
//! - Replication: an object created a moment ago is not yet visible to the call that uses it.
//!   Graph then answers 404 `Request_ResourceNotFound`, 400 "Not a valid reference update." or
//!   400 `NoBackingApplicationObject` (github.com/microsoftgraph/msgraph-bicep-types/issues/193,
//!   microsoftgraph/microsoft-graph-docs/issues/9738,
//!   <https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals>). The
//!   dependent call is retried; the object is never created again.
//! - Everything else is final for the call: the caller decides (read back, stop, explain).
//!
//! Waits are bounded twice: per call ([`RetryPolicy::max_attempts`]) and per run
//! ([`RetryPolicy::budget_millis`]), so a tenant that keeps refusing ends in a clear stop.

use super::call::GraphReply;

/// Why a call failed, as far as retrying goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 429, 503 or 504: Graph is busy. `retry_after_millis` from `Retry-After`, if it had one.
    Throttled { retry_after_millis: Option<u64> },
    /// The object this call refers to has not replicated yet.
    Replication,
    /// A grant or assignment that is already there (400 "Permission being assigned already
    /// exists on the object", 409 Conflict). Confirm by reading; never assume.
    AlreadyExists,
    /// Not worth repeating as is.
    Final,
}

/// Classifies a failed reply. `now_millis` turns an HTTP-date `Retry-After` into a delay.
pub fn classify(reply: &GraphReply, now_millis: u64) -> Refusal {
    let code = reply.error_code().unwrap_or_default();
    let message = reply.error_message().unwrap_or_default();
    match reply.status {
        429 | 503 | 504 => Refusal::Throttled {
            retry_after_millis: reply
                .header("retry-after")
                .and_then(|value| retry_after_millis(value, now_millis)),
        },
        404 if code.eq_ignore_ascii_case("Request_ResourceNotFound") => Refusal::Replication,
        400 if message.contains("Not a valid reference update")
            || code.eq_ignore_ascii_case("NoBackingApplicationObject")
            || has_detail_code(reply, "NoBackingApplicationObject")
            || message.contains("NoBackingApplicationObject") =>
        {
            Refusal::Replication
        }
        400 if message.contains("already exists on the object") => Refusal::AlreadyExists,
        409 => Refusal::AlreadyExists,
        _ => Refusal::Final,
    }
}

/// True when Graph's error names `code` among its `error.details` (where it puts
/// `NoBackingApplicationObject` under a top-level `Request_BadRequest`).
pub fn has_detail_code(reply: &GraphReply, code: &str) -> bool {
    reply
        .body
        .pointer("/error/details")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|details| {
            details.iter().any(|detail| {
                detail
                    .get("code")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|found| found.eq_ignore_ascii_case(code))
            })
        })
}

/// `Retry-After` as milliseconds from now: delta-seconds, or an IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §10.2.3 and §5.6.7). A date in the past is 0.
pub fn retry_after_millis(value: &str, now_millis: u64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = http_date_seconds(value)?;
    Some(at.saturating_mul(1000).saturating_sub(now_millis))
}

/// Seconds since the epoch of an IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date_seconds(value: &str) -> Option<u64> {
    let (_, rest) = value.split_once(", ")?;
    let mut fields = rest.split(' ');
    let day: u64 = fields.next()?.parse().ok()?;
    let month = fields.next()?;
    let year: i64 = fields.next()?.parse().ok()?;
    let time = fields.next()?;
    if fields.next()? != "GMT" {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let mut hms = time.split(':').map(|part| part.parse::<u64>().ok());
    let (hours, minutes, seconds) = (hms.next()??, hms.next()??, hms.next()??);
    if day == 0 || day > 31 || hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm, proleptic Gregorian).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = u64::try_from(era * 146_097 + doe - 719_468).ok()?;
    Some(days * 86_400 + hours * 3600 + minutes * 60 + seconds)
}

/// How long and how often to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries of one call in all, the first included.
    pub max_attempts: u32,
    /// First backoff when Graph gives no `Retry-After`; doubles each time.
    pub base_delay_millis: u64,
    /// No single wait is longer (a `Retry-After` beyond it is waited for no longer than this).
    pub max_delay_millis: u64,
    /// Total waiting a whole run may spend.
    pub budget_millis: u64,
}

impl Default for RetryPolicy {
    /// New objects usually replicate within seconds but can take minutes (Microsoft identity
    /// blog, "designing for eventual consistency"): up to 8 tries of a call, one run waits at
    /// most 3 minutes in all before it stops and offers to resume.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            base_delay_millis: 1_000,
            max_delay_millis: 30_000,
            budget_millis: 180_000,
        }
    }
}

impl RetryPolicy {
    /// The wait before try number `attempt + 1` after a refusal on try `attempt` (1-based),
    /// or `None` when the call is not to be retried. `jitter` is a uniformly random `u32`.
    pub fn delay_millis(&self, refusal: Refusal, attempt: u32, jitter: u32) -> Option<u64> {
        if attempt >= self.max_attempts {
            return None;
        }
        let backoff = || {
            let ceiling = self
                .base_delay_millis
                .saturating_mul(1 << attempt.saturating_sub(1).min(16))
                .min(self.max_delay_millis);
            // Half fixed, half random: spreads retries without ever retrying at once.
            ceiling / 2 + (ceiling / 2) * u64::from(jitter) / u64::from(u32::MAX)
        };
        match refusal {
            Refusal::Throttled {
                retry_after_millis: Some(after),
            } => Some(after.min(self.max_delay_millis)),
            Refusal::Throttled { .. } | Refusal::Replication => Some(backoff()),
            Refusal::AlreadyExists | Refusal::Final => None,
        }
    }
}

/// A small deterministic generator for jitter (xorshift32), seeded by the caller with real
/// randomness in the browser and a fixed seed in tests.
#[derive(Debug, Clone)]
pub struct Jitter(u32);

impl Jitter {
    pub fn new(seed: u32) -> Self {
        Jitter(seed.max(1))
    }

    pub fn next_u32(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn refused(status: u16, code: &str, message: &str) -> GraphReply {
        GraphReply::new(
            status,
            json!({ "error": { "code": code, "message": message } }),
        )
    }

    #[test]
    fn throttling_honours_retry_after_in_seconds_or_as_a_date() {
        let mut reply = refused(429, "TooManyRequests", "");
        reply.headers.push(("retry-after".into(), "7".into()));
        assert_eq!(
            classify(&reply, 0),
            Refusal::Throttled {
                retry_after_millis: Some(7_000)
            }
        );
        // 1994-11-06T08:49:37Z is 784111777 s after the epoch.
        let now = 784_111_770_000;
        assert_eq!(
            retry_after_millis("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(7_000)
        );
        assert_eq!(
            retry_after_millis("Sun, 06 Nov 1994 08:49:37 GMT", now + 60_000),
            Some(0)
        );
        assert_eq!(retry_after_millis("soon", now), None);
        for status in [503, 504] {
            assert_eq!(
                classify(&GraphReply::new(status, json!(null)), 0),
                Refusal::Throttled {
                    retry_after_millis: None
                }
            );
        }
    }

    #[test]
    fn graphs_replication_refusals_are_retried() {
        for reply in [
            refused(
                404,
                "Request_ResourceNotFound",
                "Resource 'x' does not exist or one of its queried reference-property objects are not present.",
            ),
            refused(400, "Request_BadRequest", "Not a valid reference update."),
            refused(
                400,
                "NoBackingApplicationObject",
                "The appId of the service principal does not reference a valid application object.",
            ),
            GraphReply::new(
                400,
                json!({ "error": { "code": "Request_BadRequest", "message": "The appId 'x' of the service principal does not reference a valid application object.",
                    "details": [{ "code": "NoBackingApplicationObject", "message": "..." }] } }),
            ),
        ] {
            assert_eq!(classify(&reply, 0), Refusal::Replication, "{reply:?}");
        }
    }

    #[test]
    fn duplicates_and_other_errors_are_not_retried() {
        let duplicate = refused(
            400,
            "Request_BadRequest",
            "Permission being assigned already exists on the object",
        );
        assert_eq!(classify(&duplicate, 0), Refusal::AlreadyExists);
        assert_eq!(
            classify(&GraphReply::new(409, json!(null)), 0),
            Refusal::AlreadyExists
        );
        let denied = refused(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges",
        );
        assert_eq!(classify(&denied, 0), Refusal::Final);
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay_millis(Refusal::Final, 1, 0), None);
        assert_eq!(policy.delay_millis(Refusal::AlreadyExists, 1, 0), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_stops_after_the_last_attempt() {
        let policy = RetryPolicy {
            max_attempts: 4,
            base_delay_millis: 1_000,
            max_delay_millis: 3_000,
            budget_millis: 60_000,
        };
        let wait = |attempt, jitter| policy.delay_millis(Refusal::Replication, attempt, jitter);
        assert_eq!(wait(1, 0), Some(500));
        assert_eq!(wait(1, u32::MAX), Some(1_000));
        assert_eq!(wait(2, u32::MAX), Some(2_000));
        assert_eq!(wait(3, u32::MAX), Some(3_000), "capped");
        assert_eq!(wait(4, 0), None, "four tries in all");
        let throttled = Refusal::Throttled {
            retry_after_millis: Some(90_000),
        };
        assert_eq!(policy.delay_millis(throttled, 1, 0), Some(3_000));
    }

    #[test]
    fn jitter_varies_and_repeats_for_a_seed() {
        let mut a = Jitter::new(7);
        let mut b = Jitter::new(7);
        let first: Vec<u32> = (0..4).map(|_| a.next_u32()).collect();
        assert_eq!(first, (0..4).map(|_| b.next_u32()).collect::<Vec<_>>());
        assert!(first.windows(2).all(|w| w[0] != w[1]));
        assert_ne!(Jitter::new(0).next_u32(), 0);
    }
}
