//! Entra ID error responses (authorize redirect and token endpoint) and what their AADSTS
//! codes mean for the admin.
//!
//! Code meanings: Microsoft Entra "authentication and authorization error codes" reference
//! (https://learn.microsoft.com/entra/identity-platform/reference-error-codes); the consent
//! codes a user who may not consent meets (90093, 90094, 900941) from "Unexpected error when
//! performing consent to an application"
//! (https://learn.microsoft.com/entra/identity/enterprise-apps/application-sign-in-unexpected-user-consent-error);
//! AADSTS9002326 from the error text Entra returns ("Cross-origin token redemption is permitted
//! only for the 'Single-Page Application' client-type"). Microsoft warns that codes and texts
//! change: unknown codes keep Entra's own words and the trace and correlation ids.

use serde::Deserialize;

use super::errors::SignInError;
use crate::wizard::words::{SignInFailures, fill};

/// What Entra said, as received: the OAuth error, its description and Entra's extras.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct EntraErrorDetails {
    /// The OAuth `error` value (`invalid_grant`, `access_denied`, ...).
    pub error: String,
    /// `error_description`, usually `AADSTSnnnn: text` followed by trace lines.
    #[serde(default)]
    pub error_description: Option<String>,
    /// `error_subcode` (authorize responses), like `cancel`.
    #[serde(default)]
    pub error_subcode: Option<String>,
    /// `error_codes` (token responses); filled from the description when absent.
    #[serde(default)]
    pub error_codes: Vec<u32>,
    /// `trace_id`, for Microsoft support.
    #[serde(default)]
    pub trace_id: Option<String>,
    /// `correlation_id`, for Microsoft support and the tenant's sign-in logs.
    #[serde(default)]
    pub correlation_id: Option<String>,
    /// `timestamp` of the error.
    #[serde(default)]
    pub timestamp: Option<String>,
}

impl EntraErrorDetails {
    /// Parses the JSON error body of the token endpoint. `None` if it is not an OAuth error.
    pub fn from_json(body: &str) -> Option<Self> {
        let mut details: Self = serde_json::from_str(body).ok()?;
        if details.error.is_empty() {
            return None;
        }
        details.fill_from_description();
        Some(details)
    }

    /// Builds the details of an authorize error response (redirect parameters).
    pub fn from_redirect(
        error: String,
        error_description: Option<String>,
        error_subcode: Option<String>,
    ) -> Self {
        let mut details = Self {
            error,
            error_description,
            error_subcode,
            ..Self::default()
        };
        details.fill_from_description();
        details
    }

    /// Takes the AADSTS codes, trace id, correlation id and timestamp out of the description
    /// when Entra did not send them as separate fields (the redirect never does).
    fn fill_from_description(&mut self) {
        let Some(description) = self.error_description.as_deref() else {
            return;
        };
        if self.error_codes.is_empty() {
            self.error_codes = aadsts_codes(description);
        }
        for line in description.lines().map(str::trim) {
            let fields = [
                ("Trace ID:", &mut self.trace_id),
                ("Correlation ID:", &mut self.correlation_id),
                ("Timestamp:", &mut self.timestamp),
            ];
            for (label, field) in fields {
                if let Some(value) = line.strip_prefix(label)
                    && field.is_none()
                    && !value.trim().is_empty()
                {
                    *field = Some(value.trim().to_owned());
                }
            }
        }
    }

    /// The first line of the description (Entra's own explanation), without trace lines.
    pub fn summary(&self) -> Option<&str> {
        let first = self.error_description.as_deref()?.lines().next()?.trim();
        (!first.is_empty()).then_some(first)
    }

    /// What this error means for the admin.
    pub fn problem(&self) -> EntraProblem {
        EntraProblem::classify(
            &self.error,
            self.error_subcode.as_deref(),
            &self.error_codes,
        )
    }

    /// " Reference for support: AADSTSnnnn, trace id …, correlation id …, time …."
    pub(crate) fn reference(&self, w: &SignInFailures) -> String {
        let mut parts: Vec<String> = Vec::new();
        match self.error_codes.first() {
            Some(code) => parts.push(format!("AADSTS{code}")),
            None => parts.push(self.error.clone()),
        }
        if let Some(id) = &self.trace_id {
            parts.push(fill(w.trace_id, &[("id", id)]));
        }
        if let Some(id) = &self.correlation_id {
            parts.push(fill(w.correlation_id, &[("id", id)]));
        }
        if let Some(time) = &self.timestamp {
            parts.push(fill(w.time, &[("time", time)]));
        }
        fill(w.reference, &[("parts", &parts.join(", "))])
    }
}

