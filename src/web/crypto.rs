//! WebCrypto (`crypto.subtle`) for the certificate credential (issue 8): the RSA key pair,
//! its exports and signature, and the PBKDF2, AES-CBC and HMAC calls the `.pfx` needs, as the
//! core's [`Pkcs12Crypto`]. The core assembles the DER; this module only does the cryptography.
//!
//! `crypto` comes from the global object, not from `window`, so the same code runs in the page
//! and in the registration worker.

use core::fmt;

use js_sys::{Array, ArrayBuffer, Object, Promise, Reflect, Uint8Array};
use registrar_core::credential::password::PASSWORD_RANDOM_BYTES;
use registrar_core::credential::pkcs12::{CryptoFailure, PKCS12_RANDOM_BYTES};
use registrar_core::credential::{
    CertificateRequest, CredentialError, Pkcs12Contents, Pkcs12Crypto, Pkcs12Random,
    certificate_der, certificate_pem, common_name, pfx_password, pkcs12_der, private_key_pem,
    thumbprint_sha1, thumbprint_sha256, x5t,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesCbcParams, Crypto, CryptoKey, HmacImportParams, Pbkdf2Params, SubtleCrypto};

/// The signature algorithm of the key pair: RS256 (RSASSA-PKCS1-v1_5 with SHA-256), which
/// Entra accepts for client assertions and the certificate is signed with.
const RSASSA: &str = "RSASSA-PKCS1-v1_5";

/// The modulus length: Entra and the issue ask for RSA 2048 or larger.
pub const RSA_MODULUS_BITS: u32 = 2048;

/// How many random bytes the certificate's serial number takes (RFC 5280 §4.1.2.2: at most 20).
pub const SERIAL_RANDOM_BYTES: usize = 20;

/// Why this browser could not make the certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WebCryptoError {
    /// No `crypto.subtle`: an old browser, or a page not served over HTTPS (WebCrypto's
    /// `subtle` exists only in secure contexts).
    Unavailable,
    /// `crypto.getRandomValues` failed.
    NoRandomness,
    /// A WebCrypto call failed: which one (`"generateKey"`, `"sign"`…) and the browser's reason.
    Failed {
        operation: &'static str,
        reason: String,
    },
    /// The certificate or the `.pfx` could not be assembled from what WebCrypto returned.
    Credential(CredentialError),
}

impl fmt::Display for WebCryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("this browser could not create the certificate (")?;
        match self {
            Self::Unavailable => f.write_str(
                "WebCrypto is not available: use a current browser, and open the page over HTTPS",
            )?,
            Self::NoRandomness => {
                f.write_str("WebCrypto crypto.getRandomValues gave no random bytes")?
            }
            Self::Failed { operation, reason } => write!(f, "WebCrypto {operation}: {reason}")?,
            Self::Credential(error) => write!(f, "{error}")?,
        }
        f.write_str(")")
    }
}

impl std::error::Error for WebCryptoError {}

impl From<CredentialError> for WebCryptoError {
    fn from(error: CredentialError) -> Self {
        Self::Credential(error)
    }
}

/// The global object's `crypto` (of `window` or of the worker's global scope).
fn crypto() -> Result<Crypto, WebCryptoError> {
    Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .ok()
        .and_then(|crypto| crypto.dyn_into::<Crypto>().ok())
        .ok_or(WebCryptoError::Unavailable)
}

/// `N` cryptographically random bytes from `crypto.getRandomValues`, in a page or a worker.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], WebCryptoError> {
    let mut bytes = [0u8; N];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| WebCryptoError::NoRandomness)?;
    Ok(bytes)
}

/// The browser's reason for a rejected call: a `DOMException`'s name and message.
pub(crate) fn reason(error: &JsValue) -> String {
    let field = |name: &str| {
        Reflect::get(error, &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.as_string())
            .filter(|text| !text.is_empty())
    };
    match (field("name"), field("message")) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (Some(text), None) | (None, Some(text)) => text,
        (None, None) => error
            .as_string()
            .unwrap_or_else(|| "no reason given".into()),
    }
}

