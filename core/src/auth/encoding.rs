//! Small encoding helpers shared by the sign-in modules: base64url, constant-time comparison,
//! GUID recognition.

use base64::Engine as _;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// base64url without padding for encoding; decoding accepts input with or without padding.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Encodes bytes as base64url without padding (RFC 4648 §5), as PKCE and JWTs use it.
pub(crate) fn base64url(bytes: &[u8]) -> String {
    BASE64URL.encode(bytes)
}

/// Decodes base64url, with or without padding. `None` on any invalid input.
pub(crate) fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    BASE64URL.decode(text).ok()
}

/// Compares two strings without stopping at the first differing byte, so the time taken does
/// not tell an attacker how much of a guessed `state` was right. Lengths are not secret.
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trip_with_and_without_padding() {
        let bytes = b"any carnal pleas";
        let encoded = base64url(bytes);
        assert!(!encoded.contains('='));
        assert_eq!(base64url_decode(&encoded).as_deref(), Some(&bytes[..]));
        assert_eq!(
            base64url_decode(&format!("{encoded}==")).as_deref(),
            Some(&bytes[..])
        );
        assert_eq!(base64url_decode("not base64url!"), None);
    }

    #[test]
    fn constant_time_eq_compares_exactly() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
        assert!(!constant_time_eq("ABC", "abc"));
        assert!(constant_time_eq("", ""));
    }
}
