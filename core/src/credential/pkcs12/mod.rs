//! The `.pfx` for the backup server (RFC 7292), as `openssl pkcs12 -export` of OpenSSL 3
//! writes it by default:
//!
//! - PFX version 3; its AuthenticatedSafe holds two ContentInfos, in this order:
//!   1. EncryptedData (PBES2) of a SafeContents with the certificate's CertBag;
//!   2. Data: a SafeContents with the key's PKCS8ShroudedKeyBag (PBES2);
//! - PBES2 = PBKDF2 with HMAC-SHA-256, 2048 iterations, and AES-256-CBC (RFC 8018);
//! - both bags carry friendlyName and localKeyId (the certificate's SHA-1);
//! - MacData: HMAC-SHA-256 over the AuthenticatedSafe with the RFC 7292 appendix B key
//!   (SHA-256, 2048 iterations).
//!
//! Salts are 16 bytes (OpenSSL uses 8; RFC 8018 §4.1 asks for at least 8, NIST SP 800-132
//! for 16). The PBKDF2, AES and HMAC calls go through [`Pkcs12Crypto`] (WebCrypto in the
//! browser); the MAC key derivation is SHA-256 iterated, done here.

mod bags;
pub mod crypto;
mod mac;
mod pbes2;

use sha1::{Digest, Sha1};

use super::asn1::{
    DATA, ENCRYPTED_DATA, NULL, SHA256, algorithm, implicit_primitive, octet_string, oid, sequence,
    small_unsigned,
};
use super::certificate::certificate_public_key;
use super::error::CredentialError;
use super::private_key::rsa_modulus;
use super::public_key::rsa_public_key;
use bags::content_info;
pub use crypto::{CryptoFailure, Pkcs12Crypto};

/// PBKDF2 and MAC iterations: OpenSSL 3's default (`PKCS12_DEFAULT_ITER`).
pub const ITERATIONS: u32 = 2048;

/// Salt length in bytes, for PBKDF2 and for the MAC.
pub const SALT_LEN: usize = 16;

/// AES block and IV length in bytes.
pub const IV_LEN: usize = 16;

/// How many random bytes [`Pkcs12Random::from_bytes`] takes.
pub const PKCS12_RANDOM_BYTES: usize = 3 * SALT_LEN + 2 * IV_LEN;

/// The random inputs of one `.pfx`; each file needs fresh ones (`crypto.getRandomValues`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pkcs12Random {
    pub certificate_salt: [u8; SALT_LEN],
    pub certificate_iv: [u8; IV_LEN],
    pub key_salt: [u8; SALT_LEN],
    pub key_iv: [u8; IV_LEN],
    pub mac_salt: [u8; SALT_LEN],
}

// `from_bytes` cuts 16-byte pieces.
const _: () = assert!(SALT_LEN == 16 && IV_LEN == 16);

impl Pkcs12Random {
    /// Splits `random` into the salts and IVs, in field order.
    pub fn from_bytes(random: &[u8; PKCS12_RANDOM_BYTES]) -> Self {
        let mut parts = random.chunks_exact(16).map(|chunk| {
            let mut part = [0u8; 16];
            part.copy_from_slice(chunk);
            part
        });
        let mut next = || parts.next().unwrap_or_default();
        Self {
            certificate_salt: next(),
            certificate_iv: next(),
            key_salt: next(),
            key_iv: next(),
            mac_salt: next(),
        }
    }
}

/// What goes into the `.pfx`.
#[derive(Clone, Copy, Debug)]
pub struct Pkcs12Contents<'a> {
    /// The certificate, DER (from [`super::certificate_der`]).
    pub certificate_der: &'a [u8],
    /// Its private key, PKCS#8 DER (WebCrypto `exportKey("pkcs8")`).
    pub private_key_pkcs8_der: &'a [u8],
    /// The name Windows and OpenSSL show for the key and certificate: the app's display name.
    pub friendly_name: &'a str,
}

