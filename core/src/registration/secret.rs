//! The client secret: its name, its value (memory only) and which old secrets a run removes.
//!
//! # The secrets rule
//!
//! `addPassword` is not idempotent and Graph shows a secret's value once, in its answer. So:
//!
//! - Every secret this product adds is named `M365Registrar run <run id>` ([`secret_name`]).
//! - A run hands a secret's value to the admin only after it has recorded the secret's keyId
//!   in the application's `tags` as `M365Registrar:verified:<keyId>` ([`verified_tag`]), in
//!   the verification round trip. Until then the value exists only in this run's memory.
//! - A later run removes (`removePassword`) every secret named by this product whose keyId is
//!   not recorded and whose `startDateTime` (set by the run that added it, to that moment) is
//!   more than [`UNFINISHED_AFTER_MILLIS`] (an hour) ago: its run never finished, so no one
//!   holds its value and no backup server can be using it. A younger unrecorded secret may
//!   belong to a run still going (two admins, two tabs), which would record and hand it out a
//!   moment later: it is left alone (a run takes minutes at most: its waiting budget is three).
//!   A secret whose start cannot be read is left alone too. Recorded secrets are never
//!   removed: a backup server may be using them (the admin retires them in Entra when the
//!   server has the new one).
//! - Secrets not named by this product (added by hand) are never touched.
//! - Within one run, an `addPassword` whose answer was lost is never sent again blindly: the
//!   run lists the app's secrets, removes those named with its own run id (their value is
//!   lost) and adds a new one.
//!
//! Tags of keyIds no longer on the app are dropped when the run records its own. The record is
//! written into the app's `tags` as read again just before (in the grants round trip), not as
//! discovery saw them, so that records another run wrote meanwhile are kept.

use core::fmt;

use super::facts::PasswordCredential;
use super::time::millis_from_iso;

/// The start of every secret name this product writes.
pub const SECRET_NAME_PREFIX: &str = "M365Registrar run ";
/// The start of the tag that records a secret whose value was handed out.
pub const VERIFIED_TAG_PREFIX: &str = "M365Registrar:verified:";

/// The display name of this run's secret.
pub fn secret_name(run_id: &str) -> String {
    format!("{SECRET_NAME_PREFIX}{run_id}")
}

/// The tag recording that the secret `key_id` was handed out.
pub fn verified_tag(key_id: &str) -> String {
    format!("{VERIFIED_TAG_PREFIX}{}", key_id.to_ascii_lowercase())
}

/// How old an unrecorded secret of this product must be (by its `startDateTime`) to count as
/// left by a run that never finished: far longer than a run can take.
pub const UNFINISHED_AFTER_MILLIS: u64 = 60 * 60 * 1000;

/// Secrets left by runs that never finished: named by this product, keyId not recorded, and
/// started more than [`UNFINISHED_AFTER_MILLIS`] before `now_millis`.
pub fn unfinished<'a>(
    credentials: &'a [PasswordCredential],
    tags: &[String],
    now_millis: u64,
) -> Vec<&'a PasswordCredential> {
    credentials
        .iter()
        .filter(|c| c.display_name.starts_with(SECRET_NAME_PREFIX))
        .filter(|c| !tags.contains(&verified_tag(&c.key_id)))
        .filter(|c| {
            millis_from_iso(&c.start_date_time)
                .is_some_and(|start| now_millis.saturating_sub(start) > UNFINISHED_AFTER_MILLIS)
        })
        .collect()
}

/// The app's tags once `recorded` (the keyIds of the secret and the certificate this run hands
/// out) are recorded: other tags kept, records of credentials no longer on the app (not among
/// `live`, the keyIds of its secrets and certificates) dropped.
pub fn tags_with_verified(tags: &[String], live: &[String], recorded: &[String]) -> Vec<String> {
    let still_there = |tag: &str| live.iter().any(|key_id| verified_tag(key_id) == tag);
    let mut kept: Vec<String> = tags
        .iter()
        .filter(|tag| !tag.starts_with(VERIFIED_TAG_PREFIX) || still_there(tag))
        .cloned()
        .collect();
    for key_id in recorded {
        let tag = verified_tag(key_id);
        if !kept.contains(&tag) {
            kept.push(tag);
        }
    }
    kept
}

/// A secret's value: in memory only; `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretValue(String);

impl SecretValue {
    pub fn new(value: String) -> Self {
        SecretValue(value)
    }

    /// The value, for the hand-off to the backup server and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretValue(hidden)")
    }
}

/// The secret this run added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSecret {
    pub key_id: String,
    pub display_name: String,
    pub value: SecretValue,
    /// When it expires (`endDateTime`), as Graph wrote it.
    pub expires: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_795_000_000_000;

    fn credential(key_id: &str, name: &str) -> PasswordCredential {
        started(key_id, name, "2026-01-01T00:00:00Z")
    }

    fn started(key_id: &str, name: &str, start: &str) -> PasswordCredential {
        PasswordCredential {
            key_id: key_id.into(),
            display_name: name.into(),
            start_date_time: start.into(),
            end_date_time: String::new(),
        }
    }

    #[test]
    fn only_unrecorded_secrets_of_this_product_are_unfinished() {
        let credentials = vec![
            credential("k1", "M365Registrar run aaaa"),
            credential("k2", "M365Registrar run bbbb"),
            credential("k3", "Added by hand"),
        ];
        let tags = vec![verified_tag("K1"), "other".to_owned()];
        let stale: Vec<&str> = unfinished(&credentials, &tags, NOW)
            .iter()
            .map(|c| c.key_id.as_str())
            .collect();
        assert_eq!(stale, ["k2"]);
    }

    #[test]
    fn an_unrecorded_secret_younger_than_an_hour_may_be_a_running_runs_and_is_kept() {
        let hour = UNFINISHED_AFTER_MILLIS;
        let at = |millis: u64| super::super::time::iso_from_millis(millis);
        let credentials = vec![
            started("young", "M365Registrar run aaaa", &at(NOW - hour + 60_000)),
            started("old", "M365Registrar run bbbb", &at(NOW - hour - 60_000)),
            started("unknown", "M365Registrar run cccc", "soon"),
        ];
        let stale: Vec<&str> = unfinished(&credentials, &[], NOW)
            .iter()
            .map(|c| c.key_id.as_str())
            .collect();
        assert_eq!(stale, ["old"]);
    }

    #[test]
    fn recording_keeps_other_tags_and_drops_records_of_removed_secrets() {
        let live = vec!["k1".to_owned(), "c1".to_owned()];
        let tags = vec![
            "HideApp".to_owned(),
            verified_tag("k1"),
            verified_tag("c1"),
            verified_tag("gone"),
        ];
        assert_eq!(
            tags_with_verified(&tags, &live, &["k9".to_owned(), "c9".to_owned()]),
            vec![
                "HideApp".to_owned(),
                verified_tag("k1"),
                verified_tag("c1"),
                verified_tag("k9"),
                verified_tag("c9")
            ]
        );
    }

    #[test]
    fn a_secret_value_never_shows_in_debug_output() {
        let secret = NewSecret {
            key_id: "k".into(),
            display_name: secret_name("r"),
            value: SecretValue::new("hunter2~8Q".into()),
            expires: "2027-01-01T00:00:00Z".into(),
        };
        assert!(!format!("{secret:?}").contains("hunter2"));
        assert_eq!(secret.value.expose(), "hunter2~8Q");
    }
}
