//! Small pieces the steps share.

mod copy;
mod screen;

pub use copy::copy;
pub use screen::ScreenView;
