//! Small pieces the steps share.

mod copy;
mod error_card;
mod screen;

pub use copy::copy;
pub use error_card::ErrorCard;
pub use screen::ScreenView;