impl From<EntraErrorDetails> for SignInError {
    fn from(details: EntraErrorDetails) -> Self {
        SignInError::Entra {
            problem: details.problem(),
            details: Box::new(details),
        }
    }
}

/// Every `AADSTS<digits>` in a text, in order, without repeats.
fn aadsts_codes(text: &str) -> Vec<u32> {
    let mut codes = Vec::new();
    for (index, _) in text.match_indices("AADSTS") {
        let digits: String = text[index + 6..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(code) = digits.parse::<u32>()
            && !codes.contains(&code)
        {
            codes.push(code);
        }
    }
    codes
}

/// What an Entra error means, in the terms the admin can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntraProblem {
    /// The admin cancelled sign-in or declined consent (65004; `access_denied` + `cancel`).
    Cancelled,
    /// The account that signed in may not consent to what this page asks for: Entra showed it
    /// "Need admin approval" (or "Approval required") instead of an Accept button (90093, 90094,
    /// 90095, 900941). Only an administrator who can grant tenant-wide consent can go on.
    AdminConsentRequired,
    /// Nobody has consented yet and Entra wants an interactive consent (65001;
    /// `consent_required`): an administrator can give it by signing in again.
    ConsentMissing,
    /// The account is not a member of the tenant, or is a personal account (50020, 50034, 51004, 500208).
    AccountNotInTenant,
    /// The authorization code was already redeemed: a replay (54005).
    CodeAlreadyRedeemed,
    /// The authorization code expired before it was redeemed (70008).
    CodeExpired,
    /// The redirect URI is not registered on the sign-in app (50011, 900971).
    RedirectUriMismatch,
    /// The client id names no app, or a disabled one (700016, 70001, 7000112).
    AppNotFound,
    /// The redirect URI is not registered as a single-page application (9002326).
    NotRegisteredAsSpa,
    /// The sign-in needs more interaction: MFA, registration (50058, 50072, 50074, 50076,
    /// 50079, 700020; `interaction_required`, `login_required`).
    InteractionRequired,
    /// Conditional Access or security defaults blocked it (53003, 53000, 53001, 53002,
    /// 530032, 530035, 50131).
    BlockedByPolicy,
    /// The tenant does not know the resource (Graph of another cloud?) (500011).
    ResourceNotInTenant,
    /// The tenant named in the URL does not exist (90002).
    TenantNotFound,
    /// The sign-in app is single-tenant but the page signs in through `/organizations` (50194).
    AppNotMultiTenant,
    /// Entra is busy or briefly unavailable (50033, 90006, 90024, 90033, 90090;
    /// `temporarily_unavailable`, `server_error`).
    ServiceBusy,
    /// Anything else: Entra's own words are shown.
    Unknown,
}

impl EntraProblem {
    /// Classifies an error by its AADSTS codes first (the first known one wins), then by the
    /// OAuth `error` and `error_subcode`.
    pub fn classify(error: &str, subcode: Option<&str>, codes: &[u32]) -> Self {
        if let Some(problem) = codes.iter().find_map(|&code| Self::from_code(code)) {
            return problem;
        }
        match (error, subcode) {
            ("access_denied", Some("cancel")) => Self::Cancelled,
            ("consent_required", _) => Self::ConsentMissing,
            ("interaction_required" | "login_required", _) => Self::InteractionRequired,
            ("temporarily_unavailable" | "server_error", _) => Self::ServiceBusy,
            _ => Self::Unknown,
        }
    }

