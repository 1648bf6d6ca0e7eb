//! [`SignInError`]: everything that can stop a sign-in, each with words for the admin that say
//! what happened and what to do next.

use core::fmt;

use super::entra::{EntraErrorDetails, EntraProblem};
use crate::graph::GraphError;

/// Why a sign-in failed. `Display` is written for the admin at the keyboard: what happened,
/// then what to do, and for Entra errors a reference that support can look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    /// A setting this page was built with is unusable (a hosting problem, not the admin's).
    InvalidSetting {
        /// Which setting.
        setting: &'static str,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// The redirect response carried another `state` (or none): it was not for this sign-in.
    StateMismatch,
    /// The redirect response could not be read as an OAuth response.
    MalformedResponse {
        /// What was wrong with it.
        problem: &'static str,
    },
    /// Entra ID refused, at the authorize step or at the token endpoint.
    Entra {
        /// What the error means for the admin.
        problem: EntraProblem,
        /// What Entra said, kept for support.
        details: Box<EntraErrorDetails>,
    },
    /// The token endpoint answered with an unexpected HTTP status and no OAuth error body.
    UnexpectedStatus {
        /// The HTTP status code.
        status: u16,
    },
    /// The token endpoint's answer was not a usable token response.
    InvalidTokenResponse {
        /// What was wrong with it.
        problem: &'static str,
    },
    /// The ID token failed a check.
    InvalidIdToken(IdTokenProblem),
    /// Microsoft Graph's answer about the signed-in user could not be used.
    UnexpectedGraphAnswer {
        /// What was wrong with it.
        problem: &'static str,
    },
    /// A personal Microsoft account signed in, not a work account.
    PersonalAccount,
    /// A guest signed in: the account's home is another tenant.
    GuestAccount {
        /// The identity provider (home tenant issuer) named by the token, when it names one.
        home_issuer: Option<String>,
    },
    /// A request got no HTTP answer: offline, a proxy or firewall, or the host is down.
    Unreachable {
        /// The host that did not answer.
        host: String,
        /// What the browser said.
        detail: String,
    },
    /// Microsoft Graph refused a call that asks who signed in.
    Graph(Box<GraphError>),
    /// The page was set up for one tenant and the admin signed in to another.
    WrongTenant {
        /// The tenant id this page was set up for.
        expected: String,
        /// The tenant id of the account that signed in.
        actual: String,
    },
}

/// A failed ID token check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdTokenProblem {
    /// Not a three-part JWT with base64url JSON header and payload.
    Malformed,
    /// The header says `alg: none`.
    Unsigned,
    /// `iss` is not `{sign-in base}/{tid}/v2.0`.
    WrongIssuer,
    /// `aud` is not our client id.
    WrongAudience,
    /// `exp` is in the past (beyond the allowed clock skew).
    Expired,
    /// `nbf` is in the future (beyond the allowed clock skew).
    NotYetValid,
    /// `iat` is in the future (beyond the allowed clock skew).
    IssuedInFuture,
    /// `nonce` is missing or not the one this sign-in sent.
    NonceMismatch,
    /// `tid` is missing or not a tenant id.
    MissingTenant,
}

impl IdTokenProblem {
    /// True when the local clock is the likely cause.
    pub fn is_clock_problem(self) -> bool {
        matches!(
            self,
            Self::Expired | Self::NotYetValid | Self::IssuedInFuture
        )
    }
}

impl fmt::Display for IdTokenProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Malformed => "the ID token could not be read",
            Self::Unsigned => "the ID token is unsigned",
            Self::WrongIssuer => "the ID token comes from an unexpected issuer",
            Self::WrongAudience => "the ID token was issued to another app",
            Self::Expired => "the ID token has expired",
            Self::NotYetValid => "the ID token is not valid yet",
            Self::IssuedInFuture => "the ID token was issued in the future",
            Self::NonceMismatch => "the ID token belongs to another sign-in",
            Self::MissingTenant => "the ID token names no tenant",
        })
    }
}

impl SignInError {
    /// True when simply signing in again may succeed (nothing needs fixing first).
    pub fn retry_may_help(&self) -> bool {
        match self {
            Self::StateMismatch
            | Self::MalformedResponse { .. }
            | Self::UnexpectedStatus { .. } => true,
            Self::InvalidTokenResponse { .. } | Self::UnexpectedGraphAnswer { .. } => true,
            Self::InvalidIdToken(problem) => !problem.is_clock_problem(),
            Self::Entra { problem, .. } => problem.retry_may_help(),
            Self::InvalidSetting { .. }
            | Self::PersonalAccount
            | Self::GuestAccount { .. }
            | Self::WrongTenant { .. } => false,
            Self::Unreachable { .. } => true,
            Self::Graph(error) => error.retry_may_help(),
        }
    }

    /// The Entra details (error, codes, trace and correlation ids), when Entra refused.
    pub fn entra_details(&self) -> Option<&EntraErrorDetails> {
        match self {
            Self::Entra { details, .. } => Some(details),
            _ => None,
        }
    }
}

