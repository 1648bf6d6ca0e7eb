//! The browser behind small functions and types: fetch, randomness, windows, the sign-in
//! channel, and the runtime configuration's source.

pub mod config_source;
pub mod fetch;
pub mod full_page;
pub mod random;
pub mod sign_in;
pub mod windows;
