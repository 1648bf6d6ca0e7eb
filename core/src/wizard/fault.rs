//! The registration worker's faults of the page itself, each said in the admin's language from
//! the `Faults` words (what the worker posts as `Report::Broken`).

use crate::wizard::words::{Faults, fill};

/// What went wrong in the page, not in the tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The worker got a message it cannot read.
    UnreadableCommand,
    /// The worker could not parse the configuration it was given.
    NoConfiguration,
    /// The configuration was gone when the settings file was made.
    LostConfiguration,
    /// A button the worker does not know.
    UnknownButton,
    /// A registration asked for before the sign-in.
    SignInFirst,
    /// A disconnect asked for without a checked app.
    CheckBeforeDisconnect,
    /// The engine halted for confirmation without a plan.
    NoPlan,
    /// The browser could not prepare the settings file; `reason` is its own words.
    SettingsFile { reason: String },
    /// The browser could not offer the certificate's files.
    CertificateFiles,
}

impl Fault {
    /// The fault and what to do, in the admin's language.
    pub fn says(&self, w: &Faults) -> String {
        match self {
            Fault::UnreadableCommand => w.unreadable_command.to_owned(),
            Fault::NoConfiguration => w.no_configuration.to_owned(),
            Fault::LostConfiguration => w.lost_configuration.to_owned(),
            Fault::UnknownButton => w.unknown_button.to_owned(),
            Fault::SignInFirst => w.sign_in_first.to_owned(),
            Fault::CheckBeforeDisconnect => w.check_before_disconnect.to_owned(),
            Fault::NoPlan => w.no_plan.to_owned(),
            Fault::SettingsFile { reason } => fill(w.settings_file, &[("reason", reason)]),
            Fault::CertificateFiles => w.certificate_files.to_owned(),
        }
    }
}