/// A plain object from key–value pairs: WebCrypto's algorithm dictionaries that web-sys
/// lacks (or types without `name`).
pub(crate) fn dictionary(entries: &[(&str, &JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

pub(crate) fn usages(names: &[&str]) -> Array {
    names.iter().map(|name| JsValue::from_str(name)).collect()
}

/// `crypto.subtle`, in a page or in a worker.
#[derive(Clone, Debug)]
pub struct WebCrypto {
    subtle: SubtleCrypto,
}

impl WebCrypto {
    /// The global object's `crypto.subtle`; [`WebCryptoError::Unavailable`] outside a secure
    /// context.
    pub fn from_global() -> Result<Self, WebCryptoError> {
        let crypto = crypto()?;
        let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle"))
            .ok()
            .and_then(|subtle| subtle.dyn_into::<SubtleCrypto>().ok())
            .ok_or(WebCryptoError::Unavailable)?;
        Ok(Self { subtle })
    }

    /// Awaits the promise a WebCrypto call returned (or the exception it threw).
    pub(crate) async fn call(
        operation: &'static str,
        promise: Result<Promise, JsValue>,
    ) -> Result<JsValue, WebCryptoError> {
        let failed = |error: JsValue| WebCryptoError::Failed {
            operation,
            reason: reason(&error),
        };
        JsFuture::from(promise.map_err(failed)?)
            .await
            .map_err(failed)
    }

    /// Awaits a call that gives an `ArrayBuffer`, as bytes.
    pub(crate) async fn bytes(
        operation: &'static str,
        promise: Result<Promise, JsValue>,
    ) -> Result<Vec<u8>, WebCryptoError> {
        let buffer = Self::call(operation, promise)
            .await?
            .dyn_into::<ArrayBuffer>()
            .map_err(|_| WebCryptoError::Failed {
                operation,
                reason: "the result is not an ArrayBuffer".into(),
            })?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    pub(crate) async fn key(
        operation: &'static str,
        promise: Result<Promise, JsValue>,
    ) -> Result<CryptoKey, WebCryptoError> {
        Self::call(operation, promise)
            .await?
            .dyn_into::<CryptoKey>()
            .map_err(|_| WebCryptoError::Failed {
                operation,
                reason: "the result is not a CryptoKey".into(),
            })
    }

    /// A raw secret key for `algorithm`, usable only for `usage`, not extractable.
    async fn import_raw(
        &self,
        key: &[u8],
        algorithm: &Object,
        usage: &str,
    ) -> Result<CryptoKey, WebCryptoError> {
        let promise = self.subtle.import_key_with_object(
            "raw",
            &Uint8Array::from(key),
            algorithm,
            false,
            &usages(&[usage]),
        );
        Self::key("importKey", promise).await
    }

    /// A new RSA key pair for RS256: RSASSA-PKCS1-v1_5, 2048 bits, e = 65537, SHA-256, usages
    /// sign (private) and verify (public). Extractable only so that the private key can go
    /// into the bundle for the backup server.
    pub async fn generate_rsa_key_pair(&self) -> Result<RsaKeyPair, WebCryptoError> {
        let algorithm = dictionary(&[
            ("name", &JsValue::from_str(RSASSA)),
            ("modulusLength", &JsValue::from(RSA_MODULUS_BITS)),
            ("publicExponent", &Uint8Array::from(&[1u8, 0, 1][..])),
            ("hash", &JsValue::from_str("SHA-256")),
        ]);
        let promise =
            self.subtle
                .generate_key_with_object(&algorithm, true, &usages(&["sign", "verify"]));
        let pair = Self::call("generateKey", promise).await?;
        let part = |name: &str| {
            Reflect::get(&pair, &JsValue::from_str(name))
                .ok()
                .and_then(|key| key.dyn_into::<CryptoKey>().ok())
                .ok_or_else(|| WebCryptoError::Failed {
                    operation: "generateKey",
                    reason: "the result is not a key pair".into(),
                })
        };
        Ok(RsaKeyPair {
            subtle: self.subtle.clone(),
            private_key: part("privateKey")?,
            public_key: part("publicKey")?,
        })
    }
}

/// The admin's new RS256 key pair, held by WebCrypto.
pub struct RsaKeyPair {
    subtle: SubtleCrypto,
    private_key: CryptoKey,
    public_key: CryptoKey,
}

impl fmt::Debug for RsaKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RsaKeyPair(RSASSA-PKCS1-v1_5, SHA-256)")
    }
}

impl RsaKeyPair {
    /// The public key as SubjectPublicKeyInfo DER (`exportKey("spki")`).
    pub async fn public_key_spki_der(&self) -> Result<Vec<u8>, WebCryptoError> {
        WebCrypto::bytes(
            "exportKey",
            self.subtle.export_key("spki", &self.public_key),
        )
        .await
    }

    /// The private key as PKCS#8 PrivateKeyInfo DER (`exportKey("pkcs8")`).
    pub async fn private_key_pkcs8_der(&self) -> Result<PrivateKeyDer, WebCryptoError> {
        WebCrypto::bytes(
            "exportKey",
            self.subtle.export_key("pkcs8", &self.private_key),
        )
        .await
        .map(PrivateKeyDer)
    }

    /// The RSASSA-PKCS1-v1_5 SHA-256 signature of `data` (RS256).
    pub async fn sign(&self, data: &[u8]) -> Result<Vec<u8>, WebCryptoError> {
        let promise = self
            .subtle
            .sign_with_str_and_u8_array(RSASSA, &self.private_key, data);
        WebCrypto::bytes("sign", promise).await
    }
}

/// A new RSA key pair for RS256 from the global object's WebCrypto (see
/// [`WebCrypto::generate_rsa_key_pair`]).
pub async fn generate_rsa_key_pair() -> Result<RsaKeyPair, WebCryptoError> {
    WebCrypto::from_global()?.generate_rsa_key_pair().await
}

impl Pkcs12Crypto for WebCrypto {
    async fn pbkdf2_hmac_sha256(
        &self,
        password: &[u8],
        salt: &[u8],
        iterations: u32,
    ) -> Result<[u8; 32], CryptoFailure> {
        let algorithm = dictionary(&[("name", &JsValue::from_str("PBKDF2"))]);
        let key = self
            .import_raw(password, &algorithm, "deriveBits")
            .await
            .map_err(failure)?;
        let params =
            Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
        let promise = self.subtle.derive_bits_with_object(&params, &key, 256);
        let bits = Self::bytes("deriveBits", promise).await.map_err(failure)?;
        bits.try_into()
            .map_err(|_| CryptoFailure("deriveBits did not return 256 bits".into()))
    }

    async fn aes256_cbc_encrypt(
        &self,
        key: &[u8; 32],
        iv: &[u8; 16],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoFailure> {
        let algorithm = dictionary(&[("name", &JsValue::from_str("AES-CBC"))]);
        let key = self
            .import_raw(key, &algorithm, "encrypt")
            .await
            .map_err(failure)?;
        let params = AesCbcParams::new("AES-CBC", &Uint8Array::from(&iv[..]));
        let promise = self
            .subtle
            .encrypt_with_object_and_u8_array(&params, &key, plaintext);
        Self::bytes("encrypt", promise).await.map_err(failure)
    }

    async fn hmac_sha256(&self, key: &[u8], data: &[u8]) -> Result<[u8; 32], CryptoFailure> {
        let algorithm = HmacImportParams::new_with_str("HMAC", "SHA-256");
        let key = self
            .import_raw(key, &algorithm, "sign")
            .await
            .map_err(failure)?;
        let promise = self.subtle.sign_with_str_and_u8_array("HMAC", &key, data);
        let mac = Self::bytes("sign", promise).await.map_err(failure)?;
        mac.try_into()
            .map_err(|_| CryptoFailure("HMAC-SHA-256 did not return 32 bytes".into()))
    }
}

pub(crate) fn failure(error: WebCryptoError) -> CryptoFailure {
    match error {
        WebCryptoError::Failed { operation, reason } => {
            CryptoFailure(format!("WebCrypto {operation}: {reason}"))
        }
        other => CryptoFailure(other.to_string()),
    }
}

/// The private key, PKCS#8 DER. Never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct PrivateKeyDer(Vec<u8>);

impl PrivateKeyDer {
    /// The DER itself, for the bundle for the backup server only.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for PrivateKeyDer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKeyDer(…)")
    }
}

/// The private key as PEM (`-----BEGIN PRIVATE KEY-----`, PKCS#8). Never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct PrivateKeyPem(String);

impl PrivateKeyPem {
    /// The PEM itself, for the bundle for the backup server only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PrivateKeyPem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKeyPem(…)")
    }
}

/// The `.pfx` password, shown to the admin once. Never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct PfxPassword(String);

impl PfxPassword {
    /// The password itself, to show the admin once.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PfxPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PfxPassword(…)")
    }
}

