//! Samples of every way a sign-in fails, so each sentence is on some screen of
//! `tests_language` (but Microsoft Graph's own words, `graph`, said in English).

use crate::auth::{EntraErrorDetails, IdTokenProblem, SignInError};

/// Entra's answer with `code`, its ids and time, as the token endpoint sends them.
fn entra(code: u32) -> SignInError {
    let description = format!(
        "AADSTS{code}: Something happened.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2026-11-22 00:00:00Z"
    );
    EntraErrorDetails::from_redirect("access_denied".into(), Some(description), None).into()
}

pub fn errors() -> Vec<SignInError> {
    let codes = [
        65004, 90094, 65001, 50020, 54005, 70008, 50011, 700016, 9002326, 50076, 53003, 500011,
        90002, 50194, 90006, 12345,
    ];
    let id_tokens = [
        IdTokenProblem::Malformed,
        IdTokenProblem::Unsigned,
        IdTokenProblem::WrongIssuer,
        IdTokenProblem::WrongAudience,
        IdTokenProblem::Expired,
        IdTokenProblem::NotYetValid,
        IdTokenProblem::IssuedInFuture,
        IdTokenProblem::NonceMismatch,
        IdTokenProblem::MissingTenant,
    ];
    let mut errors = vec![
        SignInError::InvalidSetting {
            setting: "redirect URI",
            problem: "p",
        },
        SignInError::StateMismatch,
        SignInError::MalformedResponse { problem: "p" },
        SignInError::UnexpectedStatus { status: 500 },
        SignInError::InvalidTokenResponse { problem: "p" },
        SignInError::UnexpectedGraphAnswer { problem: "p" },
        SignInError::PersonalAccount,
        SignInError::GuestAccount { home_issuer: None },
        SignInError::Unreachable {
            host: "login.microsoftonline.com".into(),
            detail: "d".into(),
        },
        SignInError::WrongTenant {
            expected: "a".into(),
            actual: "b".into(),
        },
    ];
    errors.extend(codes.map(entra));
    errors.extend(id_tokens.map(SignInError::InvalidIdToken));
    errors
}
