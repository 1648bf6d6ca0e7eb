//! The public key as WebCrypto exports it (`exportKey("spki")`), checked before it is signed
//! into a certificate.

use der::Tag;

use super::asn1::{Element, NULL, RSA_ENCRYPTION};
use super::error::CredentialError;

/// An RSA public key, checked.
pub struct RsaKey<'a> {
    /// The subjectPublicKey bytes (the DER RSAPublicKey), which the subject key identifier
    /// hashes.
    pub subject_public_key: &'a [u8],
    /// The modulus, big-endian without leading zeros.
    pub modulus: &'a [u8],
    /// The modulus length in octets: the length of every RSASSA-PKCS1-v1_5 signature
    /// (RFC 8017 §8.2.1).
    pub modulus_octets: usize,
}

/// The smallest modulus accepted: Entra and the issue ask for RSA 2048 or larger.
const MIN_MODULUS_BITS: usize = 2048;

/// Checks that `spki_der` is exactly one RSA SubjectPublicKeyInfo (RFC 5280 §4.1.2.7:
/// rsaEncryption with NULL parameters, RFC 3279 §2.3.1) of at least 2048 bits.
pub fn rsa_public_key(spki_der: &[u8]) -> Result<RsaKey<'_>, CredentialError> {
    let bad = CredentialError::PublicKey;
    let spki = Element::only(spki_der)
        .and_then(|e| e.sequence())
        .ok_or(bad("not a DER SubjectPublicKeyInfo"))?;
    let [algorithm, key] = spki.as_slice() else {
        return Err(bad("not a DER SubjectPublicKeyInfo"));
    };
    match algorithm.sequence().as_deref() {
        Some([id, parameters]) if id.is_oid(&RSA_ENCRYPTION) => {
            if parameters.raw != NULL {
                return Err(bad("rsaEncryption parameters must be NULL"));
            }
        }
        _ => return Err(bad("not an RSA key (rsaEncryption)")),
    }
    // BIT STRING: the count of unused bits, then the bits (X.690 §8.6).
    let subject_public_key = match (key.tag, key.content.split_first()) {
        (Tag::BitString, Some((0, bits))) => bits,
        _ => return Err(bad("subjectPublicKey is not a whole-byte BIT STRING")),
    };
    // RSAPublicKey (RFC 8017 appendix A.1.1).
    let rsa = Element::only(subject_public_key)
        .and_then(|e| e.sequence())
        .ok_or(bad("not a DER RSAPublicKey"))?;
    let (modulus, exponent) = match rsa.as_slice() {
        [n, e] => (n.unsigned(), e.unsigned()),
        _ => (None, None),
    };
    let (Some(modulus), Some(exponent)) = (modulus, exponent) else {
        return Err(bad("not a DER RSAPublicKey"));
    };
    let bits = match modulus.first() {
        Some(&top) => modulus.len() * 8 - top.leading_zeros() as usize,
        None => 0,
    };
    if bits < MIN_MODULUS_BITS {
        return Err(bad("RSA modulus shorter than 2048 bits"));
    }
    if exponent.is_empty() {
        return Err(bad("RSA public exponent is zero"));
    }
    Ok(RsaKey {
        subject_public_key,
        modulus,
        modulus_octets: modulus.len(),
    })
}
