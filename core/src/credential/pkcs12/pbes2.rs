//! PBES2 encryption (RFC 8018 §6.2) with PBKDF2-HMAC-SHA-256 and AES-256-CBC, written as
//! OpenSSL 3 writes it: PBKDF2-params without keyLength, prf hmacWithSHA256 with NULL.

use super::super::asn1::{
    AES256_CBC, HMAC_WITH_SHA256, NULL, PBES2, PBKDF2, algorithm, octet_string, sequence,
    small_unsigned,
};
use super::super::error::CredentialError;
use super::crypto::Pkcs12Crypto;

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

    // PBKDF2-params (RFC 8018 appendix A.2): salt, iterationCount, prf (no keyLength).
    let pbkdf2_params = sequence(&[
        &octet_string(salt)?,
        &small_unsigned(iterations)?,
        &algorithm(&HMAC_WITH_SHA256, NULL)?,
    ])?;
    // PBES2-params (RFC 8018 appendix A.4); AES-CBC's parameter is the IV (RFC 3565 §4.1).
    let pbes2_params = sequence(&[
        &algorithm(&PBKDF2, &pbkdf2_params)?,
        &algorithm(&AES256_CBC, &octet_string(iv)?)?,
    ])?;
    let algorithm_der = algorithm(&PBES2, &pbes2_params)?;
    Ok(Encrypted {
        algorithm_der,
        ciphertext,
    })
}
