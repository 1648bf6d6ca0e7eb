//! Reading the response Entra sends back to the redirect page, from the URL fragment
//! (`response_mode=fragment`) or, failing that, the query string.

use core::fmt;

use super::entra::EntraErrorDetails;
use super::errors::SignInError;

/// Longest response we read; Entra's codes are a few kilobytes at most.
const MAX_RESPONSE_LEN: usize = 16 * 1024;

/// The parameters that make up an authorization response.
const RESPONSE_PARAMETERS: [&str; 6] = [
    "code",
    "state",
    "session_state",
    "error",
    "error_description",
    "error_subcode",
];

/// What came back to the redirect page: a code or an error, with the `state` to check.
#[derive(Clone, PartialEq, Eq)]
pub enum AuthorizationResponse {
    /// Success: an authorization code to redeem once.
    Code {
        /// The authorization code (a short-lived secret).
        code: String,
        /// The `state` sent back, `None` if missing.
        state: Option<String>,
        /// Entra's `session_state`, if sent (not used for security).
        session_state: Option<String>,
    },
    /// Entra refused; `details` holds `error`, `error_description`, `error_subcode` and the
    /// AADSTS codes and ids found in the description.
    Error {
        /// What Entra said.
        details: Box<EntraErrorDetails>,
        /// The `state` sent back, `None` if missing.
        state: Option<String>,
    },
}

impl fmt::Debug for AuthorizationResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Code { session_state, .. } => f
                .debug_struct("Code")
                .field("code", &"<redacted>")
                .field("state", &"<redacted>")
                .field("session_state", session_state)
                .finish(),
            Self::Error { details, .. } => f
                .debug_struct("Error")
                .field("details", details)
                .finish_non_exhaustive(),
        }
    }
}

impl AuthorizationResponse {
    /// Reads the response from the full redirect URL: the fragment when it holds response
    /// parameters, otherwise the query string.
    pub fn from_redirect_url(url: &str) -> Result<Self, SignInError> {
        let (before_fragment, fragment) = match url.split_once('#') {
            Some((before, fragment)) => (before, Some(fragment)),
            None => (url, None),
        };
        let query = before_fragment.split_once('?').map(|(_, query)| query);
        let has_response = |part: &&str| {
            form_urlencoded::parse(part.as_bytes())
                .any(|(name, _)| RESPONSE_PARAMETERS.contains(&name.as_ref()))
        };
        match fragment.filter(has_response).or(query.filter(has_response)) {
            Some(parameters) => Self::from_parameters(parameters),
            None => Err(malformed("the address holds no sign-in response")),
        }
    }

    /// Reads the response from the parameters alone (`code=...&state=...`), as taken from
    /// `location.hash` or `location.search`; one leading `#` or `?` is ignored.
    pub fn from_parameters(parameters: &str) -> Result<Self, SignInError> {
        let parameters = parameters.strip_prefix(['#', '?']).unwrap_or(parameters);
        if parameters.len() > MAX_RESPONSE_LEN {
            return Err(malformed("the response is too long"));
        }
        let mut values: [Option<String>; 6] = Default::default();
        for (name, value) in form_urlencoded::parse(parameters.as_bytes()) {
            let Some(index) = RESPONSE_PARAMETERS.iter().position(|known| *known == name) else {
                continue; // Entra may add parameters; only the known ones matter.
            };
            if values[index].replace(value.into_owned()).is_some() {
                return Err(malformed("a response parameter appears twice"));
            }
        }
        let [
            code,
            state,
            session_state,
            error,
            error_description,
            error_subcode,
        ] = values;
        match (code, error) {
            (Some(_), Some(_)) => Err(malformed("it holds both a code and an error")),
            (None, None) => Err(malformed("it holds neither a code nor an error")),
            (Some(code), None) if code.is_empty() => Err(malformed("the code is empty")),
            (Some(code), None) => Ok(Self::Code {
                code,
                state,
                session_state,
            }),
            (None, Some(error)) if error.is_empty() => Err(malformed("the error is empty")),
            (None, Some(error)) => Ok(Self::Error {
                details: Box::new(EntraErrorDetails::from_redirect(
                    error,
                    error_description,
                    error_subcode,
                )),
                state,
            }),
        }
    }

    /// The `state` that came back, if any.
    pub fn state(&self) -> Option<&str> {
        match self {
            Self::Code { state, .. } | Self::Error { state, .. } => state.as_deref(),
        }
    }
}

