//! What the app posts to the dashboard, as the JSON of docs/handoff.md's table "From the app
//! to the dashboard". The page parses it (`JSON.parse`) and posts the object: a structured
//! clone, not a string.

use serde_json::{Map, Value, json};

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
    /// The message as JSON text, with `type` and `version`.
    pub fn to_json(&self) -> String {
        let (kind, members) = match *self {
            Outbound::Ready { mode } => (READY, json!({ "mode": mode.as_str() })),
            Outbound::Status {
                state,
                message,
                tenant_id,
            } => {
                let mut members = json!({ "state": state, "message": message });
                if let (Some(tenant_id), Some(object)) = (tenant_id, members.as_object_mut()) {
                    object.insert("tenantId".into(), tenant_id.into());
                }
                (STATUS, members)
            }
            Outbound::Progress { step, done, total } => (
                PROGRESS,
                json!({ "step": step, "done": done, "total": total }),
            ),
            Outbound::Result { result_id, handoff } => (RESULT, result(result_id, handoff)),
            Outbound::Error { code, message } => {
                (ERROR, json!({ "code": code, "message": message }))
            }
            Outbound::Height { height } => (HEIGHT, json!({ "height": height })),
        };
        let mut message = match members {
            Value::Object(object) => object,
            _ => Map::new(),
        };
        message.insert("type".into(), kind.into());
        message.insert("version".into(), VERSION.into());
        Value::Object(message).to_string()
    }
}

fn result(result_id: &str, handoff: &HandoffReport) -> Value {
    let mut members = json!({
        "resultId": result_id,
        "onboardingId": handoff.onboarding_id,
        "sealed": handoff.sealed,
    });
    let payload = if handoff.sealed {
        ("jwe", Value::String(handoff.file_text.clone()))
    } else {
        // The worker wrote this text from a `Bundle`: it is always a JSON object.
        let bundle = serde_json::from_str(&handoff.file_text).unwrap_or(Value::Null);
        ("bundle", bundle)
    };
    if let Some(object) = members.as_object_mut() {
        object.insert(payload.0.into(), payload.1);
    }
    members
}
