//! The registration engine's words (`registration::words`): its steps and their states, the
//! plan's lines, why a run stopped, what the tenant holds then, and what the final check found.
//! Said by the worker only, so they cost the first screen nothing.

words! {
    /// What the engine says: progress, plan, stops, checks.
    pub struct Engine {
        step_discover,
        step_confirm,
        step_app,
        step_service_principal,
        step_secret,
        step_application_grants,
        step_delegated_grants,
        step_directory_roles,
        step_verify,
        state_pending,
        state_running,
        /// `{seconds}`, `{reason}` (one of the `wait_` fields).
        state_waiting,
        state_done,
        state_skipped,
        state_failed,
        wait_throttled,
        wait_replication,
        wait_no_answer,
        kind_application,
        kind_delegated,
        /// How every stop ends: running again resumes.
        resume,
        permissions_missing,
        /// `{permission}`, `{kind}`, `{api}`.
        permission_api_missing,
        /// `{permission}`, `{kind}`, `{api}`.
        permission_not_offered,
        permissions_missing_then,
        several_apps,
        /// `{app}`, `{app_id}`, `{object_id}`.
        several_apps_line,
        several_apps_then,
        /// `{app_id}`, `{object_id}`.
        app_gone,
        cannot_register,
        /// `{problem}` (one of the `cert_` fields), `{resume}`.
        certificate,
        /// `{message}`: Microsoft Graph's.
        certificate_refused,
        /// `{message}`: Microsoft Graph's.
        secret_refused,
        /// `{step}`.
        missing_role_grant,
        /// `{step}`.
        missing_role,
        /// `{step}`, `{reason}`, `{resume}`.
        gave_up,
        /// `{step}`, `{detail}` (a `no_answer_` field, or the browser's words), `{resume}`.
        unreachable,
        /// `{resume}`.
        sign_in_expired,
        /// `{step}`, `{status}`, `{code}`, `{message}`, `{resume}`.
        refused,
        /// `{step}`, `{problem}` (one of the `unreadable_` fields), `{resume}`.
        unexpected_answer,
        nothing_created,
        /// What a run that stopped before its first write holds.
        nothing_written,
        /// `{problem}` (the hand-off's, English).
        start_unusable,
        /// `{problem}` (the browser's).
        browser_certificate,
        /// `{app}`, `{app_id}`; the `in_tenant_` parts follow it, then a full stop.
        in_tenant_app,
        in_tenant_principal,
        /// `{in_place}`, `{planned}`.
        in_tenant_grants,
        in_tenant_certificate,
        in_tenant_secret,
        differs_requested,
        differs_secret,
        /// `{thumbprint}`.
        differs_certificate,
        /// `{permission}`, `{api}`.
        differs_grant_missing,
        /// `{permission}`, `{api}`.
        differs_grant_extra,
        /// `{role}`.
        differs_role,
        /// `{what}` (one of the `checked_` fields).
        differs_not_checked,
        /// `{app}`.
        plan_create,
        /// `{app}`, `{app_id}`.
        plan_update,
        /// `{app}`, `{app_id}`.
        plan_adopt,
        /// `{app}`, `{app_id}`.
        plan_leave_alone,
        /// `{add}`, `{remove}`.
        plan_requested,
        plan_service_principal,
        /// `{permission}`, `{api}`, `{reason}`.
        plan_grant_application,
        /// `{permission}`, `{api}`, `{reason}`.
        plan_keep_application,
        /// `{permission}`, `{api}`, `{reason}`.
        plan_grant_delegated,
        /// `{permission}`, `{api}`, `{reason}`.
        plan_change_delegated,
        /// `{permission}`, `{api}`, `{reason}`.
        plan_keep_delegated,
        /// `{permissions}`, `{api}`, `{kind}`.
        plan_remove_extra,
        /// `{role}`, `{reason}`.
        plan_assign_role,
        /// `{role}`, `{reason}`.
        plan_keep_role,
        plan_no_secret,
        /// `{days}`.
        plan_secret,
        /// `{days}`, `{asked}`.
        plan_secret_shortened,
        plan_policy_unknown,
        /// `{days}`, `{reasons}`.
        plan_certificate,
        /// `{days}`, `{asked}`, `{reasons}`.
        plan_certificate_shortened,
        /// `{reasons}`.
        plan_certificate_kept,
        /// `{name}`, `{thumbprint}`, `{until}`.
        plan_keep_certificate,
        /// `{name}`.
        plan_remove_stale_secret,
        plan_needs_privileged,
        cert_none_made,
        cert_none_in_plan,
        cert_not_certificate,
        cert_longer_than_plan,
        cert_existing_unreadable,
        no_answer_after_tries,
        no_answer_in_time,
        unreadable_no_plan,
        unreadable_app_unknown,
        unreadable_principal_unknown,
        unreadable_app_or_secret_unknown,
        unreadable_no_results,
        unreadable_too_many_pages,
        unreadable_page_elsewhere,
        unreadable_no_secret,
        checked_app,
        checked_service_principal,
        checked_application_permissions,
        checked_delegated_permissions,
        checked_directory_roles,
        /// Why the app gets a certificate, beside the configuration's (`Reasons`).
        why_secrets_forbidden,
        why_asked,
    }
}
