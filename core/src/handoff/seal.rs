//! The sealed bundle: a JWE in compact serialization (RFC 7516 §7.1) only the backup server's
//! private key opens (docs/handoff.md, "The sealed bundle"). `alg` is ECDH-ES+A256KW for an EC
//! P-256 key (RFC 7518 §4.6) or RSA-OAEP-256 (RFC 7518 §4.3); `enc` is A256GCM (RFC 7518
//! §5.3). The core builds the header, the KDF and the serialization; the primitives come from
//! WebCrypto behind [`SealCrypto`].

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};

use super::concat_kdf::concat_kdf;
use crate::config::PublicJwk;
use crate::credential::pkcs12::CryptoFailure;

/// The content encryption (`enc`).
pub const ENC: &str = "A256GCM";

/// AES-GCM's authentication tag: 128 bits, as RFC 7518 §5.3 requires.
const TAG_BYTES: usize = 16;

/// An ephemeral ECDH agreement: the ephemeral public key (`epk`) and the shared secret Z.
/// `Debug` does not show Z.
pub struct EcdhAgreement {
    /// The ephemeral public point, base64url without padding.
    pub x: String,
    pub y: String,
    /// Z, the x coordinate of the shared point (RFC 7518 §4.6.2).
    pub shared_secret: [u8; 32],
}

impl fmt::Debug for EcdhAgreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcdhAgreement")
            .field("x", &self.x)
            .field("y", &self.y)
            .finish_non_exhaustive()
    }
}

/// The primitives a JWE needs, which the browser gets from WebCrypto. Not `Send`: the
/// browser's implementation lives on one thread.
#[allow(async_fn_in_trait)]
pub trait SealCrypto {
    /// Cryptographically random bytes (`crypto.getRandomValues`).
    fn fill_random(&self, bytes: &mut [u8]) -> Result<(), CryptoFailure>;

    /// A new P-256 key pair agreed with the recipient's public point (`x`, `y` base64url):
    /// WebCrypto `generateKey({name: "ECDH", namedCurve: "P-256"})`, then `deriveBits` of 256
    /// bits with the recipient's key.
    async fn ecdh_p256_ephemeral(&self, x: &str, y: &str) -> Result<EcdhAgreement, CryptoFailure>;

    /// AES Key Wrap (RFC 3394) of `cek` under `kek`: 40 bytes. WebCrypto: `wrapKey("raw", cek,
    /// kek, "AES-KW")`.
    async fn aes256_key_wrap(
        &self,
        kek: &[u8; 32],
        cek: &[u8; 32],
    ) -> Result<Vec<u8>, CryptoFailure>;

    /// RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017 §7.1) to the key (`n`, `e`
    /// base64url). WebCrypto: `importKey("jwk", …, {name: "RSA-OAEP", hash: "SHA-256"})`, then
    /// `encrypt`.
    async fn rsa_oaep_256_encrypt(
        &self,
        n: &str,
        e: &str,
        cek: &[u8; 32],
    ) -> Result<Vec<u8>, CryptoFailure>;

    /// AES-256-GCM with a 128-bit tag: the ciphertext followed by the tag, as WebCrypto's
    /// `encrypt({name: "AES-GCM", iv, additionalData})` returns it.
    async fn aes256_gcm_encrypt(
        &self,
        key: &[u8; 32],
        iv: &[u8; 12],
        aad: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoFailure>;
}

/// Why the bundle could not be sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    /// A primitive failed; the browser's reason.
    Crypto(CryptoFailure),
    /// A primitive returned something of the wrong size.
    Malformed(&'static str),
}

impl fmt::Display for SealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the settings could not be sealed to the backup server's key (")?;
        match self {
            SealError::Crypto(CryptoFailure(reason)) => f.write_str(reason)?,
            SealError::Malformed(what) => f.write_str(what)?,
        }
        f.write_str(")")
    }
}

impl std::error::Error for SealError {}

impl From<CryptoFailure> for SealError {
    fn from(failure: CryptoFailure) -> Self {
        SealError::Crypto(failure)
    }
}

/// `plaintext` as a compact JWE to `key`; `onboarding_id` goes into the protected header,
/// which is the AES-GCM additional data, so no header member can be changed undetected.
pub async fn seal(
    plaintext: &[u8],
    key: &PublicJwk,
    onboarding_id: Option<&str>,
    crypto: &impl SealCrypto,
) -> Result<String, SealError> {
    let mut cek = [0u8; 32];
    crypto.fill_random(&mut cek)?;
    let mut iv = [0u8; 12];
    crypto.fill_random(&mut iv)?;

    let mut header = Map::new();
    header.insert("alg".into(), key.algorithm().into());
    header.insert("enc".into(), ENC.into());
    header.insert("cty".into(), "application/json".into());
    if let Some(kid) = key.kid() {
        header.insert("kid".into(), kid.into());
    }
    if let Some(onboarding_id) = onboarding_id {
        header.insert("onboardingId".into(), onboarding_id.into());
    }
    let encrypted_key = match key {
        PublicJwk::EcP256 { x, y, .. } => {
            let agreement = crypto.ecdh_p256_ephemeral(x, y).await?;
            // Key agreement with key wrapping: the KDF's AlgorithmID is `alg`, apu and apv are
            // empty (RFC 7518 §4.6.2).
            let kek: [u8; 32] =
                concat_kdf(&agreement.shared_secret, key.algorithm(), b"", b"", 256)
                    .try_into()
                    .map_err(|_| {
                        SealError::Malformed("the key derivation gave the wrong length")
                    })?;
            header.insert(
                "epk".into(),
                json!({"kty": "EC", "crv": "P-256", "x": agreement.x, "y": agreement.y}),
            );
            let wrapped = crypto.aes256_key_wrap(&kek, &cek).await?;
            if wrapped.len() != 40 {
                return Err(SealError::Malformed("AES-KW did not return 40 bytes"));
            }
            wrapped
        }
        PublicJwk::Rsa { n, e, .. } => crypto.rsa_oaep_256_encrypt(n, e, &cek).await?,
    };

    // The additional data is the ASCII of the encoded header (RFC 7516 §5.1, step 14).
    let protected = URL_SAFE_NO_PAD.encode(Value::Object(header).to_string());
    let sealed = crypto
        .aes256_gcm_encrypt(&cek, &iv, protected.as_bytes(), plaintext)
        .await?;
    if sealed.len() != plaintext.len() + TAG_BYTES {
        return Err(SealError::Malformed("AES-GCM did not return a 128-bit tag"));
    }
    let (ciphertext, tag) = sealed.split_at(plaintext.len());
    Ok([
        protected,
        URL_SAFE_NO_PAD.encode(encrypted_key),
        URL_SAFE_NO_PAD.encode(iv),
        URL_SAFE_NO_PAD.encode(ciphertext),
        URL_SAFE_NO_PAD.encode(tag),
    ]
    .join("."))
}
