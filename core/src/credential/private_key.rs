//! The private key as WebCrypto exports it (`exportKey("pkcs8")`), checked before it is
//! written out.

use der::asn1::{AnyRef, OctetStringRef, UintRef};
use der::{Decode, Sequence};

use super::asn1::{AlgorithmIdentifier, RSA_ENCRYPTION};
use super::error::CredentialError;

/// OneAsymmetricKey (RFC 5958 §2); PrivateKeyInfo (RFC 5208 §5) is its version 0.
#[derive(Sequence)]
struct OneAsymmetricKey<'a> {
    version: u8,
    private_key_algorithm: AlgorithmIdentifier<'a>,
    private_key: OctetStringRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    attributes: Option<AnyRef<'a>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    public_key: Option<AnyRef<'a>>,
}

/// RSAPrivateKey with two primes, the only kind WebCrypto makes (RFC 8017 appendix A.1.2).
#[derive(Sequence)]
struct RsaPrivateKey<'a> {
    version: u8,
    modulus: UintRef<'a>,
    public_exponent: UintRef<'a>,
    private_exponent: UintRef<'a>,
    prime1: UintRef<'a>,
    prime2: UintRef<'a>,
    exponent1: UintRef<'a>,
    exponent2: UintRef<'a>,
    coefficient: UintRef<'a>,
}

/// Checks that `pkcs8_der` is exactly one PKCS#8 RSA private key and returns its modulus
/// (big-endian, no leading zeros), to match it with the certificate's.
pub fn rsa_modulus(pkcs8_der: &[u8]) -> Result<&[u8], CredentialError> {
    let info = OneAsymmetricKey::from_der(pkcs8_der)
        .map_err(|_| CredentialError::PrivateKey("not a DER PKCS#8 PrivateKeyInfo"))?;
    if info.version > 1 {
        return Err(CredentialError::PrivateKey("unknown PKCS#8 version"));
    }
    if info.private_key_algorithm.algorithm != RSA_ENCRYPTION {
        return Err(CredentialError::PrivateKey(
            "not an RSA key (rsaEncryption)",
        ));
    }
    let key = RsaPrivateKey::from_der(info.private_key.as_bytes())
        .map_err(|_| CredentialError::PrivateKey("not a two-prime DER RSAPrivateKey"))?;
    if key.version != 0 {
        return Err(CredentialError::PrivateKey(
            "not a two-prime RSAPrivateKey (version 0)",
        ));
    }
    Ok(key.modulus.as_bytes())
}
