//! The wizard: which step the admin is on, and what each step shows, as data the page renders.

pub mod screens;
pub mod step;
pub mod view;

pub use step::{Event, Path, Step, Wizard};
pub use view::{Node, Screen, Tag};
