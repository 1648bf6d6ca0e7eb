//! One component per screen.

mod config_error;
mod welcome;

pub use config_error::ConfigErrorPage;
pub use welcome::Welcome;
