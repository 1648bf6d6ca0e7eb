//! What each step shows, built from the configuration and the worker's reports.

mod permissions;
mod run;
mod welcome;
mod who;

#[cfg(test)]
mod tests;

pub use permissions::permission_groups;
pub use run::{plan, progress, reading, result, stopped};
pub use welcome::welcome;
pub use who::{signed_in, verdict, who};