/// The `.pfx` file: the key and its certificate, encrypted and MACed with `password`.
///
/// The password must be printable ASCII (as from [`super::password::pfx_password`]):
/// implementations disagree on how other characters reach PBKDF2 (RFC 7292 appendix B.1
/// versus RFC 8018's octet strings), so they are refused rather than risked. The key must
/// be the certificate's.
pub async fn pkcs12_der(
    crypto: &impl Pkcs12Crypto,
    contents: &Pkcs12Contents<'_>,
    password: &str,
    random: &Pkcs12Random,
) -> Result<Vec<u8>, CredentialError> {
    check_password(password)?;
    let spki = certificate_public_key(contents.certificate_der)?;
    if rsa_public_key(spki)?.modulus != rsa_modulus(contents.private_key_pkcs8_der)? {
        return Err(CredentialError::PrivateKey("not the certificate's key"));
    }
    let attributes = bags::bag_attributes(
        contents.friendly_name,
        &Sha1::digest(contents.certificate_der),
    )?;

    // 1. The certificate, in an encrypted SafeContents (a SEQUENCE OF SafeBag).
    let certificates = sequence(&[&bags::cert_bag(contents.certificate_der, &attributes)?])?;
    let encrypted = pbes2::encrypt(
        crypto,
        password.as_bytes(),
        &random.certificate_salt,
        ITERATIONS,
        &random.certificate_iv,
        &certificates,
    )
    .await?;
    // EncryptedData (RFC 5652 §8): version 0, EncryptedContentInfo (§6.1) whose
    // encryptedContent is `[0] IMPLICIT OCTET STRING`.
    let encrypted_data = sequence(&[
        &small_unsigned(0)?,
        &sequence(&[
            &oid(&DATA)?,
            &encrypted.algorithm_der,
            &implicit_primitive(0, &encrypted.ciphertext)?,
        ])?,
    ])?;
    let certificate_info = content_info(&ENCRYPTED_DATA, &encrypted_data)?;

    // 2. The key, shrouded, in a plain SafeContents.
    let shrouded = pbes2::encrypt(
        crypto,
        password.as_bytes(),
        &random.key_salt,
        ITERATIONS,
        &random.key_iv,
        contents.private_key_pkcs8_der,
    )
    .await?;
    let keys = sequence(&[&bags::shrouded_key_bag(
        &shrouded.algorithm_der,
        &shrouded.ciphertext,
        &attributes,
    )?])?;
    let key_info = content_info(&DATA, &octet_string(&keys)?)?;

    // AuthenticatedSafe: a SEQUENCE OF ContentInfo, MACed as the Data's octets.
    let authenticated_safe = sequence(&[&certificate_info, &key_info])?;
    let mac_key = mac::derive(
        &mac::bmp_password(password),
        &random.mac_salt,
        mac::ID_MAC,
        ITERATIONS,
        32,
    );
    let digest = crypto
        .hmac_sha256(&mac_key, &authenticated_safe)
        .await
        .map_err(|failure| CredentialError::Crypto(format!("HMAC: {}", failure.0)))?;

    // MacData (RFC 7292 §4): DigestInfo (RFC 8017 §9.2), macSalt, iterations.
    let mac_data = sequence(&[
        &sequence(&[&algorithm(&SHA256, NULL)?, &octet_string(&digest)?])?,
        &octet_string(&random.mac_salt)?,
        &small_unsigned(ITERATIONS)?,
    ])?;
    // PFX (RFC 7292 §4): version 3, authSafe (Data), macData.
    sequence(&[
        &small_unsigned(3)?,
        &content_info(&DATA, &octet_string(&authenticated_safe)?)?,
        &mac_data,
    ])
}

fn check_password(password: &str) -> Result<(), CredentialError> {
    if password.is_empty() {
        return Err(CredentialError::Password("empty"));
    }
    if !password.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        return Err(CredentialError::Password("not printable ASCII"));
    }
    Ok(())
}
