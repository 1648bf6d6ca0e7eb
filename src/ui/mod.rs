//! One component per screen.

mod config_error;
mod sign_in;
mod welcome;

pub use config_error::ConfigErrorPage;
pub use sign_in::SignIn;
pub use welcome::Welcome;
