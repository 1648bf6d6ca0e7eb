//! A certificate credential made in the browser (issue 8): the DER is assembled here, the
//! cryptography (key pair, signature, PBKDF2, AES, HMAC) is WebCrypto's.
//!
//! The order of work:
//! 1. WebCrypto generates an RSA key pair (RSASSA-PKCS1-v1_5, SHA-256) and exports the public
//!    key as SPKI DER and the private key as PKCS#8 DER.
//! 2. [`CertificateRequest::tbs_der`] gives the bytes to sign; WebCrypto signs them;
//!    [`certificate_der`] joins the two into the self-signed certificate.
//! 3. [`thumbprint`] names it; [`pem`] writes it and the private key as PEM; [`pkcs12`]
//!    packs both into a `.pfx` protected by a [`password::pfx_password`], shown once.
//!
//! Random bytes (serial, salts, IVs, password) come from the caller: the browser's
//! `crypto.getRandomValues`.

mod asn1;
pub mod certificate;
mod error;
pub mod password;
pub mod pem;
pub mod pkcs12;
mod private_key;
mod public_key;
pub mod thumbprint;
mod validity;

pub use certificate::{CertificateRequest, certificate_der, common_name};
pub use error::CredentialError;
pub use password::pfx_password;
pub use pem::{certificate_pem, private_key_pem};
pub use pkcs12::{Pkcs12Contents, Pkcs12Crypto, Pkcs12Random, pkcs12_der};
pub use thumbprint::{thumbprint_sha1, thumbprint_sha256, x5t, x5t_s256};

#[cfg(test)]
mod tests;
