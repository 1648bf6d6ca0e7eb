//! Why a count of the preview is unknown: a kind with its facts, said in the admin's language
//! from the `Preview` words (`Display`: English, for logs and tests).

use core::fmt;

use super::calls::SITE_PAGES_MAX;
use super::count::Counted;
use crate::wizard::words::{EN_PREVIEW, Preview, fill};

/// Why there is no count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unknown {
    /// Graph could not be reached; `detail` is the browser's own words.
    Unreachable { counted: Counted, detail: String },
    /// Graph answered with something other than a number.
    NotANumber(Counted),
    /// Graph refused; `reference` holds the ids support asks for (empty when there are none).
    Refused {
        counted: Counted,
        refusal: Refusal,
        reference: String,
    },
    /// The sites search's page was not a list.
    SitesUnreadable,
    /// The sites search's next page pointed away from Graph; `so_far` sites were seen.
    SitesElsewhere { so_far: u64 },
    /// Graph gave no answer to a call.
    NoAnswer,
    /// Graph's `$batch` answer lacked a part.
    BatchIncomplete,
    /// More sites than [`SITE_PAGES_MAX`] pages hold.
    TooManySites { so_far: u64 },
}

/// How Graph refused a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    MissingPermission,
    SignInExpired,
    Throttled,
    Other,
}

impl Counted {
    /// What is counted, in the admin's words ("users", "mailboxes").
    pub fn says(self, w: &Preview) -> &'static str {
        match self {
            Counted::Users => w.users,
            Counted::Groups => w.groups,
            Counted::Mailboxes => w.mailboxes,
            Counted::Sites => w.sites,
        }
    }
}

impl Unknown {
    /// Why there is no count, and what the admin can do.
    pub fn says(&self, w: &Preview) -> String {
        let what = |counted: &Counted| ("what", counted.says(w));
        match self {
            Unknown::Unreachable { counted, detail } => {
                fill(w.unreachable, &[what(counted), ("detail", detail)])
            }
            Unknown::NotANumber(counted) => fill(w.not_a_number, &[what(counted)]),
            Unknown::Refused {
                counted,
                refusal,
                reference,
            } => {
                let template = match refusal {
                    Refusal::MissingPermission => w.missing_permission,
                    Refusal::SignInExpired => w.sign_in_expired,
                    Refusal::Throttled => w.throttled,
                    Refusal::Other => w.refused,
                };
                let words = fill(
                    template,
                    &[what(counted), ("permission", counted.permission())],
                );
                if reference.is_empty() {
                    words
                } else {
                    format!("{words} ({reference})")
                }
            }
            Unknown::SitesUnreadable => w.sites_unreadable.to_owned(),
            Unknown::SitesElsewhere { so_far } => {
                fill(w.sites_elsewhere, &[("so_far", &so_far.to_string())])
            }
            Unknown::NoAnswer => w.no_answer.to_owned(),
            Unknown::BatchIncomplete => w.batch_incomplete.to_owned(),
            Unknown::TooManySites { so_far } => fill(
                w.too_many_sites,
                &[
                    ("so_far", &so_far.to_string()),
                    ("pages", &SITE_PAGES_MAX.to_string()),
                ],
            ),
        }
    }
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.says(&EN_PREVIEW))
    }
}