/// The random inputs of one certificate: its serial number, the `.pfx` password, and the
/// `.pfx`'s salts and IVs. Never shown by `Debug`.
#[derive(Clone)]
pub struct CertificateRandom {
    pub serial: [u8; SERIAL_RANDOM_BYTES],
    pub password: [u8; PASSWORD_RANDOM_BYTES],
    pub pkcs12: [u8; PKCS12_RANDOM_BYTES],
}

impl CertificateRandom {
    /// Fresh bytes from `crypto.getRandomValues`.
    pub fn draw() -> Result<Self, WebCryptoError> {
        Ok(Self {
            serial: random_bytes()?,
            password: random_bytes()?,
            pkcs12: random_bytes()?,
        })
    }
}

impl fmt::Debug for CertificateRandom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CertificateRandom(…)")
    }
}

/// A new self-signed certificate for the backup app, its private key and the `.pfx` that
/// carries both to the backup server.
#[derive(Clone)]
pub struct NewCertificate {
    /// The certificate, DER: what goes into the app's `keyCredentials` (base64).
    pub certificate_der: Vec<u8>,
    /// The certificate, PEM.
    pub certificate_pem: String,
    /// The private key, PKCS#8 PEM.
    pub private_key_pem: PrivateKeyPem,
    /// The `.pfx` (PKCS#12): key and certificate, encrypted with [`Self::pfx_password`].
    pub pfx: Vec<u8>,
    /// The `.pfx`'s password, shown once.
    pub pfx_password: PfxPassword,
    /// SHA-256 of the DER, uppercase hex: the thumbprint shown to the admin.
    pub thumbprint_sha256: String,
    /// SHA-1 of the DER, uppercase hex: the "Thumbprint" the Entra admin center lists.
    pub thumbprint_sha1: String,
    /// SHA-1 of the DER, base64url: a client assertion's `x5t` header.
    pub x5t: String,
    /// Validity, Unix seconds, as written in the certificate.
    pub not_before: u64,
    pub not_after: u64,
}

