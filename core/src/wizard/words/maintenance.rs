//! The maintenance paths' words (`maintenance`): what a check found, why an operation could
//! not finish, what a disconnection did. Said by the worker only.

words! {
    /// What the check, the rotation and the disconnection say.
    pub struct Maintenance {
        /// `{name}`, `{key_id}`: the subject of `expired` and `expires`.
        secret_named,
        /// `{key_id}`.
        secret_unnamed,
        /// `{name}`, `{key_id}`.
        certificate_named,
        /// `{key_id}`.
        certificate_unnamed,
        /// `{credential}`, `{date}`, `{rotate}`.
        expired,
        /// `{credential}`, `{when}` (one of the `when_` words), `{rotate}`.
        expires,
        /// `{date}`.
        when_today,
        /// `{date}`.
        when_tomorrow,
        /// `{days}`, `{date}`.
        when_days,
        /// `{date}`.
        when_on,
        rotate,
        /// `{app_id}`, `{tenant_id}`.
        app_not_found,
        no_service_principal,
        /// `{permission}`.
        missing_from_requested,
        /// `{permission}`.
        extra_requested,
        /// `{permission}`.
        not_consented,
        /// `{permission}`.
        consented_not_requested,
        /// `{role}`.
        role_missing,
        /// `{permission}`.
        unavailable,
        /// `{reasons}`.
        certificate_missing,
        no_credential,
        maker_this,
        maker_adopted,
        maker_same_name,
        maker_other,
        /// `{app}`, `{app_id}`, `{maker}`.
        check_app,
        check_clean,
        /// `{app}`, `{app_id}`.
        disconnected,
        /// `{doc}`: Microsoft's page on restoring apps.
        disconnected_restore,
        /// How every retryable error ends.
        again,
        /// `{given}`.
        not_an_app_id,
        empty_name,
        /// `{app_id}`, `{tenant_id}`.
        error_app_not_found,
        /// `{app}`, `{app_id}`.
        not_ours,
        /// `{typed}`, `{app}`.
        name_mismatch,
        nothing_new,
        /// `{expected}`, `{found}`.
        other_app,
        /// `{key_id}`.
        new_credential_missing,
        /// `{key_id}`.
        certificate_unreadable,
        /// `{app}`: what is still listed after the waiting allowed.
        still_there_app,
        /// `{app}`.
        still_there_principal,
        /// `{key_id}`.
        still_there_credential,
        /// `{what}`: one of the `still_there_` words.
        still_there,
        /// `{again}`.
        sign_in_expired,
        /// `{what}` (one of the `doing_` words), `{message}`.
        missing_role,
        /// `{what}`, `{reason}` (the engine's `wait_` words), `{again}`.
        gave_up,
        /// `{what}`, `{detail}`, `{again}`.
        unreachable,
        /// `{what}`, `{status}`, `{code}`, `{message}`.
        refused,
        /// `{what}`, `{problem}`, `{again}`.
        unexpected_answer,
        doing_compare,
        doing_read_app,
        doing_read_resources,
        doing_read_principal,
        doing_read_assignments,
        doing_read_delegated,
        doing_read_roles,
        doing_delete,
        doing_check_app_gone,
        doing_check_principal_gone,
        doing_read_credentials,
        doing_remove_secret,
        doing_remove_certificates,
        doing_check_removed,
        doing_search,
    }
}

impl Maintenance {
    /// One of English's `doing_` words (what an operation was doing, as the maintenance code
    /// names it) in this language; anything else as it is.
    pub fn doing<'a>(&self, english: &'a str) -> &'a str {
        super::translated(&super::EN_MAINTENANCE.values(), &self.values(), english)
    }
}
