//! WebCrypto (`crypto.subtle`) for the sealed hand-off: the core's [`SealCrypto`] (ECDH P-256,
//! AES-KW, RSA-OAEP with SHA-256, AES-GCM, random bytes). The core builds the JWE; this module
//! only does the cryptography. Algorithm dictionaries as MDN documents them:
//! <https://developer.mozilla.org/en-US/docs/Web/API/SubtleCrypto>.
//!
//! `crypto` comes from the global object, so this runs in the registration worker.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use registrar_core::credential::pkcs12::CryptoFailure;
use registrar_core::handoff::{EcdhAgreement, SealCrypto};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Crypto, CryptoKey, SubtleCrypto};

use super::crypto::{WebCrypto, dictionary, failure, reason, usages};

/// P-256 for ECDH, as WebCrypto names it.
const P256: &str = "P-256";

/// The global object's `crypto` and `crypto.subtle`, in a page or a worker.
#[derive(Clone, Debug)]
pub struct WebSeal {
    crypto: Crypto,
    subtle: SubtleCrypto,
}

impl WebSeal {
    /// `None` outside a secure context (no `crypto.subtle`) or in a very old browser.
    pub fn from_global() -> Option<Self> {
        let crypto: Crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
            .ok()?
            .dyn_into()
            .ok()?;
        let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle"))
            .ok()?
            .dyn_into()
            .ok()?;
        Some(Self { crypto, subtle })
    }

    async fn key(
        operation: &'static str,
        promise: Result<Promise, JsValue>,
    ) -> Result<CryptoKey, CryptoFailure> {
        WebCrypto::key(operation, promise).await.map_err(failure)
    }

    async fn import_raw(
        &self,
        key: &[u8],
        algorithm: &str,
        extractable: bool,
        usage: &str,
    ) -> Result<CryptoKey, CryptoFailure> {
        let promise = self.subtle.import_key_with_object(
            "raw",
            &Uint8Array::from(key),
            &dictionary(&[("name", &algorithm.into())]),
            extractable,
            &usages(&[usage]),
        );
        Self::key("importKey", promise).await
    }
}

impl SealCrypto for WebSeal {
    fn fill_random(&self, bytes: &mut [u8]) -> Result<(), CryptoFailure> {
        self.crypto
            .get_random_values_with_u8_array(bytes)
            .map(|_| ())
            .map_err(|error| {
                CryptoFailure(format!("WebCrypto getRandomValues: {}", reason(&error)))
            })
    }

    async fn ecdh_p256_ephemeral(&self, x: &str, y: &str) -> Result<EcdhAgreement, CryptoFailure> {
        let algorithm = dictionary(&[("name", &"ECDH".into()), ("namedCurve", &P256.into())]);
        let recipient_jwk = dictionary(&[
            ("kty", &"EC".into()),
            ("crv", &P256.into()),
            ("x", &x.into()),
            ("y", &y.into()),
        ]);
        // Importing checks that the point is on the curve.
        let recipient = Self::key(
            "importKey",
            self.subtle.import_key_with_object(
                "jwk",
                &recipient_jwk,
                &algorithm,
                false,
                &Array::new(),
            ),
        )
        .await?;
        let pair = call(
            "generateKey",
            self.subtle
                .generate_key_with_object(&algorithm, false, &usages(&["deriveBits"])),
        )
        .await?;
        let part = |name: &str| -> Result<CryptoKey, CryptoFailure> {
            Reflect::get(&pair, &JsValue::from_str(name))
                .ok()
                .and_then(|key| key.dyn_into().ok())
                .ok_or_else(|| CryptoFailure("WebCrypto generateKey: not a key pair".into()))
        };
        let (private_key, public_key) = (part("privateKey")?, part("publicKey")?);
        let derive = dictionary(&[("name", &"ECDH".into()), ("public", &recipient)]);
        let shared_secret = bytes(
            "deriveBits",
            self.subtle
                .derive_bits_with_object(&derive, &private_key, 256),
        )
        .await?
        .try_into()
        .map_err(|_| CryptoFailure("WebCrypto deriveBits did not return 256 bits".into()))?;
        // A key pair's public key is always exportable (W3C Web Cryptography API, generateKey).
        let epk = call("exportKey", self.subtle.export_key("jwk", &public_key)).await?;
        let coordinate = |name: &str| {
            Reflect::get(&epk, &JsValue::from_str(name))
                .ok()
                .and_then(|value| value.as_string())
                .ok_or_else(|| CryptoFailure(format!("WebCrypto exportKey: no {name}")))
        };
        Ok(EcdhAgreement {
            x: coordinate("x")?,
            y: coordinate("y")?,
            shared_secret,
        })
    }

    async fn aes256_key_wrap(
        &self,
        kek: &[u8; 32],
        cek: &[u8; 32],
    ) -> Result<Vec<u8>, CryptoFailure> {
        let kek = self.import_raw(kek, "AES-KW", false, "wrapKey").await?;
        // wrapKey needs the CEK as an extractable key (it is "exported" into the wrapping).
        let cek = self.import_raw(cek, "AES-GCM", true, "encrypt").await?;
        bytes(
            "wrapKey",
            self.subtle.wrap_key_with_str("raw", &cek, &kek, "AES-KW"),
        )
        .await
    }

    async fn rsa_oaep_256_encrypt(
        &self,
        n: &str,
        e: &str,
        cek: &[u8; 32],
    ) -> Result<Vec<u8>, CryptoFailure> {
        let jwk = dictionary(&[("kty", &"RSA".into()), ("n", &n.into()), ("e", &e.into())]);
        let algorithm = dictionary(&[("name", &"RSA-OAEP".into()), ("hash", &"SHA-256".into())]);
        let key = Self::key(
            "importKey",
            self.subtle.import_key_with_object(
                "jwk",
                &jwk,
                &algorithm,
                false,
                &usages(&["encrypt"]),
            ),
        )
        .await?;
        let params = dictionary(&[("name", &"RSA-OAEP".into())]);
        bytes(
            "encrypt",
            self.subtle
                .encrypt_with_object_and_u8_array(&params, &key, cek),
        )
        .await
    }

    async fn aes256_gcm_encrypt(
        &self,
        key: &[u8; 32],
        iv: &[u8; 12],
        aad: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoFailure> {
        let key = self.import_raw(key, "AES-GCM", false, "encrypt").await?;
        let params = dictionary(&[
            ("name", &"AES-GCM".into()),
            ("iv", &Uint8Array::from(&iv[..])),
            ("additionalData", &Uint8Array::from(aad)),
            ("tagLength", &JsValue::from(128)),
        ]);
        bytes(
            "encrypt",
            self.subtle
                .encrypt_with_object_and_u8_array(&params, &key, plaintext),
        )
        .await
    }
}

/// Awaits the promise a WebCrypto call returned, in the core's error type.
async fn call(
    operation: &'static str,
    promise: Result<Promise, JsValue>,
) -> Result<JsValue, CryptoFailure> {
    WebCrypto::call(operation, promise).await.map_err(failure)
}

/// Awaits a call that gives an `ArrayBuffer`, as bytes.
async fn bytes(
    operation: &'static str,
    promise: Result<Promise, JsValue>,
) -> Result<Vec<u8>, CryptoFailure> {
    WebCrypto::bytes(operation, promise).await.map_err(failure)
}
