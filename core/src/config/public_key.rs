//! The dashboard's public key, to which the app seals the hand-off (JWE): EC P-256 for
//! ECDH-ES+A256KW, or RSA of 2048 bits or more for RSA-OAEP-256.
//!
//! `config.json` is served to every visitor, so a JWK that carries private members is refused
//! loudly: its private key has been published and must be replaced.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::problems::Problems;

/// JWK members that hold private or symmetric key material (RFC 7518 section 6).
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Smallest RSA modulus accepted: NIST SP 800-131A's floor, and what Entra itself requires.
const MIN_RSA_BITS: usize = 2048;

/// A validated public JWK. Coordinates and modulus stay base64url, as WebCrypto imports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicJwk {
    /// P-256 public point; the hand-off is sealed with ECDH-ES+A256KW.
    EcP256 {
        x: String,
        y: String,
        kid: Option<String>,
    },
    /// RSA public key; the hand-off is sealed with RSA-OAEP-256.
    Rsa {
        n: String,
        e: String,
        kid: Option<String>,
    },
}

impl PublicJwk {
    /// The JWE key-management algorithm (`alg` header) this key is used with.
    pub fn algorithm(&self) -> &'static str {
        match self {
            PublicJwk::EcP256 { .. } => "ECDH-ES+A256KW",
            PublicJwk::Rsa { .. } => "RSA-OAEP-256",
        }
    }

    /// The key id to put in the JWE header, if the configuration gave one.
    pub fn kid(&self) -> Option<&str> {
        match self {
            PublicJwk::EcP256 { kid, .. } | PublicJwk::Rsa { kid, .. } => kid.as_deref(),
        }
    }

    /// The public JWK alone (no extra members), ready for `crypto.subtle.importKey("jwk", ...)`.
    pub fn to_jwk(&self) -> Value {
        let mut jwk = match self {
            PublicJwk::EcP256 { x, y, .. } => json!({"kty": "EC", "crv": "P-256", "x": x, "y": y}),
            PublicJwk::Rsa { n, e, .. } => json!({"kty": "RSA", "n": n, "e": e}),
        };
        if let Some(object) = jwk.as_object_mut() {
            object.insert("alg".into(), self.algorithm().into());
            if let Some(kid) = self.kid() {
                object.insert("kid".into(), kid.into());
            }
        }
        jwk
    }

    /// The same key material (the `kid` aside).
    pub fn same_key(&self, other: &PublicJwk) -> bool {
        match (self, other) {
            (PublicJwk::EcP256 { x, y, .. }, PublicJwk::EcP256 { x: x2, y: y2, .. }) => {
                x == x2 && y == y2
            }
            (PublicJwk::Rsa { n, e, .. }, PublicJwk::Rsa { n: n2, e: e2, .. }) => {
                n == n2 && e == e2
            }
            _ => false,
        }
    }

    /// RFC 7638 SHA-256 thumbprint (base64url): a short fingerprint the admin and the vendor
    /// can compare.
    pub fn thumbprint(&self) -> String {
        // Required members only, in lexicographic order, no whitespace (RFC 7638 section 3).
        let canonical = match self {
            PublicJwk::EcP256 { x, y, .. } => {
                format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#)
            }
            PublicJwk::Rsa { n, e, .. } => format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#),
        };
        URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
    }
}

/// Checks a public JWK outside `config.json` (a start message's `publicKey`) by the same rules
/// as `handoffPublicKey`. The error lists every problem, each under `key` or `key.member`.
pub fn parse_public_jwk(value: &Value, key: &str) -> Result<PublicJwk, String> {
    let mut problems = Problems::default();
    match parse_public_key(value, key, &mut problems) {
        Some(jwk) if problems.is_empty() => Ok(jwk),
        _ => {
            let all: Vec<String> = problems
                .into_vec()
                .iter()
                .map(ToString::to_string)
                .collect();
            Err(if all.is_empty() {
                format!("{key}: is not a usable public key")
            } else {
                all.join("; ")
            })
        }
    }
}

/// Checks `handoffPublicKey`; every problem goes to `problems` under `key` or `key.member`.
pub(crate) fn parse_public_key(
    value: &Value,
    key: &str,
    problems: &mut Problems,
) -> Option<PublicJwk> {
    let Some(jwk) = value.as_object() else {
        problems.add(key, "must be a JSON object: the dashboard's public key as a JWK, like {\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"...\", \"y\": \"...\"}");
        return None;
    };
    let before = problems.len();
    let private: Vec<&str> = PRIVATE_MEMBERS
        .into_iter()
        .filter(|m| jwk.contains_key(*m))
        .collect();
    if !private.is_empty() {
        problems.add(key, format!(
            "this JWK contains private key material ({}). config.json is public, so that key is now exposed: remove those members, generate a NEW key pair, and give the dashboard the new private key",
            private.join(", ")
        ));
    }
    let kid = optional_string(jwk, "kid", key, problems);
    if let Some(usage) = optional_string(jwk, "use", key, problems)
        && usage != "enc"
    {
        problems.add(
            format!("{key}.use"),
            format!(
                "is {usage:?}; this key encrypts the hand-off: write \"enc\" or leave \"use\" out"
            ),
        );
    }
    let alg = optional_string(jwk, "alg", key, problems);
    let parsed = match jwk.get("kty").map(Value::as_str) {
        None => {
            problems.add(
                format!("{key}.kty"),
                "is missing: write \"EC\" (P-256) or \"RSA\"",
            );
            None
        }
        Some(None) => {
            problems.add(format!("{key}.kty"), "must be a string: \"EC\" or \"RSA\"");
            None
        }
        Some(Some("EC")) => parse_ec(jwk, key, kid, problems),
        Some(Some("RSA")) => parse_rsa(jwk, key, kid, problems),
        Some(Some("oct")) => {
            problems.add(format!("{key}.kty"), "\"oct\" is a shared secret, not a public key: give the dashboard's public key, \"EC\" (P-256) or \"RSA\"");
            None
        }
        Some(Some(other)) => {
            problems.add(
                format!("{key}.kty"),
                format!("{other:?} is not supported: write \"EC\" (P-256) or \"RSA\""),
            );
            None
        }
    };
    if let (Some(jwk), Some(alg)) = (&parsed, alg)
        && alg != jwk.algorithm()
    {
        problems.add(
            format!("{key}.alg"),
            format!(
                "is {alg:?}, but this key is used with {}: write that or leave \"alg\" out",
                jwk.algorithm()
            ),
        );
    }
    if problems.len() == before {
        parsed
    } else {
        None
    }
}

