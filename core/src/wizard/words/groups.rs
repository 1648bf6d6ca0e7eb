//! The groups of words, one per screen or shared part, and the templates' helpers. A field
//! whose words hold `{slots}` is filled by the method of the same name.

use super::fill;

words! {
    /// The browser tab's title on the page's own steps (`Wizard::title_in`).
    pub struct Steps {
        welcome,
        signing_in,
        checking,
        working,
    }
}

words! {
    /// While the Microsoft window is open, while the answer is checked, and when a sign-in
    /// failed (the page's own steps).
    pub struct SignIn {
        waiting,
        foreign,
        restart,
        cancel,
        checking,
        popup_hint,
        /// The popup was blocked: the sign-in goes on in a new tab the admin opens.
        blocked_new_tab,
        new_tab,
        retry,
        sign_in_again,
        /// `{setting}`, `{problem}` (English, for the host).
        set_up_wrongly,
        cannot_start,
        popup_blocked,
        unsupported,
        window_closed,
        dashboard_cancelled,
        no_randomness,
        no_address,
    }
}

words! {
    /// Words several screens share.
    pub struct Common {
        copy,
        /// `{what}`: what the button copies, e.g. "the tenant id".
        copy_what,
        app,
        credentials,
        tenant_id,
        application_client_id,
        cancel,
        check,
        rotate,
        run_again,
        check_another,
        entra_admin_center,
        record_download,
        /// Said in the page's place when its own code fails (a Rust panic).
        page_stopped,
    }
}

impl Run {
    pub fn profile_now(&self, profile: &str) -> String {
        fill(self.profile_now, &[("profile", profile)])
    }

    pub fn use_profile(&self, profile: &str) -> String {
        fill(self.use_profile, &[("profile", profile)])
    }
}

impl Common {
    pub fn copy_what(&self, what: &str) -> String {
        fill(self.copy_what, &[("what", what)])
    }
}

words! {
    /// The first screen, before sign-in.
    pub struct Welcome {
        /// `{app}`: the backup app's name.
        title,
        intro,
        receiver_file,
        /// `{origins}`: the dashboards' origins, joined by `origins_or`.
        receiver_dashboard,
        origins_or,
        /// `{days}`.
        credentials_secret,
        /// `{days}`.
        credentials_secret_and_certificate,
        step_sign_in,
        step_check,
        /// `{app}`, `{count}` (permissions), `{credentials}`.
        step_create,
        /// As `step_create`, when the app also gets the Exchange Administrator role.
        step_create_with_role,
        /// `{receiver}`.
        step_hand_over,
        what_happens,
        who_can,
        who_can_words,
        sign_in,
        other_paths,
        path_check,
        path_maintain,
        path_manual,
        other_paths_note,
        what_app_gets,
        fact_receiver,
        fact_protection,
        fact_sign_in_at,
        own_addresses,
        /// The clouds' names (`Cloud::says`), after the sign-in host.
        cloud_global,
        cloud_us_gov_high,
        cloud_us_gov_dod,
        cloud_china,
        sealed,
        not_sealed,
        /// `{why}`: why the app gets a certificate (`Reasons`).
        why_certificate,
        exchange_role,
        two_apps,
        /// `{client_id}`: the onboarding app's client id (a `code` element).
        two_apps_client,
        two_apps_untick,
        two_apps_remove,
        browser_only,
        browser_only_words,
        /// `{sign_in}`, `{graph}`: the two hosts (`code` elements).
        talks_only,
    }
}

impl Welcome {
    pub fn title(&self, app: &str) -> String {
        fill(self.title, &[("app", app)])
    }

    pub fn receiver_dashboard(&self, origins: &[&str]) -> String {
        fill(
            self.receiver_dashboard,
            &[("origins", &origins.join(self.origins_or))],
        )
    }

    pub fn credentials(&self, days: u32, certificate: bool) -> String {
        let template = if certificate {
            self.credentials_secret_and_certificate
        } else {
            self.credentials_secret
        };
        fill(template, &[("days", &days.to_string())])
    }

    pub fn step_create(&self, app: &str, count: usize, credentials: &str, role: bool) -> String {
        let template = if role {
            self.step_create_with_role
        } else {
            self.step_create
        };
        let count = count.to_string();
        fill(
            template,
            &[
                ("app", app),
                ("count", &count),
                ("credentials", credentials),
            ],
        )
    }

    pub fn step_hand_over(&self, receiver: &str) -> String {
        fill(self.step_hand_over, &[("receiver", receiver)])
    }

    pub fn why_certificate(&self, why: &str) -> String {
        fill(self.why_certificate, &[("why", why)])
    }
}

words! {
    /// Who signed in, and whether that account can finish.
    pub struct Who {
        can_grant_all,
        can_create_not_grant,
        roles_unreadable,
        cannot_register,
        no_role,
        tenant,
        primary_domain,
        you,
        your_roles,
        title,
        hand_over,
        other_account,
        copy_link,
    }
}

