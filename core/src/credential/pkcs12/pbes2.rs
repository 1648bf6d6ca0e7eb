//! PBES2 encryption (RFC 8018 §6.2) with PBKDF2-HMAC-SHA-256 and AES-256-CBC, written as
//! OpenSSL 3 writes it: PBKDF2-params without keyLength, prf hmacWithSHA256 with NULL.

use der::asn1::{AnyRef, OctetStringRef};
use der::{Encode, Sequence};

use super::super::asn1::{AES256_CBC, AlgorithmIdentifier, HMAC_WITH_SHA256, PBES2, PBKDF2};
use super::super::error::CredentialError;
use super::crypto::Pkcs12Crypto;

/// PBKDF2-params (RFC 8018 appendix A.2).
#[derive(Sequence)]
struct Pbkdf2Params<'a> {
    salt: OctetStringRef<'a>,
    iteration_count: u32,
    prf: AlgorithmIdentifier<'a>,
}

/// PBES2-params (RFC 8018 appendix A.4).
#[derive(Sequence)]
struct Pbes2Params<'a> {
    key_derivation_func: AlgorithmIdentifier<'a>,
    encryption_scheme: AlgorithmIdentifier<'a>,
}

/// Ciphertext and the DER AlgorithmIdentifier that says how to decrypt it.
pub struct Encrypted {
    pub algorithm_der: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

pub async fn encrypt(
    crypto: &impl Pkcs12Crypto,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    iv: &[u8; 16],
    plaintext: &[u8],
) -> Result<Encrypted, CredentialError> {
    let key = crypto
        .pbkdf2_hmac_sha256(password, salt, iterations)
        .await
        .map_err(|failure| CredentialError::Crypto(format!("PBKDF2: {}", failure.0)))?;
    let ciphertext = crypto
        .aes256_cbc_encrypt(&key, iv, plaintext)
        .await
        .map_err(|failure| CredentialError::Crypto(format!("AES-CBC: {}", failure.0)))?;
    // PKCS#7 padding always adds 1 to 16 bytes.
    let padded = (plaintext.len() / 16 + 1) * 16;
    if ciphertext.len() != padded {
        return Err(CredentialError::Crypto(format!(
            "AES-CBC returned {} bytes for {}: not PKCS#7 padded",
            ciphertext.len(),
            plaintext.len()
        )));
    }

    let pbkdf2_params = Pbkdf2Params {
        salt: OctetStringRef::new(salt)?,
        iteration_count: iterations,
        prf: AlgorithmIdentifier::with_null(HMAC_WITH_SHA256),
    }
    .to_der()?;
    // AES-CBC parameters: the IV (RFC 3565 §4.1).
    let iv_der = OctetStringRef::new(iv)?.to_der()?;
    let pbes2_params = Pbes2Params {
        key_derivation_func: AlgorithmIdentifier {
            algorithm: PBKDF2,
            parameters: Some(AnyRef::try_from(pbkdf2_params.as_slice())?),
        },
        encryption_scheme: AlgorithmIdentifier {
            algorithm: AES256_CBC,
            parameters: Some(AnyRef::try_from(iv_der.as_slice())?),
        },
    }
    .to_der()?;
    let algorithm_der = AlgorithmIdentifier {
        algorithm: PBES2,
        parameters: Some(AnyRef::try_from(pbes2_params.as_slice())?),
    }
    .to_der()?;
    Ok(Encrypted {
        algorithm_der,
        ciphertext,
    })
}