    /// The problem an AADSTS code stands for, if it is one we explain.
    pub fn from_code(code: u32) -> Option<Self> {
        Some(match code {
            65004 => Self::Cancelled,
            90093 | 90094 | 90095 | 900941 => Self::AdminConsentRequired,
            65001 => Self::ConsentMissing,
            50020 | 50034 | 51004 | 500208 => Self::AccountNotInTenant,
            54005 => Self::CodeAlreadyRedeemed,
            70008 => Self::CodeExpired,
            50011 | 900971 => Self::RedirectUriMismatch,
            700016 | 70001 | 7000112 => Self::AppNotFound,
            9002326 => Self::NotRegisteredAsSpa,
            50058 | 50072 | 50074 | 50076 | 50079 | 700020 => Self::InteractionRequired,
            53003 | 53000 | 53001 | 53002 | 530032 | 530035 | 50131 => Self::BlockedByPolicy,
            500011 => Self::ResourceNotInTenant,
            90002 => Self::TenantNotFound,
            50194 => Self::AppNotMultiTenant,
            50033 | 90006 | 90024 | 90033 | 90090 => Self::ServiceBusy,
            _ => return None,
        })
    }

    /// True when signing in again, unchanged, may succeed.
    pub fn retry_may_help(self) -> bool {
        matches!(
            self,
            Self::Cancelled
                | Self::ConsentMissing
                | Self::CodeAlreadyRedeemed
                | Self::CodeExpired
                | Self::InteractionRequired
                | Self::ServiceBusy
                | Self::Unknown
        )
    }

    /// True when the fix belongs to whoever hosts this page, not to the admin's tenant.
    pub fn is_hosting_problem(self) -> bool {
        matches!(
            self,
            Self::RedirectUriMismatch
                | Self::AppNotFound
                | Self::NotRegisteredAsSpa
                | Self::ResourceNotInTenant
                | Self::AppNotMultiTenant
        )
    }