words! {
    /// A registration run: reading, the plan, progress, the result, a stop.
    pub struct Run {
        reading_title,
        reading,
        plan_title,
        plan_intro,
        plan_permissions,
        /// `{profile}`: the profile's title.
        profile_now,
        /// `{profile}`: another profile's title.
        use_profile,
        create,
        /// `{done}`, `{total}`.
        steps_done,
        /// `{round_trips}`, `{waited}`, `{elapsed}` (seconds).
        round_trips,
        progress_title,
        verified_title,
        differences_title,
        the_tenant_id,
        the_client_id,
        client_secret,
        the_client_secret,
        secret_expires,
        certificate,
        /// `{sha1}`: the thumbprint (a `code` element).
        thumbprint,
        /// `{date}`.
        expires,
        kept,
        download_pfx,
        pfx_password,
        pem_files,
        private_key_pem,
        certificate_pem,
        granted,
        verified,
        not_verified,
        keep_note,
        stopped_title,
    }
}

impl Run {
    pub fn steps_done(&self, done: usize, total: usize) -> String {
        fill(
            self.steps_done,
            &[("done", &done.to_string()), ("total", &total.to_string())],
        )
    }

    pub fn round_trips(&self, round_trips: u32, waited: u64, elapsed: u64) -> String {
        fill(
            self.round_trips,
            &[
                ("round_trips", &round_trips.to_string()),
                ("waited", &waited.to_string()),
                ("elapsed", &elapsed.to_string()),
            ],
        )
    }

    pub fn expires(&self, date: &str) -> String {
        fill(self.expires, &[("date", date)])
    }
}

words! {
    /// Checking an existing app.
    pub struct Check {
        by_this_product,
        adopted,
        same_name_by_hand,
        not_made_here,
        form_title,
        form_intro,
        app_id_hint,
        check_this_app,
        find_label,
        find_hint,
        find_apps,
        apps_found,
        none_found,
        result_title,
        /// `{app_id}`.
        no_such_app,
        made_by,
        /// `{secrets}`, `{certificates}`: how many.
        credential_counts,
        in_entra,
        open_in_entra,
        clean,
        what_is_wrong,
        repair,
        rotate,
        disconnect,
        repair_note,
    }
}

impl Check {
    pub fn no_such_app(&self, app_id: &str) -> String {
        fill(self.no_such_app, &[("app_id", app_id)])
    }

    pub fn credential_counts(&self, secrets: usize, certificates: usize) -> String {
        fill(
            self.credential_counts,
            &[
                ("secrets", &secrets.to_string()),
                ("certificates", &certificates.to_string()),
            ],
        )
    }
}

words! {
    /// The short screens while Graph is read or written for a maintenance step.
    pub struct Busy {
        reading_app_title,
        reading_app,
        finding_title,
        finding,
        disconnecting_title,
        disconnecting,
        retiring_title,
        retiring,
    }
}

words! {
    /// Rotating and disconnecting apps this product made.
    pub struct Maintain {
        title,
        none,
        check_by_id,
        intro,
        disconnect,
        disconnect_title,
        /// `{app}` (a `bdi`), `{id}` (a `code` element).
        disconnect_what,
        type_name,
        delete,
        rotate_title,
        /// `{app}` (a `bdi`).
        not_made_here,
        app_name,
        disconnected_title,
        /// `{name}`, `{id}`.
        removed_secret,
        /// `{name}`, `{id}`.
        removed_certificate,
        nothing_removed,
        retired_title,
        only_new_work,
        retire_heading,
        retire_words,
        retire_button,
        /// With a dashboard: the old credentials go on its acknowledgement.
        retire_waiting,
    }
}

impl Maintain {
    pub fn removed_secret(&self, name: &str, id: &str) -> String {
        fill(self.removed_secret, &[("name", name), ("id", id)])
    }

    pub fn removed_certificate(&self, name: &str, id: &str) -> String {
        fill(self.removed_certificate, &[("name", name), ("id", id)])
    }
}

words! {
    /// The manual path.
    pub struct Manual {
        title,
        /// `{app}` (a `bdi`).
        intro,
        manifest_heading,
        manifest_how,
        the_manifest,
        left_out,
        then_check,
        then_check_words,
        sign_in_and_check,
    }
}

words! {
    /// The tenant preview and the links into the admin portal.
    pub struct Extras {
        preview_heading,
        /// `{why}`: the preview's (`Preview`).
        unknown,
        preview_note,
        users,
        groups,
        mailboxes,
        sites,
        /// `{portal}`: the admin portal's name.
        see_it_in,
        link_overview,
        link_permissions,
        link_credentials,
    }
}

impl Extras {
    pub fn unknown(&self, why: &str) -> String {
        fill(self.unknown, &[("why", why)])
    }

    pub fn see_it_in(&self, portal: &str) -> String {
        fill(self.see_it_in, &[("portal", portal)])
    }
}

words! {
    /// The permissions' groups and kinds.
    pub struct Permissions {
        discovery,
        mail,
        calendars,
        contacts,
        onedrive,
        sharepoint,
        other,
        application,
        delegated,
    }
}
