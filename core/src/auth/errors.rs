//! [`SignInError`]: everything that can stop a sign-in, each with words for the admin that say
//! what happened and what to do next.

use core::fmt;

use super::entra::{EntraErrorDetails, EntraProblem};
use crate::graph::GraphError;
use crate::wizard::words::{EN, EN_SIGN_IN_FAILURES, SignIn, SignInFailures, Words, fill};

/// Why a sign-in failed. [`SignInError::says`] is written for the admin at the keyboard: what
/// happened, then what to do, and for Entra errors a reference that support can look up.
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

impl IdTokenProblem {
    /// What failed, as a clause.
    pub fn says(self, w: &SignInFailures) -> &'static str {
        match self {
            Self::Malformed => w.id_malformed,
            Self::Unsigned => w.id_unsigned,
            Self::WrongIssuer => w.id_wrong_issuer,
            Self::WrongAudience => w.id_wrong_audience,
            Self::Expired => w.id_expired,
            Self::NotYetValid => w.id_not_yet_valid,
            Self::IssuedInFuture => w.id_issued_in_future,
            Self::NonceMismatch => w.id_nonce_mismatch,
            Self::MissingTenant => w.id_missing_tenant,
        }
    }
}

impl fmt::Display for IdTokenProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.says(&EN_SIGN_IN_FAILURES))
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

impl SignInError {
    /// What the page says when it cannot start a sign-in: only a setting it cannot use makes
    /// `PendingSignIn::start` fail. Apart from [`SignInError::says`] so that the first screen
    /// carries only its own words (`SignIn`), not those of every other error (the registration
    /// worker, which meets them, does: README, "Download size").
    pub fn starting_words(&self, w: &SignIn) -> String {
        match self {
            Self::InvalidSetting { setting, problem } => invalid_setting(w, setting, problem),
            _ => w.cannot_start.to_owned(),
        }
    }

    /// What happened and what to do, in the language of `words`; for Entra errors, a reference
    /// that support can look up.
    pub fn says(&self, words: &Words) -> String {
        let w = &words.sign_in_failures;
        let problem = |template, problem: &str| fill(template, &[("problem", problem)]);
        match self {
            Self::InvalidSetting { setting, problem } => {
                invalid_setting(&words.sign_in, setting, problem)
            }
            Self::StateMismatch => w.state_mismatch.to_owned(),
            Self::MalformedResponse { problem: what } => problem(w.malformed_response, what),
            Self::Entra { problem, details } => {
                [problem.says(w, details), details.reference(w)].concat()
            }
            Self::UnexpectedStatus { status } => {
                fill(w.unexpected_status, &[("status", &status.to_string())])
            }
            Self::InvalidTokenResponse { problem: what } => problem(w.invalid_token_response, what),
            Self::InvalidIdToken(what) if what.is_clock_problem() => {
                problem(w.id_token_clock, what.says(w))
            }
            Self::InvalidIdToken(what) => problem(w.id_token, what.says(w)),
            Self::UnexpectedGraphAnswer { problem: what } => {
                problem(w.unexpected_graph_answer, what)
            }
            Self::PersonalAccount => fill(w.personal_account, &[("then", w.work_account)]),
            Self::GuestAccount { .. } => fill(w.guest_account, &[("then", w.work_account)]),
            Self::Unreachable { host, detail } => {
                fill(w.unreachable, &[("host", host), ("detail", detail)])
            }
            // Graph's own words (`graph`), in English.
            Self::Graph(error) => error.to_string(),
            Self::WrongTenant { expected, actual } => fill(
                w.wrong_tenant,
                &[("expected", expected), ("actual", actual)],
            ),
        }
    }
}

fn invalid_setting(w: &SignIn, setting: &str, problem: &str) -> String {
    fill(
        w.set_up_wrongly,
        &[("setting", setting), ("problem", problem)],
    )
}

/// Written for the admin at the keyboard, in English.
impl fmt::Display for SignInError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.says(&EN))
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
        assert_eq!(setting.starting_words(&EN.sign_in), setting.to_string());
        let other = SignInError::StateMismatch.starting_words(&EN.sign_in);
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
