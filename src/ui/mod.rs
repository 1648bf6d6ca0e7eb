//! One component per screen.

mod config_error;
mod copy;
mod handoff;
mod registration;
mod screen;
mod sign_in;
mod welcome;

pub use config_error::ConfigErrorPage;
pub use registration::Registration;
pub use sign_in::SignIn;
pub use welcome::Welcome;
