//! What each step shows, built from the configuration and the worker's reports, in the
//! admin's language: every builder takes the `Words` it says (`crate::wizard::words`).

mod check;
mod extras;
mod maintain;
mod manual;
mod permissions;
mod run;
mod signing_in;
mod welcome;
mod who;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_engine;
#[cfg(test)]
mod tests_language;
#[cfg(test)]
mod tests_maintenance;
#[cfg(test)]
mod tests_sign_in;

pub use check::{check_form, check_result};
pub use extras::{admin_links, busy, notice, tenant_preview};
pub use maintain::{
    RecordFile, apps_made_here, confirm_disconnect, confirm_rotation, disconnected, record_link,
    retire_prompt, retired,
};
pub use manual::manual;
pub use permissions::permission_groups;
pub use run::{ProfileChoice, plan, progress, reading, result, stopped};
pub use signing_in::{checking, sign_in_failed, waiting};
pub use welcome::{welcome, welcome_in};
pub use who::{signed_in, verdict, verdict_in, who};
