//! The public key as WebCrypto exports it (`exportKey("spki")`), checked before it is signed
//! into a certificate.

use der::asn1::{BitStringRef, Null, UintRef};
use der::{Decode, Sequence};

use super::asn1::{AlgorithmIdentifier, RSA_ENCRYPTION};
use super::error::CredentialError;

/// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
#[derive(Sequence)]
struct SubjectPublicKeyInfo<'a> {
    algorithm: AlgorithmIdentifier<'a>,
    subject_public_key: BitStringRef<'a>,
}

/// RSAPublicKey (RFC 8017 appendix A.1.1).
#[derive(Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    public_exponent: UintRef<'a>,
}

/// The smallest modulus accepted: Entra and the issue ask for RSA 2048 or larger.
const MIN_MODULUS_BITS: usize = 2048;

/// An RSA public key, checked.
pub struct RsaKey<'a> {
    /// The subjectPublicKey bytes (the DER RSAPublicKey), which the subject key identifier
    /// hashes.
    pub subject_public_key: &'a [u8],
    /// The modulus length in octets: the length of every RSASSA-PKCS1-v1_5 signature
    /// (RFC 8017 §8.2.1).
    pub modulus_octets: usize,
    /// The modulus, big-endian without leading zeros.
    pub modulus: &'a [u8],
}

/// Checks that `spki_der` is exactly one RSA SubjectPublicKeyInfo (rsaEncryption with NULL
/// parameters, RFC 3279 §2.3.1) of at least 2048 bits.
pub fn rsa_public_key(spki_der: &[u8]) -> Result<RsaKey<'_>, CredentialError> {
    let spki = SubjectPublicKeyInfo::from_der(spki_der)
        .map_err(|_| CredentialError::PublicKey("not a DER SubjectPublicKeyInfo"))?;
    if spki.algorithm.algorithm != RSA_ENCRYPTION {
        return Err(CredentialError::PublicKey("not an RSA key (rsaEncryption)"));
    }
    match spki.algorithm.parameters {
        Some(parameters) if parameters.decode_as::<Null>().is_ok() => {}
        _ => {
            return Err(CredentialError::PublicKey(
                "rsaEncryption parameters must be NULL",
            ));
        }
    }
    let key = spki
        .subject_public_key
        .as_bytes()
        .ok_or(CredentialError::PublicKey(
            "subjectPublicKey has unused bits",
        ))?;
    let rsa = RsaPublicKey::from_der(key)
        .map_err(|_| CredentialError::PublicKey("not a DER RSAPublicKey"))?;
    let modulus = rsa.modulus.as_bytes();
    let bits = match modulus.first() {
        Some(&top) => modulus.len() * 8 - top.leading_zeros() as usize,
        None => 0,
    };
    if bits < MIN_MODULUS_BITS {
        return Err(CredentialError::PublicKey(
            "RSA modulus shorter than 2048 bits",
        ));
    }
    if rsa.public_exponent.as_bytes().is_empty() {
        return Err(CredentialError::PublicKey("RSA public exponent is zero"));
    }
    Ok(RsaKey {
        subject_public_key: key,
        modulus_octets: bits.div_ceil(8),
        modulus,
    })
}
