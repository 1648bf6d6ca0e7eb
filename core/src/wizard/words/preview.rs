//! Why the tenant preview could not count something (`preview::Unknown::says`). Said by the
//! worker only.

words! {
    /// What the preview counts, and why a count is unknown.
    pub struct Preview {
        /// The things counted, as `{what}` in the sentences below.
        users,
        groups,
        mailboxes,
        sites,
        /// `{detail}` (the browser's), `{what}`.
        unreachable,
        /// `{what}`.
        not_a_number,
        /// `{what}`, `{permission}`.
        missing_permission,
        /// `{what}`.
        sign_in_expired,
        /// `{what}`.
        throttled,
        /// `{what}`.
        refused,
        sites_unreadable,
        /// `{so_far}`.
        sites_elsewhere,
        no_answer,
        batch_incomplete,
        /// `{so_far}`, `{pages}`.
        too_many_sites,
    }
}
