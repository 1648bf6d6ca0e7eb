//! The pure core of M365 Registrar.
//!
//! Everything here compiles natively and is tested with plain `cargo test`: it never touches a
//! browser API. The browser layer (`src/web` in the app crate) feeds it bytes, strings and clocks.

pub mod auth;
pub mod catalog;
pub mod config;
pub mod credential;
pub mod graph;
mod guid;
pub mod handoff;
pub mod hosting;
pub mod http;
pub mod maintenance;
pub mod portal;
pub mod preview;
pub mod registration;
pub mod wizard;