    /// What the problem means and what to do, in the language of `w`.
    pub(crate) fn says(self, w: &SignInFailures, details: &EntraErrorDetails) -> String {
        // Who can grant every permission of any API: Global Administrator and Privileged Role
        // Administrator (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent).
        let admin_must = [("then", w.admin_must)];
        let hosting = [("then", w.hosting)];
        match self {
            // Microsoft documents no response for "Return to the application without granting
            // consent" on its "Need admin approval" page: should it come back as a plain
            // decline, the last sentence still tells that user the truth.
            Self::Cancelled => fill(w.entra_cancelled, &admin_must),
            Self::AdminConsentRequired => fill(w.entra_admin_consent, &admin_must),
            Self::ConsentMissing => w.entra_consent_missing.to_owned(),
            Self::AccountNotInTenant => w.entra_not_in_tenant.to_owned(),
            Self::CodeAlreadyRedeemed => w.entra_code_redeemed.to_owned(),
            Self::CodeExpired => w.entra_code_expired.to_owned(),
            Self::RedirectUriMismatch => fill(w.entra_redirect_uri, &hosting),
            Self::AppNotFound => fill(w.entra_app_not_found, &hosting),
            Self::NotRegisteredAsSpa => fill(w.entra_not_spa, &hosting),
            Self::InteractionRequired => w.entra_interaction.to_owned(),
            Self::BlockedByPolicy => w.entra_blocked.to_owned(),
            Self::ResourceNotInTenant => fill(w.entra_resource, &hosting),
            Self::TenantNotFound => w.entra_tenant_not_found.to_owned(),
            Self::AppNotMultiTenant => fill(w.entra_not_multi_tenant, &hosting),
            Self::ServiceBusy => w.entra_busy.to_owned(),
            Self::Unknown => {
                let said = details.summary().unwrap_or(&details.error);
                fill(w.entra_unknown, &[("said", said)])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_error(code: u32, error: &str) -> SignInError {
        let body = serde_json::json!({
            "error": error,
            "error_description": format!(
                "AADSTS{code}: Something happened.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2026-11-22 00:00:00Z"
            ),
            "error_codes": [code],
            "timestamp": "2026-11-22 00:00:00Z",
            "trace_id": "t-1",
            "correlation_id": "c-1",
        });
        EntraErrorDetails::from_json(&body.to_string())
            .expect("an error body")
            .into()
    }

    fn problem_of(error: &SignInError) -> EntraProblem {
        match error {
            SignInError::Entra { problem, .. } => *problem,
            other => panic!("not an Entra error: {other:?}"),
        }
    }

    #[test]
    fn each_known_code_maps_to_its_problem() {
        let table = [
            (65004, "access_denied", EntraProblem::Cancelled),
            (65001, "invalid_grant", EntraProblem::ConsentMissing),
            (90093, "access_denied", EntraProblem::AdminConsentRequired),
            (90094, "invalid_grant", EntraProblem::AdminConsentRequired),
            (90095, "invalid_grant", EntraProblem::AdminConsentRequired),
            (900941, "access_denied", EntraProblem::AdminConsentRequired),
            (50020, "invalid_request", EntraProblem::AccountNotInTenant),
            (54005, "invalid_grant", EntraProblem::CodeAlreadyRedeemed),
            (70008, "invalid_grant", EntraProblem::CodeExpired),
            (50011, "invalid_request", EntraProblem::RedirectUriMismatch),
            (700016, "unauthorized_client", EntraProblem::AppNotFound),
            (9002326, "invalid_request", EntraProblem::NotRegisteredAsSpa),
            (
                50058,
                "interaction_required",
                EntraProblem::InteractionRequired,
            ),
            (50076, "invalid_grant", EntraProblem::InteractionRequired),
            (50079, "invalid_grant", EntraProblem::InteractionRequired),
            (53003, "invalid_grant", EntraProblem::BlockedByPolicy),
            (
                500011,
                "invalid_resource",
                EntraProblem::ResourceNotInTenant,
            ),
            (90002, "invalid_request", EntraProblem::TenantNotFound),
            (50194, "invalid_request", EntraProblem::AppNotMultiTenant),
            (90033, "temporarily_unavailable", EntraProblem::ServiceBusy),
        ];
        for (code, error, expected) in table {
            let sign_in_error = token_error(code, error);
            assert_eq!(problem_of(&sign_in_error), expected, "AADSTS{code}");
            let text = sign_in_error.to_string();
            assert!(text.contains(&format!("AADSTS{code}")), "{text}");
            assert!(text.contains("correlation id c-1"), "{text}");
        }
    }

    #[test]
    fn hosting_problems_say_who_must_fix_them() {
        for code in [50011, 700016, 9002326, 500011, 50194] {
            let error = token_error(code, "invalid_request");
            assert!(problem_of(&error).is_hosting_problem());
            assert!(
                error.to_string().contains("provider that hosts this page"),
                "AADSTS{code}"
            );
            assert!(!error.retry_may_help());
        }
    }

    #[test]
    fn unknown_codes_keep_entras_words_and_ids() {
        let body = r#"{"error":"invalid_grant","error_description":"AADSTS999999: A brand new failure.\r\nTrace ID: 0c7f\r\nCorrelation ID: 45d8\r\nTimestamp: 2026-11-22 00:44:22Z","error_codes":[999999],"trace_id":"0c7f","correlation_id":"45d8","timestamp":"2026-11-22 00:44:22Z"}"#;
        let error: SignInError = EntraErrorDetails::from_json(body)
            .expect("error body")
            .into();
        assert_eq!(problem_of(&error), EntraProblem::Unknown);
        let text = error.to_string();
        assert!(
            text.contains("AADSTS999999: A brand new failure."),
            "{text}"
        );
        assert!(text.contains("trace id 0c7f"), "{text}");
        assert!(text.contains("correlation id 45d8"), "{text}");
        assert!(text.contains("2026-11-22 00:44:22Z"), "{text}");
        assert!(
            !text.contains("Trace ID:"),
            "only the first line of the description: {text}"
        );
    }

    #[test]
    fn redirect_errors_take_codes_and_ids_from_the_description() {
        let details = EntraErrorDetails::from_redirect(
            "access_denied".into(),
            Some("AADSTS65004: User declined to consent to access the app.\r\nTrace ID: abc\r\nCorrelation ID: def\r\nTimestamp: 2026-11-22 00:00:00Z".into()),
            None,
        );
        assert_eq!(details.error_codes, vec![65004]);
        assert_eq!(details.trace_id.as_deref(), Some("abc"));
        assert_eq!(details.correlation_id.as_deref(), Some("def"));
        assert_eq!(details.timestamp.as_deref(), Some("2026-11-22 00:00:00Z"));
        assert_eq!(details.problem(), EntraProblem::Cancelled);
    }

    #[test]
    fn cancel_subcode_without_code_is_a_cancellation() {
        let details = EntraErrorDetails::from_redirect(
            "access_denied".into(),
            Some("The user has cancelled the flow".into()),
            Some("cancel".into()),
        );
        assert_eq!(details.problem(), EntraProblem::Cancelled);
        let plain = EntraErrorDetails::from_redirect("access_denied".into(), None, None);
        assert_eq!(plain.problem(), EntraProblem::Unknown);
    }

    /// What a user who may not consent brings back from Microsoft's "Need admin approval"
    /// page: the sandbox answers `access_denied` + `cancel` with AADSTS90094 (its
    /// authorize.rs says why); the code, not the subcode, decides.
    fn need_admin_approval() -> SignInError {
        EntraErrorDetails::from_redirect(
            "access_denied".into(),
            Some(
                "AADSTS90094: M365 Registrar needs permission to access resources in your \
                 organization that only an admin can grant. Please ask an admin to grant \
                 permission to this app before you can use it.\r\nTrace ID: t-9\r\n\
                 Correlation ID: c-9\r\nTimestamp: 2026-11-22 00:00:00Z"
                    .into(),
            ),
            Some("cancel".into()),
        )
        .into()
    }

    #[test]
    fn a_user_who_may_not_consent_is_told_who_can_and_never_to_accept() {
        let error = need_admin_approval();
        assert_eq!(problem_of(&error), EntraProblem::AdminConsentRequired);
        let text = error.to_string();
        for words in [
            "Your account cannot consent to the permissions this page needs",
            "A Global Administrator or Privileged Role Administrator must do it",
            "Send them the link to this page",
            "or sign in again with such an account",
            "AADSTS90094",
            "correlation id c-9",
        ] {
            assert!(text.contains(words), "{words:?} missing: {text}");
        }
        assert!(!text.contains("accept"), "{text}");
        assert!(!text.contains("declined"), "{text}");
        assert!(!error.retry_may_help(), "someone else must act first");
    }

    #[test]
    fn an_admin_who_declined_is_told_to_sign_in_again_and_accept() {
        let error: SignInError = EntraErrorDetails::from_redirect(
            "access_denied".into(),
            Some("AADSTS65004: User declined to consent to access the app.".into()),
            Some("cancel".into()),
        )
        .into();
        assert_eq!(problem_of(&error), EntraProblem::Cancelled);
        let text = error.to_string();
        assert!(
            text.starts_with("Sign-in was cancelled or the permissions were declined"),
            "{text}"
        );
        assert!(
            text.contains("sign in again and accept the requested permissions"),
            "{text}"
        );
        assert!(error.retry_may_help());
        assert_ne!(text, need_admin_approval().to_string());
    }

    #[test]
    fn consent_nobody_gave_yet_says_an_admin_may_accept_it() {
        let error = token_error(65001, "invalid_grant");
        let text = error.to_string();
        assert!(text.contains("have not been granted"), "{text}");
        assert!(
            text.contains("If you are one, sign in again and accept them"),
            "{text}"
        );
        assert!(
            text.contains("send one of them the link to this page"),
            "{text}"
        );
        assert!(!text.contains("Your account cannot consent"), "{text}");
    }

    #[test]
    fn oauth_error_names_without_codes() {
        assert_eq!(
            EntraProblem::classify("consent_required", None, &[]),
            EntraProblem::ConsentMissing
        );
        assert_eq!(
            EntraProblem::classify("login_required", None, &[]),
            EntraProblem::InteractionRequired
        );
        assert_eq!(
            EntraProblem::classify("temporarily_unavailable", None, &[]),
            EntraProblem::ServiceBusy
        );
        assert_eq!(
            EntraProblem::classify("invalid_scope", None, &[]),
            EntraProblem::Unknown
        );
    }

    #[test]
    fn first_known_code_wins() {
        assert_eq!(
            EntraProblem::classify("x", None, &[1, 53003, 65001]),
            EntraProblem::BlockedByPolicy
        );
    }

    #[test]
    fn non_error_json_is_not_an_entra_error() {
        assert!(EntraErrorDetails::from_json(r#"{"access_token":"x"}"#).is_none());
        assert!(EntraErrorDetails::from_json(r#"{"error":""}"#).is_none());
        assert!(EntraErrorDetails::from_json("<html>").is_none());
    }

    #[test]
    fn codes_found_in_text() {
        assert_eq!(
            aadsts_codes("AADSTS50011: x AADSTS9002326 y AADSTS50011 AADSTS"),
            vec![50011, 9002326]
        );
    }
}
