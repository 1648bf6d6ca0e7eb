//! JSON Web Tokens: RS256 signing with the tenant's key, and verification (our own tokens,
//! and client assertions signed by an app's certificate).

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok()
}

pub fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    STANDARD.decode(s.trim()).ok()
}

/// The token-signing key. One per process: generating RSA keys is slow in debug builds,
/// and a real tenant's keys are shared across tenants too (`/common/discovery/v2.0/keys`).
pub struct SigningKeyPair {
    pub private: RsaPrivateKey,
    pub kid: String,
}

pub fn signing_key() -> &'static SigningKeyPair {
    static KEY: OnceLock<SigningKeyPair> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut rng = rand::thread_rng();
        // Entra signs with 2048-bit RSA keys.
        let private = match RsaPrivateKey::new(&mut rng, 2048) {
            Ok(k) => k,
            Err(e) => panic!("cannot generate the token-signing key: {e}"),
        };
        let n = private.to_public_key().n().to_bytes_be();
        let kid = b64url(&Sha256::digest(&n)[..15]);
        SigningKeyPair { private, kid }
    })
}

pub fn sign(claims: &Value) -> String {
    let key = signing_key();
    let header = json!({ "typ": "JWT", "alg": "RS256", "kid": key.kid });
    sign_rs256(&key.private, &header, claims)
}

/// A compact RS256 JWS of `claims` under `header` (which must say `"alg": "RS256"`), signed
/// with `key`: the tenant's tokens, and the client assertions the backup-server stand-in makes.
pub fn sign_rs256(key: &RsaPrivateKey, header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(claims.to_string().as_bytes())
    );
    let signer = SigningKey::<Sha256>::new(key.clone());
    let sig = signer.sign(input.as_bytes());
    format!("{input}.{}", b64url(&sig.to_bytes()))
}

/// The JWKS of the signing key.
pub fn jwks() -> Value {
    let key = signing_key();
    let public = key.private.to_public_key();
    json!({ "keys": [{
        "kty": "RSA", "use": "sig", "kid": key.kid, "alg": "RS256",
        "n": b64url(&public.n().to_bytes_be()), "e": b64url(&public.e().to_bytes_be()),
    }]})
}

pub struct Parsed {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    pub signing_input: String,
    pub signature: Vec<u8>,
}

/// Splits and decodes a compact JWS; None if it is not one.
pub fn parse(token: &str) -> Option<Parsed> {
    let mut parts = token.split('.');
    let (h, c, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: Map<String, Value> = serde_json::from_slice(&b64url_decode(h)?).ok()?;
    let claims: Map<String, Value> = serde_json::from_slice(&b64url_decode(c)?).ok()?;
    Some(Parsed {
        header,
        claims,
        signing_input: format!("{h}.{c}"),
        signature: b64url_decode(s)?,
    })
}

pub fn verify_rs256(parsed: &Parsed, key: &RsaPublicKey) -> bool {
    if parsed.header.get("alg").and_then(Value::as_str) != Some("RS256") {
        return false;
    }
    let Ok(sig) = Signature::try_from(parsed.signature.as_slice()) else {
        return false;
    };
    VerifyingKey::<Sha256>::new(key.clone())
        .verify(parsed.signing_input.as_bytes(), &sig)
        .is_ok()
}

/// Verifies a client assertion's signature: RS256 (PKCS#1 v1.5) or PS256 (PSS) with SHA-256.
/// Both are accepted: "alg: Should be PS256 … Use PSS padding" in
/// https://learn.microsoft.com/entra/identity-platform/certificate-credentials, RS256 with `x5t`
/// in its earlier version (https://learn.microsoft.com/previous-versions/azure/active-directory/develop/certificate-credentials).
pub fn verify_assertion(parsed: &Parsed, key: &RsaPublicKey) -> bool {
    match parsed.header.get("alg").and_then(Value::as_str) {
        Some("RS256") => verify_rs256(parsed, key),
        Some("PS256") => {
            let Ok(sig) = rsa::pss::Signature::try_from(parsed.signature.as_slice()) else {
                return false;
            };
            rsa::pss::VerifyingKey::<Sha256>::new(key.clone())
                .verify(parsed.signing_input.as_bytes(), &sig)
                .is_ok()
        }
        _ => false,
    }
}

/// Verifies one of our own tokens.
pub fn verify_own(token: &str) -> Option<Map<String, Value>> {
    let parsed = parse(token)?;
    let key = signing_key();
    if parsed.header.get("kid").and_then(Value::as_str) != Some(key.kid.as_str()) {
        return None;
    }
    verify_rs256(&parsed, &key.private.to_public_key()).then_some(parsed.claims)
}
