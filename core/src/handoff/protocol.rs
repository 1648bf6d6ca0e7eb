//! The messages between the app and the vendor's dashboard, exactly as docs/handoff.md
//! ("Messages") lists them: their names, the checks on what arrives ([`read`],
//! [`accept_start`]) and the JSON of what leaves ([`Outbound`]).
//!
//! The page does the browser's part (origins, `event.source`, `postMessage`); this module only
//! sees JSON text, so every rule is tested natively.

mod accept;
mod inbound;
mod outbound;

pub use accept::{AcceptedStart, accept_start};
pub use inbound::{Ignored, Inbound, StartRequest, read};
pub use outbound::{Mode, Outbound};

/// The app has loaded and listens.
pub const READY: &str = "m365-registrar.ready";
/// Signed in, cannot finish, plan, registering.
pub const STATUS: &str = "m365-registrar.status";
/// After every round trip while registering.
pub const PROGRESS: &str = "m365-registrar.progress";
/// The bundle (or its JWE).
pub const RESULT: &str = "m365-registrar.result";
/// Something ended the hand-off; `code` is one of the `ERROR_*` constants.
pub const ERROR: &str = "m365-registrar.error";
/// The CSS pixels the page needs, to size the iframe.
pub const HEIGHT: &str = "m365-registrar.height";
/// The dashboard's answer to `ready`: hints, profile, public key.
pub const START: &str = "m365-registrar.start";
/// The backup server has the bundle.
pub const ACK: &str = "m365-registrar.ack";
/// The dashboard asks the app to stop.
pub const CANCEL: &str = "m365-registrar.cancel";

/// The protocol version every message carries (`version: 1`).
pub const VERSION: u64 = 1;

/// The longest JSON text of a received message that is read at all.
pub const MAX_MESSAGE_CHARS: usize = 16_384;

/// Every type the app posts.
pub const OUTBOUND_TYPES: [&str; 6] = [READY, STATUS, PROGRESS, RESULT, ERROR, HEIGHT];

/// Every type the app accepts.
pub const INBOUND_TYPES: [&str; 3] = [START, ACK, CANCEL];

// The `code` of an `m365-registrar.error` message.
/// The start message was refused: `message` says which member and why.
pub const ERROR_BAD_START: &str = "bad-start";
/// A start came after the admin began signing in.
pub const ERROR_TOO_LATE: &str = "too-late";
/// The sign-in failed: `message` says why.
pub const ERROR_SIGN_IN_FAILED: &str = "sign-in-failed";
/// The registration stopped: `message` says why and what exists in the tenant.
pub const ERROR_STOPPED: &str = "stopped";
/// The app obeyed a cancel.
pub const ERROR_CANCELLED: &str = "cancelled";

// The `state` of an `m365-registrar.status` message.
/// The admin signed in (`tenantId` is set).
pub const STATUS_SIGNED_IN: &str = "signed-in";
/// The signed-in account cannot finish; `message` says why in the admin's words.
pub const STATUS_CANNOT_FINISH: &str = "cannot-finish";
/// The plan waits for the admin.
pub const STATUS_PLAN: &str = "plan";
/// The registration runs.
pub const STATUS_REGISTERING: &str = "registering";
