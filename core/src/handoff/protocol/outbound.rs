//! What the app posts to the dashboard, as the JSON of docs/handoff.md's table "From the app
//! to the dashboard". The page parses it (`JSON.parse`) and posts the object: a structured
//! clone, not a string.

use super::{ERROR, HEIGHT, PROGRESS, READY, RESULT, STATUS, VERSION};
use crate::handoff::HandoffReport;

/// How the dashboard shows the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Embedded in a cross-site iframe (`window.parent`).
    Iframe,
    /// Opened with `window.open` (`window.opener`).
    Window,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Iframe => "iframe",
            Mode::Window => "window",
        }
    }
}

/// One message from the app.
#[derive(Debug, Clone, Copy)]
pub enum Outbound<'a> {
    Ready {
        mode: Mode,
    },
    /// `state` is one of the `STATUS_*` constants; `tenant_id` once signed in.
    Status {
        state: &'a str,
        message: &'a str,
        tenant_id: Option<&'a str>,
    },
    /// `step` is a stable key such as `ServicePrincipal`.
    Progress {
        step: &'a str,
        done: u32,
        total: u32,
    },
    /// The bundle: its JWE when sealed, else the bundle object itself.
    Result {
        result_id: &'a str,
        handoff: &'a HandoffReport,
    },
    /// `code` is one of the `ERROR_*` constants.
    Error {
        code: &'a str,
        message: &'a str,
    },
    Height {
        height: u32,
    },
}

impl Outbound<'_> {
    /// The message as JSON text, with `type` and `version`. Written member by member, strings
    /// escaped by serde_json: building a `Value` first costs the page about 3 KB gzip
    /// (measured), for six small fixed shapes.
    pub fn to_json(&self) -> String {
        match *self {
            Outbound::Ready { mode } => Message::new(READY).text("mode", mode.as_str()),
            Outbound::Status {
                state,
                message,
                tenant_id,
            } => {
                let status = Message::new(STATUS)
                    .text("state", state)
                    .text("message", message);
                match tenant_id {
                    Some(tenant_id) => status.text("tenantId", tenant_id),
                    None => status,
                }
            }
            Outbound::Progress { step, done, total } => Message::new(PROGRESS)
                .text("step", step)
                .number("done", done)
                .number("total", total),
            Outbound::Result { result_id, handoff } => {
                let result = Message::new(RESULT)
                    .text("resultId", result_id)
                    .maybe_text("onboardingId", handoff.onboarding_id.as_deref())
                    .raw("sealed", if handoff.sealed { "true" } else { "false" });
                if handoff.sealed {
                    result.text("jwe", &handoff.file_text)
                } else {
                    // The worker wrote this text from a `Bundle` with serde: a JSON object.
                    result.raw("bundle", &handoff.file_text)
                }
            }
            Outbound::Error { code, message } => Message::new(ERROR)
                .text("code", code)
                .text("message", message),
            Outbound::Height { height } => Message::new(HEIGHT).number("height", height),
        }
        .finish()
    }
}

/// A JSON object being written: `{"type":…,"version":1` and then each member.
struct Message(String);

impl Message {
    fn new(kind: &str) -> Message {
        Message(String::from("{"))
            .text("type", kind)
            .number("version", VERSION)
    }

    fn name(mut self, name: &str) -> Message {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push_str(&quoted(name));
        self.0.push(':');
        self
    }

    fn text(self, name: &str, value: &str) -> Message {
        let mut message = self.name(name);
        message.0.push_str(&quoted(value));
        message
    }

    fn maybe_text(self, name: &str, value: Option<&str>) -> Message {
        match value {
            Some(value) => self.text(name, value),
            None => self.raw(name, "null"),
        }
    }

    fn number(self, name: &str, value: impl Into<u64>) -> Message {
        self.raw(name, &value.into().to_string())
    }

    fn raw(self, name: &str, json: &str) -> Message {
        let mut message = self.name(name);
        message.0.push_str(json);
        message
    }

    fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// `text` as a JSON string, escaped by serde_json (a `&str` always serialises).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""))
}
