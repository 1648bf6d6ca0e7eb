//! Why a sign-in could not finish (`auth::errors`, `auth::entra`): met in the registration
//! worker, which redeems the code, so they cost the first screen nothing. The page's own
//! failures (a blocked window, a setting it cannot use) are in the `SignIn` group.

words! {
    /// What the sign-in's errors say.
    pub struct SignInFailures {
        /// Ends the sentences about an account of the wrong kind.
        work_account,
        /// Ends the sentences about an account that may not consent.
        admin_must,
        /// Ends the sentences about a fault of the page's host.
        hosting,
        state_mismatch,
        /// `{problem}` (English).
        malformed_response,
        /// `{status}`.
        unexpected_status,
        /// `{problem}` (English).
        invalid_token_response,
        /// `{problem}`: one of the `id_` words.
        id_token_clock,
        /// `{problem}`: one of the `id_` words.
        id_token,
        /// `{problem}` (English).
        unexpected_graph_answer,
        /// `{then}`: `work_account`.
        personal_account,
        /// `{then}`: `work_account`.
        guest_account,
        /// `{host}`, `{detail}` (the browser's).
        unreachable,
        /// `{expected}`, `{actual}`.
        wrong_tenant,
        /// `{parts}`: the code and the `trace_id`, `correlation_id`, `time` parts, joined by ", ".
        reference,
        /// `{id}`.
        trace_id,
        /// `{id}`.
        correlation_id,
        /// `{time}`.
        time,
        /// `{then}`: `admin_must`.
        entra_cancelled,
        /// `{then}`: `admin_must`.
        entra_admin_consent,
        entra_consent_missing,
        entra_not_in_tenant,
        entra_code_redeemed,
        entra_code_expired,
        /// `{then}`: `hosting`.
        entra_redirect_uri,
        /// `{then}`: `hosting`.
        entra_app_not_found,
        /// `{then}`: `hosting`.
        entra_not_spa,
        entra_interaction,
        entra_blocked,
        /// `{then}`: `hosting`.
        entra_resource,
        entra_tenant_not_found,
        /// `{then}`: `hosting`.
        entra_not_multi_tenant,
        entra_busy,
        /// `{said}`: Entra's own words.
        entra_unknown,
        id_malformed,
        id_unsigned,
        id_wrong_issuer,
        id_wrong_audience,
        id_expired,
        id_not_yet_valid,
        id_issued_in_future,
        id_nonce_mismatch,
        id_missing_tenant,
    }
}
