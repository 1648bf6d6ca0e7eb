//! Native tests of the credential module: RustCrypto stands in for WebCrypto, and OpenSSL's
//! command line and `x509-cert` judge the result.

mod certificate;
mod pkcs12;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use aes::cipher::{BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
use hmac::{Hmac, Mac};
use rand::SeedableRng;
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use rsa::signature::{SignatureEncoding, Signer};
use sha2::Sha256;

use super::CertificateRequest;
use super::pkcs12::{CryptoFailure, Pkcs12Crypto};

/// One RSA-2048 key for the whole run (generating one unoptimised takes seconds).
pub fn rsa_key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut rng = rand::rngs::StdRng::seed_from_u64(8);
        RsaPrivateKey::new(&mut rng, 2048).expect("RSA key generation")
    })
}

pub fn spki_der(key: &RsaPrivateKey) -> Vec<u8> {
    key.to_public_key()
        .to_public_key_der()
        .expect("SPKI")
        .into_vec()
}

pub fn pkcs8_der(key: &RsaPrivateKey) -> Vec<u8> {
    key.to_pkcs8_der().expect("PKCS#8").as_bytes().to_vec()
}

/// RSASSA-PKCS1-v1_5 with SHA-256, as WebCrypto's `sign("RSASSA-PKCS1-v1_5", ...)`.
pub fn sign(key: &RsaPrivateKey, message: &[u8]) -> Vec<u8> {
    SigningKey::<Sha256>::new(key.clone())
        .sign(message)
        .to_vec()
}

/// 1 January 2026 and 1 January 2027, 00:00 UTC.
pub const JAN_2026: u64 = 1_767_225_600;
pub const JAN_2027: u64 = 1_798_761_600;

pub fn request(common_name: &str) -> CertificateRequest {
    CertificateRequest {
        subject_common_name: common_name.to_owned(),
        not_before: JAN_2026,
        not_after: JAN_2027,
        serial: (1..=16).collect(),
        subject_public_key_info_der: spki_der(rsa_key()),
    }
}

/// A certificate for `request`, signed with the test key.
pub fn signed(request: &CertificateRequest) -> Vec<u8> {
    let tbs = request.tbs_der().expect("TBSCertificate");
    super::certificate_der(&tbs, &sign(rsa_key(), &tbs)).expect("certificate")
}

/// The WebCrypto primitives, from RustCrypto.
pub struct RustCrypto;

impl Pkcs12Crypto for RustCrypto {
    async fn pbkdf2_hmac_sha256(
        &self,
        password: &[u8],
        salt: &[u8],
        iterations: u32,
    ) -> Result<[u8; 32], CryptoFailure> {
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, iterations, &mut key);
        Ok(key)
    }

    async fn aes256_cbc_encrypt(
        &self,
        key: &[u8; 32],
        iv: &[u8; 16],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoFailure> {
        Ok(cbc::Encryptor::<aes::Aes256>::new(key.into(), iv.into())
            .encrypt_padded_vec_mut::<Pkcs7>(plaintext))
    }

    async fn hmac_sha256(&self, key: &[u8], data: &[u8]) -> Result<[u8; 32], CryptoFailure> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(key).map_err(|e| CryptoFailure(e.to_string()))?;
        mac.update(data);
        Ok(mac.finalize().into_bytes().into())
    }
}

/// A directory of its own for one test, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "registrar-credential-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary directory");
        Self(dir)
    }

    pub fn write(&self, file: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(file);
        std::fs::write(&path, bytes).expect("write a temporary file");
        path
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the `openssl` command line; a missing `openssl` fails the test and says so.
pub fn openssl(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("these tests need the `openssl` command line (apt-get install openssl): {e}")
        });
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.unwrap_or_default())
            .expect("openssl stdin");
    }
    child.wait_with_output().expect("openssl output")
}

/// `openssl` that must succeed; returns its standard output.
pub fn openssl_ok(args: &[&str]) -> String {
    let out = openssl(args, None);
    assert!(
        out.status.success(),
        "openssl {} failed:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}
