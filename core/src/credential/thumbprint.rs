//! Names of a certificate: hashes of its whole DER.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The SHA-256 thumbprint in uppercase hex without separators, shown to the admin (the form
/// `openssl x509 -fingerprint -sha256` prints, without its colons).
pub fn thumbprint_sha256(certificate_der: &[u8]) -> String {
    hex_upper(&Sha256::digest(certificate_der))
}

/// The SHA-1 thumbprint in uppercase hex: what the Entra admin center lists as a
/// certificate's "Thumbprint", and what Windows' certificate store and PowerShell show.
pub fn thumbprint_sha1(certificate_der: &[u8]) -> String {
    hex_upper(&Sha1::digest(certificate_der))
}

/// The `x5t` header of a client assertion: the SHA-1 thumbprint in base64url without padding
/// (RFC 7515 §4.1.7), which Entra uses to find the certificate.
pub fn x5t(certificate_der: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(Sha1::digest(certificate_der))
}

/// The `x5t#S256` header: the SHA-256 thumbprint in base64url (RFC 7515 §4.1.8).
pub fn x5t_s256(certificate_der: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(certificate_der))
}

fn hex_upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut hex = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    // FIPS 180-4 examples ("abc"), and RFC 4648 §5's alphabet.
    #[test]
    fn thumbprints_of_known_input() {
        assert_eq!(
            thumbprint_sha1(b"abc"),
            "A9993E364706816ABA3E25717850C26C9CD0D89D"
        );
        assert_eq!(
            thumbprint_sha256(b"abc"),
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
        );
        assert_eq!(x5t(b"abc"), "qZk-NkcGgWq6PiVxeFDCbJzQ2J0");
        assert_eq!(
            x5t_s256(b"abc"),
            "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0"
        );
    }
}
