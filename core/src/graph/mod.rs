//! The Microsoft Graph client every feature shares, without I/O of its own: calls and replies,
//! `$batch`, sending over the core's [`HttpClient`](crate::http::HttpClient).

pub mod batch;
pub mod call;
pub mod retry;
pub mod send;

pub use call::{GraphCall, GraphReply};
pub use retry::{Jitter, Refusal, RetryPolicy, classify};
pub use send::{GraphTarget, send_calls};
