//! The backup-server stand-in's hand-off keys: one EC P-256 key (`ECDH-ES+A256KW`, made at
//! start) and one RSA-2048 key (`RSA-OAEP-256`, made on first use: see [`HandoffKeys::rsa`]).
//! Their `kid` is `backup-server-ec-<8 hex>` / `backup-server-rsa-<8 hex>`, the hex being the
//! start of the key's RFC 7638 thumbprint, so a kid always names one key.

use std::sync::OnceLock;

use p256::elliptic_curve::sec1::ToEncodedPoint;
use rsa::RsaPrivateKey;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::tenant::jwt::b64url;

/// The two key-management algorithms of a sealed bundle (docs/handoff.md, RFC 7518 §4.3, §4.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlg {
    EcdhEsA256kw,
    RsaOaep256,
}

impl KeyAlg {
    pub fn parse(name: &str) -> Option<KeyAlg> {
        match name {
            "ECDH-ES+A256KW" => Some(KeyAlg::EcdhEsA256kw),
            "RSA-OAEP-256" => Some(KeyAlg::RsaOaep256),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            KeyAlg::EcdhEsA256kw => "ECDH-ES+A256KW",
            KeyAlg::RsaOaep256 => "RSA-OAEP-256",
        }
    }
}

pub struct EcKey {
    pub secret: p256::SecretKey,
    pub kid: String,
}

pub struct RsaKey {
    pub private: RsaPrivateKey,
    pub kid: String,
}

pub struct HandoffKeys {
    pub ec: EcKey,
    rsa: OnceLock<RsaKey>,
}

impl Default for HandoffKeys {
    fn default() -> Self {
        HandoffKeys::new()
    }
}

impl HandoffKeys {
    pub fn new() -> HandoffKeys {
        let secret = p256::SecretKey::random(&mut rand::rngs::OsRng);
        let kid = format!(
            "backup-server-ec-{}",
            thumbprint_hex8(&ec_public(&secret, ""))
        );
        HandoffKeys {
            ec: EcKey { secret, kid },
            rsa: OnceLock::new(),
        }
    }

    /// The RSA key, made on first use. Making a 2048-bit key took 3 to 5 s in a debug build
    /// and 0.1 to 0.3 s in a release build (measured on two shared cores; the EC key: about
    /// 1 ms), so only the runs that use RSA pay for it; callers on an async runtime call this
    /// from `spawn_blocking`. Concurrent first callers wait for the one key (`OnceLock`).
    pub fn rsa(&self) -> &RsaKey {
        self.rsa.get_or_init(|| {
            let private = match RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048) {
                Ok(k) => k,
                Err(e) => panic!("cannot generate the backup server's RSA key: {e}"),
            };
            let kid = format!(
                "backup-server-rsa-{}",
                thumbprint_hex8(&rsa_public(&private, ""))
            );
            RsaKey { private, kid }
        })
    }

    /// The RSA key if it was already made (never blocks).
    pub fn rsa_if_made(&self) -> Option<&RsaKey> {
        self.rsa.get()
    }

    pub fn kid(&self, alg: KeyAlg) -> String {
        match alg {
            KeyAlg::EcdhEsA256kw => self.ec.kid.clone(),
            KeyAlg::RsaOaep256 => self.rsa().kid.clone(),
        }
    }

    /// The public JWK (RFC 7517) with `kid`, `alg` and `use: "enc"`.
    pub fn public_jwk(&self, alg: KeyAlg) -> Value {
        let mut jwk = match alg {
            KeyAlg::EcdhEsA256kw => ec_public(&self.ec.secret, &self.ec.kid),
            KeyAlg::RsaOaep256 => {
                let key = self.rsa();
                rsa_public(&key.private, &key.kid)
            }
        };
        jwk["alg"] = json!(alg.name());
        jwk["use"] = json!("enc");
        jwk
    }

    /// The private JWK (RFC 7518 §6.2.2, §6.3.2): for tests that decrypt with another library.
    pub fn private_jwk(&self, alg: KeyAlg) -> Value {
        let mut jwk = self.public_jwk(alg);
        match alg {
            KeyAlg::EcdhEsA256kw => jwk["d"] = json!(b64url(&self.ec.secret.to_bytes())),
            KeyAlg::RsaOaep256 => {
                let key = &self.rsa().private;
                let b = |n: &rsa::BigUint| json!(b64url(&n.to_bytes_be()));
                jwk["d"] = b(key.d());
                if let [p, q] = key.primes() {
                    jwk["p"] = b(p);
                    jwk["q"] = b(q);
                }
                if let (Some(dp), Some(dq), Some(qi)) = (key.dp(), key.dq(), key.crt_coefficient())
                {
                    jwk["dp"] = b(dp);
                    jwk["dq"] = b(dq);
                    jwk["qi"] = b(&qi);
                }
            }
        }
        jwk
    }
}

