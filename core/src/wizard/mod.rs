//! The wizard: which step the admin is on, and what each step shows, as data the page renders,
//! in the admin's language (`words`: every word of a language in one place).

pub mod fault;
pub mod language;
pub mod screens;
pub mod step;
pub mod view;
pub mod words;

pub use fault::Fault;
pub use language::Language;
pub use step::{Event, Path, Step, Wizard};
pub use view::{Node, Screen, Tag};
pub use words::Words;