impl fmt::Debug for NewCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewCertificate")
            .field("thumbprint_sha256", &self.thumbprint_sha256)
            .field("thumbprint_sha1", &self.thumbprint_sha1)
            .field("not_before", &self.not_before)
            .field("not_after", &self.not_after)
            .field(
                "certificate_der",
                &format_args!("{} bytes", self.certificate_der.len()),
            )
            .field("private_key_pem", &self.private_key_pem)
            .field("pfx", &format_args!("{} bytes", self.pfx.len()))
            .field("pfx_password", &self.pfx_password)
            .finish()
    }
}

impl NewCertificate {
    /// Makes the certificate with a new key pair: subject and issuer CN from `display_name`
    /// (cut to 64 characters), valid from `not_before` to `not_after` (Unix seconds), signed
    /// with RS256 by WebCrypto; then the PEMs, the `.pfx` (friendly name `display_name`) and
    /// the thumbprints.
    pub async fn make(
        display_name: &str,
        not_before: u64,
        not_after: u64,
        random: &CertificateRandom,
    ) -> Result<Self, WebCryptoError> {
        let crypto = WebCrypto::from_global()?;
        let pair = crypto.generate_rsa_key_pair().await?;
        let request = CertificateRequest {
            subject_common_name: common_name(display_name),
            not_before,
            not_after,
            serial: random.serial.to_vec(),
            subject_public_key_info_der: pair.public_key_spki_der().await?,
        };
        let tbs = request.tbs_der()?;
        let signature = pair.sign(&tbs).await?;
        let certificate = certificate_der(&tbs, &signature)?;

        let private_key = pair.private_key_pkcs8_der().await?;
        let password = pfx_password(&random.password);
        let contents = Pkcs12Contents {
            certificate_der: &certificate,
            private_key_pkcs8_der: private_key.expose(),
            friendly_name: display_name,
        };
        let pfx = pkcs12_der(
            &crypto,
            &contents,
            &password,
            &Pkcs12Random::from_bytes(&random.pkcs12),
        )
        .await?;

        Ok(Self {
            certificate_pem: certificate_pem(&certificate),
            private_key_pem: PrivateKeyPem(private_key_pem(private_key.expose())?),
            pfx,
            pfx_password: PfxPassword(password),
            thumbprint_sha256: thumbprint_sha256(&certificate),
            thumbprint_sha1: thumbprint_sha1(&certificate),
            x5t: x5t(&certificate),
            not_before,
            not_after,
            certificate_der: certificate,
        })
    }

    /// [`Self::make`] with fresh random bytes from `crypto.getRandomValues`.
    pub async fn generate(
        display_name: &str,
        not_before: u64,
        not_after: u64,
    ) -> Result<Self, WebCryptoError> {
        Self::make(
            display_name,
            not_before,
            not_after,
            &CertificateRandom::draw()?,
        )
        .await
    }
}
