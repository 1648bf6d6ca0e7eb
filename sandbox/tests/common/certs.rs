//! Certificates and client assertions for the certificate tests.

use std::str::FromStr;
use std::sync::OnceLock;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rsa::RsaPrivateKey;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use serde_json::{Value, json};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::Encode;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;

pub struct TestCert {
    pub key: RsaPrivateKey,
    pub der: Vec<u8>,
}

impl TestCert {
    pub fn b64(&self) -> String {
        STANDARD.encode(&self.der)
    }
    pub fn sha1(&self) -> Vec<u8> {
        Sha1::digest(&self.der).to_vec()
    }
    pub fn sha256(&self) -> Vec<u8> {
        Sha256::digest(&self.der).to_vec()
    }
}

/// Two RSA 2048 keys per test binary (key generation is slow in debug builds).
pub fn keys() -> &'static (RsaPrivateKey, RsaPrivateKey) {
    static K: OnceLock<(RsaPrivateKey, RsaPrivateKey)> = OnceLock::new();
    K.get_or_init(|| {
        let mut rng = rand::thread_rng();
        (
            RsaPrivateKey::new(&mut rng, 2048).unwrap(),
            RsaPrivateKey::new(&mut rng, 2048).unwrap(),
        )
    })
}

/// A self-signed certificate valid from now for `valid`, with the first key unless `other`.
pub fn cert(cn: &str, valid: Duration, other: bool) -> TestCert {
    let key = if other {
        keys().1.clone()
    } else {
        keys().0.clone()
    };
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key.clone());
    let spki = SubjectPublicKeyInfoOwned::from_key(key.to_public_key()).unwrap();
    let serial: u32 = rand::random::<u32>() >> 1;
    let builder = CertificateBuilder::new(
        Profile::Root,
        SerialNumber::from(serial.max(1)),
        Validity::from_now(valid).unwrap(),
        Name::from_str(&format!("CN={cn}")).unwrap(),
        spki,
        &signer,
    )
    .unwrap();
    let c = builder.build::<rsa::pkcs1v15::Signature>().unwrap();
    TestCert {
        key,
        der: c.to_der().unwrap(),
    }
}

pub fn year() -> Duration {
    Duration::from_secs(365 * 86_400)
}

/// `keyCredentials` entry for `c`: AsymmetricX509Cert, Verify, with its key.
pub fn kc(c: &TestCert) -> Value {
    json!({ "type": "AsymmetricX509Cert", "usage": "Verify", "key": c.b64() })
}

/// How a test signs its assertion.
#[derive(Clone, Copy)]
pub enum Alg {
    /// RS256 with `x5t` (SHA-1).
    Rs256X5t,
    /// PS256 with `x5t#S256` (SHA-256), as the current documentation shows.
    Ps256X5tS256,
}

/// A client assertion for `app_id`, `aud`, valid from `now - 5` to `now + 600`, header thumbprint
/// of `thumb`, signed with `signing`.
pub fn assertion(alg: Alg, signing: &RsaPrivateKey, thumb: &TestCert, claims: Value) -> String {
    let header = match alg {
        Alg::Rs256X5t => {
            json!({ "alg": "RS256", "typ": "JWT", "x5t": URL_SAFE_NO_PAD.encode(thumb.sha1()) })
        }
        Alg::Ps256X5tS256 => {
            json!({ "alg": "PS256", "typ": "JWT", "x5t#S256": URL_SAFE_NO_PAD.encode(thumb.sha256()) })
        }
    };
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let sig = match alg {
        Alg::Rs256X5t => rsa::pkcs1v15::SigningKey::<Sha256>::new(signing.clone())
            .sign(input.as_bytes())
            .to_vec(),
        Alg::Ps256X5tS256 => rsa::pss::SigningKey::<Sha256>::new(signing.clone())
            .sign_with_rng(&mut rand::thread_rng(), input.as_bytes())
            .to_vec(),
    };
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig))
}

/// The claims Entra documents: aud, iss = sub = app id, jti, nbf, iat, exp.
pub fn claims(app_id: &str, aud: &str, now: i64) -> Value {
    json!({ "aud": aud, "iss": app_id, "sub": app_id, "jti": uuid::Uuid::new_v4().to_string(), "nbf": now - 5, "iat": now - 5, "exp": now + 600 })
}
