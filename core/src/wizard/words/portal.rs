//! The manual path's steps in the admin portal (`portal::instructions`), named as the portal
//! labels its blades and buttons in each language. Said by the worker only.

words! {
    /// The steps of a registration by hand.
    pub struct Portal {
        /// `{portal}`, `{home}`.
        sign_in_at,
        sign_in_custom,
        /// Stands for the tenant's name in the consent button's label when it is not known.
        your_organization,
        register_title,
        browse_registrations,
        /// `{app}`.
        name,
        account_types,
        redirect_empty,
        select_register,
        /// `{api}`.
        api_title,
        open_api_permissions,
        find_graph,
        find_sharepoint,
        /// `{api}`.
        find_exchange,
        select_application,
        select_delegated,
        /// `{api}`, `{permission}`, `{kind}`, `{reason}`.
        permission_line,
        kind_application,
        kind_delegated,
        select_add_permissions,
        consent_title,
        consent_check,
        /// `{tenant}`.
        consent_select,
        /// `{tenant}`.
        consent_status,
        consent_who,
        secret_title,
        secret_open,
        /// `{app}`.
        description,
        /// `{days}`.
        secret_expires,
        secret_copy,
        certificate_title,
        certificate_open,
        certificate_file,
        select_add,
        /// `{reason}`.
        why,
        /// `{role}`.
        role_title,
        /// `{role}`.
        role_browse,
        role_add,
        /// `{app}`.
        role_search,
        role_active,
        role_who,
        ids_title,
        ids_overview,
        ids_copy,
        ids_give,
    }
}