fn parse_ec(
    jwk: &Map<String, Value>,
    key: &str,
    kid: Option<String>,
    problems: &mut Problems,
) -> Option<PublicJwk> {
    match jwk.get("crv").map(Value::as_str) {
        Some(Some("P-256")) => {}
        Some(Some(other)) => {
            problems.add(
                format!("{key}.crv"),
                format!("{other:?} is not supported: only \"P-256\" keys are accepted"),
            );
        }
        _ => problems.add(format!("{key}.crv"), "is missing: write \"P-256\""),
    }
    let x = coordinate(jwk, "x", key, problems);
    let y = coordinate(jwk, "y", key, problems);
    Some(PublicJwk::EcP256 { x: x?, y: y?, kid })
}

/// A P-256 coordinate: exactly 32 bytes, base64url without padding (RFC 7518 section 6.2.1.2).
fn coordinate(
    jwk: &Map<String, Value>,
    member: &str,
    key: &str,
    problems: &mut Problems,
) -> Option<String> {
    let (text, bytes) = base64url_member(jwk, member, key, problems)?;
    if bytes.len() != 32 {
        problems.add(format!("{key}.{member}"), format!(
            "decodes to {} bytes; a P-256 coordinate is exactly 32 bytes (43 base64url characters)",
            bytes.len()
        ));
        return None;
    }
    Some(text)
}

fn parse_rsa(
    jwk: &Map<String, Value>,
    key: &str,
    kid: Option<String>,
    problems: &mut Problems,
) -> Option<PublicJwk> {
    let n = base64url_member(jwk, "n", key, problems).and_then(|(text, bytes)| {
        let bits = bit_length(&bytes);
        if bits < MIN_RSA_BITS {
            problems.add(
                format!("{key}.n"),
                format!(
                    "the modulus has {bits} bits; use an RSA key of at least {MIN_RSA_BITS} bits"
                ),
            );
            None
        } else if bytes.last().is_some_and(|b| b % 2 == 0) {
            problems.add(
                format!("{key}.n"),
                "is even, so it is not an RSA modulus: copy the key's \"n\" again",
            );
            None
        } else {
            Some(text)
        }
    });
    let e = base64url_member(jwk, "e", key, problems).and_then(|(text, bytes)| {
        let odd_and_above_one = bytes.last().is_some_and(|b| b % 2 == 1) && bit_length(&bytes) > 1;
        if bytes.len() > 8 || !odd_and_above_one {
            problems.add(
                format!("{key}.e"),
                "is not a usable RSA exponent: it is almost always \"AQAB\" (65537)",
            );
            None
        } else {
            Some(text)
        }
    });
    Some(PublicJwk::Rsa { n: n?, e: e?, kid })
}

/// Reads a required base64url member; returns its text and decoded bytes.
fn base64url_member(
    jwk: &Map<String, Value>,
    member: &str,
    key: &str,
    problems: &mut Problems,
) -> Option<(String, Vec<u8>)> {
    let path = format!("{key}.{member}");
    let Some(value) = jwk.get(member) else {
        problems.add(path, "is missing");
        return None;
    };
    let Some(text) = value.as_str() else {
        problems.add(path, "must be a base64url string");
        return None;
    };
    if text.ends_with('=') {
        problems.add(
            path,
            "remove the = padding: JWK values are base64url without padding",
        );
        return None;
    }
    match URL_SAFE_NO_PAD.decode(text) {
        Ok(bytes) => Some((text.to_owned(), bytes)),
        Err(_) => {
            problems.add(
                path,
                "is not base64url (letters, digits, - and _ only; + and / belong to plain base64)",
            );
            None
        }
    }
}

fn optional_string(
    jwk: &Map<String, Value>,
    member: &str,
    key: &str,
    problems: &mut Problems,
) -> Option<String> {
    match jwk.get(member)? {
        Value::String(text) if !text.is_empty() => Some(text.clone()),
        Value::String(_) => {
            problems.add(
                format!("{key}.{member}"),
                "is empty: give a value or leave it out",
            );
            None
        }
        _ => {
            problems.add(format!("{key}.{member}"), "must be a string");
            None
        }
    }
}

/// Significant bits of a big-endian unsigned integer.
fn bit_length(bytes: &[u8]) -> usize {
    match bytes.iter().position(|b| *b != 0) {
        None => 0,
        Some(first) => (bytes.len() - first) * 8 - bytes[first].leading_zeros() as usize,
    }
}

#[cfg(test)]
mod tests;
