//! The private key as WebCrypto exports it (`exportKey("pkcs8")`), checked before it is
//! written out.

use der::Tag;

use super::asn1::{Element, RSA_ENCRYPTION};
use super::error::CredentialError;

/// Checks that `pkcs8_der` is exactly one PKCS#8 RSA private key and returns its modulus
/// (big-endian, no leading zeros), to match it with the certificate's.
pub fn rsa_modulus(pkcs8_der: &[u8]) -> Result<&[u8], CredentialError> {
    let bad = CredentialError::PrivateKey;
    // OneAsymmetricKey (RFC 5958 §2); PrivateKeyInfo (RFC 5208 §5) is its version 0:
    // version, privateKeyAlgorithm, privateKey, then optional attributes and publicKey.
    let info = Element::only(pkcs8_der)
        .and_then(|e| e.sequence())
        .ok_or(bad("not a DER PKCS#8 PrivateKeyInfo"))?;
    let (version, algorithm, key) = match info.as_slice() {
        [version, algorithm, key, ..] if info.len() <= 5 => (version, algorithm, key),
        _ => return Err(bad("not a DER PKCS#8 PrivateKeyInfo")),
    };
    if !matches!(version.unsigned(), Some([] | [1])) {
        return Err(bad("unknown PKCS#8 version"));
    }
    let is_rsa = algorithm
        .sequence()
        .and_then(|parts| parts.first().map(|id| id.is_oid(&RSA_ENCRYPTION)));
    if is_rsa != Some(true) {
        return Err(bad("not an RSA key (rsaEncryption)"));
    }
    if key.tag != Tag::OctetString {
        return Err(bad("not a DER PKCS#8 PrivateKeyInfo"));
    }
    // RSAPrivateKey with two primes, the only kind WebCrypto makes (RFC 8017 appendix
    // A.1.2): version 0, n, e, d, p, q, dP, dQ, qInv.
    let rsa = Element::only(key.content)
        .and_then(|e| e.sequence())
        .ok_or(bad("not a DER RSAPrivateKey"))?;
    if rsa.len() != 9 || rsa.iter().any(|part| part.unsigned().is_none()) {
        return Err(bad("not a two-prime DER RSAPrivateKey"));
    }
    if rsa[0].unsigned() != Some(&[]) {
        return Err(bad("not a two-prime RSAPrivateKey (version 0)"));
    }
    rsa[1].unsigned().ok_or(bad("not a DER RSAPrivateKey"))
}
