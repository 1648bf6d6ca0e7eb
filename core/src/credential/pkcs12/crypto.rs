//! The primitives PKCS#12 needs, which the browser gets from WebCrypto (`crypto.subtle`).

/// A primitive failed (WebCrypto rejected its promise); the message says which and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CryptoFailure(pub String);

/// PBKDF2, AES-256-CBC and HMAC, each with SHA-256. Not `Send`: the browser's
/// implementation lives on one thread.
#[allow(async_fn_in_trait)]
pub trait Pkcs12Crypto {
    /// PBKDF2 with HMAC-SHA-256 (RFC 8018 §5.2), 32 bytes out: an AES-256 key.
    /// WebCrypto: `importKey("raw", password, "PBKDF2")`, then
    /// `deriveBits({name: "PBKDF2", hash: "SHA-256", salt, iterations}, key, 256)`.
    async fn pbkdf2_hmac_sha256(
        &self,
        password: &[u8],
        salt: &[u8],
        iterations: u32,
    ) -> Result<[u8; 32], CryptoFailure>;

    /// AES-256 in CBC mode with PKCS#7 padding (RFC 8018 §6.2.1 and §B.2.5): the output is
    /// 1 to 16 bytes longer than the input, a multiple of 16. WebCrypto: `importKey("raw",
    /// key, "AES-CBC")`, then `encrypt({name: "AES-CBC", iv}, key, plaintext)`.
    async fn aes256_cbc_encrypt(
        &self,
        key: &[u8; 32],
        iv: &[u8; 16],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoFailure>;

    /// HMAC-SHA-256 (RFC 2104). WebCrypto: `importKey("raw", key, {name: "HMAC", hash:
    /// "SHA-256"})`, then `sign("HMAC", key, data)`.
    async fn hmac_sha256(&self, key: &[u8], data: &[u8]) -> Result<[u8; 32], CryptoFailure>;
}