fn malformed(problem: &'static str) -> SignInError {
    SignInError::MalformedResponse { problem }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::entra::EntraProblem;

    #[test]
    fn code_from_the_fragment() {
        let url =
            "https://app.example.com/redirect.html#code=0.AAAA-bb_cc&state=abc&session_state=s1";
        let response = AuthorizationResponse::from_redirect_url(url).expect("a code");
        assert_eq!(
            response,
            AuthorizationResponse::Code {
                code: "0.AAAA-bb_cc".into(),
                state: Some("abc".into()),
                session_state: Some("s1".into()),
            }
        );
    }

    #[test]
    fn code_from_the_query_when_there_is_no_fragment() {
        let url = "https://app.example.com/redirect.html?code=c1&state=abc";
        let response = AuthorizationResponse::from_redirect_url(url).expect("a code");
        assert_eq!(response.state(), Some("abc"));
    }

    #[test]
    fn fragment_wins_over_an_unrelated_query() {
        let url = "https://app.example.com/r?v=2#code=c1&state=abc";
        assert!(matches!(
            AuthorizationResponse::from_redirect_url(url),
            Ok(AuthorizationResponse::Code { code, .. }) if code == "c1"
        ));
        let url = "https://app.example.com/r?code=c1&state=abc#section";
        assert!(AuthorizationResponse::from_redirect_url(url).is_ok());
    }

    #[test]
    fn error_with_cancel_subcode() {
        let parameters = "#error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent+to+access+the+app.%0d%0aTrace+ID%3A+t1%0d%0aCorrelation+ID%3A+c1%0d%0aTimestamp%3A+2026-11-22+00%3A00%3A00Z&error_subcode=cancel&state=abc";
        let response = AuthorizationResponse::from_parameters(parameters).expect("an error");
        let AuthorizationResponse::Error { details, state } = response else {
            panic!("not an error")
        };
        assert_eq!(state.as_deref(), Some("abc"));
        assert_eq!(details.error, "access_denied");
        assert_eq!(details.error_subcode.as_deref(), Some("cancel"));
        assert_eq!(details.error_codes, vec![65004]);
        assert_eq!(details.correlation_id.as_deref(), Some("c1"));
        assert_eq!(details.problem(), EntraProblem::Cancelled);
    }

    #[test]
    fn malformed_responses() {
        let cases = [
            "",
            "#",
            "state=abc",
            "code=c1&error=access_denied&state=abc",
            "code=&state=abc",
            "error=&state=abc",
            "code=c1&code=c2&state=abc",
            "code=c1&state=abc&state=evil",
            "code=c1%ZZ&state=abc&state=x",
        ];
        for case in cases {
            let result = AuthorizationResponse::from_parameters(case);
            assert!(
                matches!(result, Err(SignInError::MalformedResponse { .. })),
                "{case:?}: {result:?}"
            );
        }
        let long = format!("code={}&state=abc", "a".repeat(MAX_RESPONSE_LEN));
        assert!(AuthorizationResponse::from_parameters(&long).is_err());
        assert!(
            AuthorizationResponse::from_redirect_url("https://app.example.com/redirect.html")
                .is_err()
        );
        assert!(
            AuthorizationResponse::from_redirect_url("https://app.example.com/r?v=1#top").is_err()
        );
    }

    #[test]
    fn missing_state_is_kept_as_none() {
        let response = AuthorizationResponse::from_parameters("code=c1").expect("a code");
        assert_eq!(response.state(), None);
    }

    #[test]
    fn percent_encoding_round_trips() {
        let state = "a+b/c=d&e f%~é";
        let code = "0.AX-y_z+/==";
        let encoded = form_urlencoded::Serializer::new(String::new())
            .append_pair("code", code)
            .append_pair("state", state)
            .finish();
        let response = AuthorizationResponse::from_parameters(&encoded).expect("a code");
        assert_eq!(response.state(), Some(state));
        assert!(matches!(response, AuthorizationResponse::Code { code: c, .. } if c == code));
        // %20 (encodeURIComponent) and + (form encoding) both decode to a space.
        let response =
            AuthorizationResponse::from_parameters("code=c&state=a%20b+c").expect("a code");
        assert_eq!(response.state(), Some("a b c"));
    }

    #[test]
    fn unknown_parameters_are_ignored() {
        let response =
            AuthorizationResponse::from_parameters("code=c1&state=abc&client_info=xyz&x=1&x=2");
        assert!(response.is_ok());
    }

    #[test]
    fn debug_redacts_the_code() {
        let response = AuthorizationResponse::from_parameters("code=secretcode&state=secretstate")
            .expect("a code");
        let debug = format!("{response:?}");
        assert!(!debug.contains("secretcode") && !debug.contains("secretstate"));
    }
}
