//! The browser behind small functions: fetching, and the runtime configuration's source.

pub mod config_source;
pub mod fetch;