/// `kty`, `crv`, `x`, `y` (and `kid` unless empty) of the P-256 public key.
fn ec_public(secret: &p256::SecretKey, kid: &str) -> Value {
    let point = secret.public_key().to_encoded_point(false);
    let coord = |c: Option<&p256::FieldBytes>| json!(c.map(|c| b64url(c)).unwrap_or_default());
    let mut jwk =
        json!({ "kty": "EC", "crv": "P-256", "x": coord(point.x()), "y": coord(point.y()) });
    if !kid.is_empty() {
        jwk["kid"] = json!(kid);
    }
    jwk
}

fn rsa_public(private: &RsaPrivateKey, kid: &str) -> Value {
    let mut jwk = json!({
        "kty": "RSA",
        "n": b64url(&private.n().to_bytes_be()),
        "e": b64url(&private.e().to_bytes_be()),
    });
    if !kid.is_empty() {
        jwk["kid"] = json!(kid);
    }
    jwk
}

/// The RFC 7638 SHA-256 thumbprint of a public JWK: its required members in lexicographic
/// order, no whitespace (RFC 7638 §3.2, §3.3).
pub fn thumbprint(jwk: &Value) -> Vec<u8> {
    let s = |k: &str| jwk.get(k).and_then(Value::as_str).unwrap_or_default();
    let text = match s("kty") {
        "EC" => format!(
            r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
            s("crv"),
            s("x"),
            s("y")
        ),
        _ => format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, s("e"), s("n")),
    };
    Sha256::digest(text.as_bytes()).to_vec()
}

fn thumbprint_hex8(jwk: &Value) -> String {
    thumbprint(jwk)[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ec_key_has_a_kid_from_its_thumbprint_and_the_private_jwk_adds_only_d() {
        let keys = HandoffKeys::new();
        let public = keys.public_jwk(KeyAlg::EcdhEsA256kw);
        assert_eq!(public["kty"], "EC");
        assert_eq!(public["crv"], "P-256");
        assert_eq!(public["alg"], "ECDH-ES+A256KW");
        assert_eq!(public["use"], "enc");
        assert!(public.get("d").is_none());
        let kid = public["kid"].as_str().unwrap_or_default();
        assert!(
            kid.starts_with("backup-server-ec-") && kid.len() == 25,
            "{kid}"
        );
        let private = keys.private_jwk(KeyAlg::EcdhEsA256kw);
        let mut without_d = private.clone();
        without_d.as_object_mut().map(|o| o.remove("d"));
        assert_eq!(without_d, public);
        assert_eq!(
            crate::tenant::jwt::b64url_decode(private["d"].as_str().unwrap_or_default())
                .map(|d| d.len()),
            Some(32)
        );
    }

    /// RFC 7638 §3.1's example key and thumbprint.
    #[test]
    fn rfc7638_thumbprint() {
        let jwk = json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        });
        assert_eq!(
            b64url(&thumbprint(&jwk)),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }
}