const HOSTING: &str = "The provider that hosts this page must fix its setup; please tell them.";
const WORK_ACCOUNT: &str = "Sign in with a work account of the tenant you want to protect.";

impl SignInError {
    /// What the page says when it cannot start a sign-in: only a setting it cannot use makes
    /// `PendingSignIn::start` fail. Apart from `Display` so that the first screen does not carry
    /// the words of every other error (the registration worker, which meets them, does: README,
    /// "Download size").
    pub fn starting_words(&self) -> String {
        match self {
            Self::InvalidSetting { setting, problem } => invalid_setting(setting, problem),
            _ => "The sign-in could not start. Reload the page and try again; if it keeps \
                  happening, tell the provider that hosts this page."
                .to_owned(),
        }
    }
}

fn invalid_setting(setting: &str, problem: &str) -> String {
    format!("This page is set up wrongly ({setting}: {problem}). {HOSTING}")
}

impl fmt::Display for SignInError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidSetting { setting, problem } => {
                f.write_str(&invalid_setting(setting, problem))
            }
            Self::StateMismatch => f.write_str(
                "This sign-in response was not for this sign-in (it may be old, from another tab, \
                 or forged), so it was ignored. Please try again.",
            ),
            Self::MalformedResponse { problem } => write!(
                f,
                "The sign-in response could not be read ({problem}). Please try again; if it keeps \
                 happening, tell the provider that hosts this page."
            ),
            Self::Entra { problem, details } => {
                problem.write_message(f, details)?;
                details.write_reference(f)
            }
            Self::UnexpectedStatus { status } => write!(
                f,
                "Microsoft's sign-in service gave an unexpected answer (HTTP {status}). Wait a \
                 moment and try again; if it keeps happening, tell the provider that hosts this page."
            ),
            Self::InvalidTokenResponse { problem } => write!(
                f,
                "Microsoft's sign-in service sent an answer this page could not use ({problem}). \
                 Please try again; if it keeps happening, tell the provider that hosts this page."
            ),
            Self::InvalidIdToken(problem) if problem.is_clock_problem() => write!(
                f,
                "The sign-in could not be verified: {problem}. Check that this computer's date, \
                 time and time zone are right, then sign in again."
            ),
            Self::InvalidIdToken(problem) => {
                write!(
                    f,
                    "The sign-in could not be verified: {problem}. Please sign in again."
                )
            }
            Self::UnexpectedGraphAnswer { problem } => write!(
                f,
                "Microsoft Graph gave an answer about your account this page could not use \
                 ({problem}). Please try again; if it keeps happening, tell the provider that \
                 hosts this page."
            ),
            Self::PersonalAccount => {
                write!(
                    f,
                    "You signed in with a personal Microsoft account. {WORK_ACCOUNT}"
                )
            }
            Self::GuestAccount { .. } => write!(
                f,
                "You signed in as a guest of this organization: your account belongs to another \
                 tenant, and a guest cannot register apps for it. {WORK_ACCOUNT}"
            ),
            Self::Unreachable { host, detail } => write!(
                f,
                "{host} did not answer ({detail}). Check your network connection, and that a \
                 proxy or firewall lets this page reach it; then try again."
            ),
            Self::Graph(error) => write!(f, "{error}"),
            Self::WrongTenant { expected, actual } => write!(
                f,
                "You signed in to tenant {actual}, but this page was set up for tenant {expected}. \
                 Sign in with an account of tenant {expected}, or ask your provider for the right link."
            ),
        }
    }
}

impl std::error::Error for SignInError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_says_a_bad_setting_in_the_same_words_and_anything_else_in_general_ones() {
        let setting = SignInError::InvalidSetting {
            setting: "redirect URI",
            problem: "is not https",
        };
        assert_eq!(setting.starting_words(), setting.to_string());
        let other = SignInError::StateMismatch.starting_words();
        assert!(other.contains("could not start"), "{other}");
    }

    #[test]
    fn state_mismatch_says_try_again() {
        let text = SignInError::StateMismatch.to_string();
        assert!(text.contains("not for this sign-in"));
        assert!(text.contains("try again"));
        assert!(SignInError::StateMismatch.retry_may_help());
    }

    #[test]
    fn account_errors_say_which_account_to_use() {
        for error in [
            SignInError::PersonalAccount,
            SignInError::GuestAccount { home_issuer: None },
        ] {
            assert!(
                error
                    .to_string()
                    .contains("work account of the tenant you want to protect")
            );
            assert!(!error.retry_may_help());
        }
    }

    #[test]
    fn clock_problems_mention_the_clock() {
        let text = SignInError::InvalidIdToken(IdTokenProblem::Expired).to_string();
        assert!(text.contains("clock") || text.contains("time"));
        let text = SignInError::InvalidIdToken(IdTokenProblem::NonceMismatch).to_string();
        assert!(text.contains("sign in again"));
    }

    #[test]
    fn wrong_tenant_names_both_tenants() {
        let error = SignInError::WrongTenant {
            expected: "aaa".into(),
            actual: "bbb".into(),
        };
        let text = error.to_string();
        assert!(text.contains("aaa") && text.contains("bbb"));
    }
}
