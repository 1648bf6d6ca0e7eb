//! What the registration worker says when the page itself goes wrong (a message it cannot
//! read, a lost configuration, a browser that cannot make a file). Said by the worker only.

words! {
    /// The worker's faults of the page, each with what to do.
    pub struct Faults {
        unreadable_command,
        no_configuration,
        lost_configuration,
        unknown_button,
        sign_in_first,
        check_before_disconnect,
        no_plan,
        /// `{reason}` (the browser's).
        settings_file,
        certificate_files,
    }
}
