//! PEM (RFC 7468): base64 in lines of 64 characters between labelled lines.

use super::error::CredentialError;
use super::private_key::rsa_modulus;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The certificate as PEM, `-----BEGIN CERTIFICATE-----` (RFC 7468 §5).
pub fn certificate_pem(certificate_der: &[u8]) -> String {
    encode("CERTIFICATE", certificate_der)
}

/// The private key as PEM, `-----BEGIN PRIVATE KEY-----` (RFC 7468 §10), from the PKCS#8
/// PrivateKeyInfo WebCrypto exports (`exportKey("pkcs8")`). The DER is checked first: one
/// RSA private key.
pub fn private_key_pem(pkcs8_der: &[u8]) -> Result<String, CredentialError> {
    rsa_modulus(pkcs8_der)?;
    Ok(encode("PRIVATE KEY", pkcs8_der))
}

fn encode(label: &str, der: &[u8]) -> String {
    // Standard base64 (RFC 4648 §4) is base64url (§5, which the app already carries for
    // PKCE and `x5t`) with `+` and `/` for `-` and `_`, padded with `=` to whole quanta.
    let body = URL_SAFE_NO_PAD.encode(der);
    let padding = (4 - body.len() % 4) % 4;
    let mut pem = String::with_capacity(body.len() + body.len() / 64 + 2 * label.len() + 40);
    pem.push_str("-----BEGIN ");
    pem.push_str(label);
    pem.push_str("-----\n");
    let standard = body
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .chain(core::iter::repeat_n('=', padding));
    for (i, c) in standard.enumerate() {
        if i > 0 && i % 64 == 0 {
            pem.push('\n');
        }
        pem.push(c);
    }
    pem.push('\n');
    pem.push_str("-----END ");
    pem.push_str(label);
    pem.push_str("-----\n");
    pem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_64_characters_between_labels() {
        let pem = certificate_pem(&[0xAB; 100]);
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN CERTIFICATE-----"));
        assert_eq!(lines.last(), Some(&"-----END CERTIFICATE-----"));
        // 100 bytes are 136 base64 characters: 64, 64, 8.
        assert_eq!(
            lines[1..lines.len() - 1]
                .iter()
                .map(|l| l.len())
                .collect::<Vec<_>>(),
            [64, 64, 8]
        );
        assert!(pem.ends_with("-----\n"));
    }

    #[test]
    fn the_body_is_standard_padded_base64() {
        // 0xFB 0xFF encodes to "+/8=" in RFC 4648 §4 ("-_8" in base64url).
        let pem = certificate_pem(&[0xFB, 0xFF]);
        assert_eq!(
            pem,
            "-----BEGIN CERTIFICATE-----\n+/8=\n-----END CERTIFICATE-----\n"
        );
        assert!(certificate_pem(&[1, 2, 3]).contains("\nAQID\n"));
        assert!(certificate_pem(&[1]).contains("\nAQ==\n"));
    }

    #[test]
    fn a_private_key_that_is_not_pkcs8_is_refused() {
        assert!(private_key_pem(b"not DER").is_err());
        // A SubjectPublicKeyInfo-shaped SEQUENCE is no PrivateKeyInfo.
        assert!(private_key_pem(&[0x30, 0x03, 0x02, 0x01, 0x05]).is_err());
    }
}
