//! PKCE (RFC 7636) with the S256 method only: the verifier stays in this tab, its SHA-256
//! hash travels in the authorize URL, and the token endpoint checks one against the other.

use sha2::{Digest, Sha256};

use super::encoding::base64url;

/// A PKCE code verifier: 32 random bytes as base64url, 43 characters (RFC 7636 §4.1).
///
/// It is a secret until the code is redeemed: `Debug` never prints it.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct CodeVerifier(String);

impl CodeVerifier {
    /// Builds a verifier from 32 random bytes supplied by the caller (WebCrypto in the browser).
    pub fn from_random(bytes: &[u8; 32]) -> Self {
        Self(base64url(bytes))
    }

    /// Wraps a verifier received from elsewhere (test vectors, the page's command to the worker,
    /// which carries the pending sign-in in memory). Returns `None` unless
    /// it has 43 to 128 characters of `[A-Za-z0-9-._~]`, as RFC 7636 §4.1 requires.
    pub fn from_string(verifier: &str) -> Option<Self> {
        let valid_len = (43..=128).contains(&verifier.len());
        let valid_chars = verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
        (valid_len && valid_chars).then(|| Self(verifier.to_owned()))
    }

    /// The verifier itself, for the token request body.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// The S256 challenge: base64url(SHA-256(ASCII(verifier))), for the authorize URL.
    pub fn challenge(&self) -> String {
        base64url(&Sha256::digest(self.0.as_bytes()))
    }
}

impl core::fmt::Debug for CodeVerifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("CodeVerifier(<redacted>)")
    }
}

/// The only challenge method we send: `plain` would put the verifier itself in the URL.
pub const CHALLENGE_METHOD: &str = "S256";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        let verifier = CodeVerifier::from_string("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
            .expect("the RFC vector is a valid verifier");
        assert_eq!(
            verifier.challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn rfc7636_appendix_b_octets_give_the_same_verifier() {
        // The 32 octets listed in RFC 7636 Appendix B.
        let octets: [u8; 32] = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let verifier = CodeVerifier::from_random(&octets);
        assert_eq!(
            verifier.secret(),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
    }

    #[test]
    fn verifier_from_random_bytes_is_43_unreserved_chars() {
        let verifier = CodeVerifier::from_random(&[0xff; 32]);
        assert_eq!(verifier.secret().len(), 43);
        assert!(CodeVerifier::from_string(verifier.secret()).is_some());
        assert_eq!(verifier.challenge().len(), 43);
    }

    #[test]
    fn invalid_verifiers_are_refused() {
        assert!(CodeVerifier::from_string("too-short").is_none());
        assert!(CodeVerifier::from_string(&"a".repeat(129)).is_none());
        assert!(CodeVerifier::from_string(&format!("{}+/", "a".repeat(43))).is_none());
    }

    #[test]
    fn debug_does_not_leak_the_verifier() {
        let verifier = CodeVerifier::from_random(&[7; 32]);
        assert!(!format!("{verifier:?}").contains(verifier.secret()));
    }
}
