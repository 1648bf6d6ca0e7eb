//! What the dashboard may send, checked strictly: a message that is not exactly one of
//! docs/handoff.md's shapes is ignored, and only the reason is kept (never the content), so a
//! hostile page learns nothing and cannot steer the app with look-alikes.

use core::fmt;

use serde_json::{Map, Value};

use super::{ACK, CANCEL, INBOUND_TYPES, MAX_MESSAGE_CHARS, START, VERSION};
use crate::config::parse_tenant_hint;

/// A valid message from the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound {
    Start(StartRequest),
    /// The backup server has the bundle with this `resultId`.
    Ack {
        result_id: String,
    },
    Cancel,
}

/// The members of `m365-registrar.start`, each checked for its form; [`super::accept_start`]
/// checks them against the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StartRequest {
    pub onboarding_id: Option<String>,
    /// A tenant GUID or domain, lowercase.
    pub tenant_hint: Option<String>,
    pub login_hint: Option<String>,
    pub profile: Option<String>,
    /// A JSON object; checked as a public JWK by [`super::accept_start`].
    pub public_key: Option<Value>,
    /// Branding; checked by [`super::accept_start`] (`crate::config::branding`).
    pub accent_color: Option<String>,
    pub logo_url: Option<String>,
    pub language: Option<String>,
}

/// Why a message was ignored. Plain words, never its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ignored {
    /// Its JSON text is longer than [`MAX_MESSAGE_CHARS`].
    TooLarge,
    /// Not a JSON object.
    NotAnObject,
    /// No `type`, or not one the app accepts (names are exact: case counts).
    UnknownType,
    /// `version` missing or not exactly 1.
    WrongVersion,
    /// A member the type does not have, a missing one, or a value of the wrong form.
    BadShape,
}

impl fmt::Display for Ignored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Ignored::TooLarge => "too large",
            Ignored::NotAnObject => "not an object",
            Ignored::UnknownType => "unknown type",
            Ignored::WrongVersion => "wrong version",
            Ignored::BadShape => "unexpected members or values",
        })
    }
}

/// Reads the JSON text of a received message (the page's `JSON.stringify(event.data)`).
pub fn read(text: &str) -> Result<Inbound, Ignored> {
    // Bytes bound characters from above: count only when it can matter.
    if text.len() > MAX_MESSAGE_CHARS && text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(Ignored::TooLarge);
    }
    let Ok(Value::Object(message)) = serde_json::from_str::<Value>(text) else {
        return Err(Ignored::NotAnObject);
    };
    let kind = message
        .get("type")
        .and_then(Value::as_str)
        .filter(|kind| INBOUND_TYPES.contains(kind))
        .ok_or(Ignored::UnknownType)?;
    if message.get("version").and_then(Value::as_u64) != Some(VERSION) {
        return Err(Ignored::WrongVersion);
    }
    match kind {
        START => read_start(&message).map(Inbound::Start),
        ACK => {
            only_members(&message, &["resultId"])?;
            let result_id =
                text_member(&message, "resultId", is_result_id)?.ok_or(Ignored::BadShape)?;
            Ok(Inbound::Ack { result_id })
        }
        CANCEL => only_members(&message, &[]).map(|()| Inbound::Cancel),
        _ => Err(Ignored::UnknownType),
    }
}

fn read_start(message: &Map<String, Value>) -> Result<StartRequest, Ignored> {
    only_members(
        message,
        &[
            "onboardingId",
            "tenantHint",
            "loginHint",
            "profile",
            "publicKey",
            "accentColor",
            "logoUrl",
            "language",
        ],
    )?;
    let tenant_hint = text_member(message, "tenantHint", |_| true)?
        .map(|hint| parse_tenant_hint(&hint).map_err(|_| Ignored::BadShape))
        .transpose()?;
    let public_key = match message.get("publicKey") {
        None => None,
        Some(key @ Value::Object(_)) => Some(key.clone()),
        Some(_) => return Err(Ignored::BadShape),
    };
    Ok(StartRequest {
        onboarding_id: text_member(message, "onboardingId", is_onboarding_id)?,
        tenant_hint,
        login_hint: text_member(message, "loginHint", is_login_hint)?,
        profile: text_member(message, "profile", is_profile_name)?,
        public_key,
        accent_color: text_member(message, "accentColor", |t| t.len() <= 16)?,
        logo_url: text_member(message, "logoUrl", |t| t.len() <= 2048)?,
        language: text_member(message, "language", |t| t.len() <= 16)?,
    })
}

/// No members but `type`, `version` and `allowed`.
fn only_members(message: &Map<String, Value>, allowed: &[&str]) -> Result<(), Ignored> {
    let known = |key: &String| key == "type" || key == "version" || allowed.contains(&&**key);
    if message.keys().all(known) {
        Ok(())
    } else {
        Err(Ignored::BadShape)
    }
}

/// An optional string member that passes `valid`.
fn text_member(
    message: &Map<String, Value>,
    key: &str,
    valid: impl Fn(&str) -> bool,
) -> Result<Option<String>, Ignored> {
    match message.get(key) {
        None => Ok(None),
        Some(Value::String(text)) if valid(text) => Ok(Some(text.clone())),
        Some(_) => Err(Ignored::BadShape),
    }
}

/// 1 to 128 characters of `A-Z a-z 0-9 . _ ~ -` (RFC 3986's unreserved characters).
fn is_onboarding_id(text: &str) -> bool {
    (1..=128).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'))
}

/// 1 to 64 characters of `A-Z a-z 0-9 _ -`.
fn is_result_id(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

/// A sign-in name for Microsoft's account picker: at most 256 characters, with an `@`, no
/// spaces or control characters.
fn is_login_hint(text: &str) -> bool {
    text.chars().count() <= 256
        && text.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A profile id's form (whether it is allowed is the configuration's to say).
fn is_profile_name(text: &str) -> bool {
    (1..=64).contains(&text.chars().count())
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}
