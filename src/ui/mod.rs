//! The page's components: the steps, the session they share, and the pieces they use.

mod config_error;
mod handoff;
mod registration;
mod session;
mod steps;
mod widgets;

pub use config_error::ConfigErrorPage;
pub use handoff::{Handoff, HandoffNotices};
pub use session::Session;
pub use steps::Steps;
