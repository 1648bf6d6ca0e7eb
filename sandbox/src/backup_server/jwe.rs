//! Opening a sealed bundle: a compact JWE (RFC 7516 §7.1) with `alg` `ECDH-ES+A256KW`
//! (RFC 7518 §4.6) or `RSA-OAEP-256` (RFC 7518 §4.3) and `enc` `A256GCM` (RFC 7518 §5.3), as
//! docs/handoff.md specifies. Every refusal is in plain words, and never quotes key material.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use p256::elliptic_curve::sec1::FromEncodedPoint;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::keys::{HandoffKeys, KeyAlg};
use crate::tenant::jwt::b64url_decode;

/// An opened JWE.
pub struct Opened {
    pub header: Map<String, Value>,
    /// The `kid` of the key that opened it.
    pub kid: String,
    pub plaintext: Vec<u8>,
}

/// The refusal that says nothing about where decryption failed (tag, key unwrap or OAEP), as
/// RFC 7516 §11.5 advises against telling them apart.
const UNOPENABLE: &str = "the sealed bundle cannot be opened: it was changed after it was sealed, or sealed with another key";

pub fn open(compact: &str, keys: &HandoffKeys) -> Result<Opened, String> {
    let parts: Vec<&str> = compact.trim().split('.').collect();
    let [protected, encrypted_key, iv, ciphertext, tag] = parts[..] else {
        return Err(format!(
            "the sealed bundle is not a compact JWE: it has {} parts, not 5",
            parts.len()
        ));
    };
    let part = |text: &str, name: &str| {
        b64url_decode(text).ok_or_else(|| format!("the JWE's {name} is not base64url"))
    };
    let header: Map<String, Value> = serde_json::from_slice(&part(protected, "protected header")?)
        .map_err(|_| "the JWE's protected header is not a JSON object".to_string())?;
    let text = |k: &str| header.get(k).and_then(Value::as_str);
    let alg_name = text("alg").unwrap_or_default();
    let alg = KeyAlg::parse(alg_name).ok_or_else(|| {
        format!("the JWE's alg {alg_name:?} is not ECDH-ES+A256KW or RSA-OAEP-256")
    })?;
    if text("enc") != Some("A256GCM") {
        return Err("the JWE's enc is not A256GCM".into());
    }
    // RFC 7516 §4.1.13: extensions a recipient does not understand make the JWE invalid; none
    // are defined for the hand-off, nor compression (§4.1.3).
    if header.contains_key("crit") {
        return Err("the JWE's header has crit extensions this server does not know".into());
    }
    if header.contains_key("zip") {
        return Err("the JWE is compressed (zip), which the hand-off never does".into());
    }
    // The key named by `kid`; without one, this server's key for the `alg`.
    let ec_kid = keys.ec.kid.as_str();
    let kid = match text("kid") {
        Some(k) if k == ec_kid => {
            if alg != KeyAlg::EcdhEsA256kw {
                return Err(format!(
                    "the JWE names the EC key {k} but its alg is {alg_name}"
                ));
            }
            k.to_string()
        }
        Some(k) if k.starts_with("backup-server-rsa-") && k == keys.rsa().kid => {
            if alg != KeyAlg::RsaOaep256 {
                return Err(format!(
                    "the JWE names the RSA key {k} but its alg is {alg_name}"
                ));
            }
            k.to_string()
        }
        Some(k) => {
            return Err(format!(
                "the JWE's kid {k:?} is not one of this server's keys"
            ));
        }
        None => keys.kid(alg),
    };
    let encrypted_key = part(encrypted_key, "encrypted key")?;
    let cek = match alg {
        KeyAlg::EcdhEsA256kw => {
            let kek = ecdh_es_kek(&header, &keys.ec.secret)?;
            let kek = aes_kw::KekAes256::from(kek);
            let mut cek = [0u8; 32];
            if encrypted_key.len() != 40 || kek.unwrap(&encrypted_key, &mut cek).is_err() {
                return Err(UNOPENABLE.into());
            }
            cek.to_vec()
        }
        KeyAlg::RsaOaep256 => keys
            .rsa()
            .private
            .decrypt(rsa::Oaep::new::<Sha256>(), &encrypted_key)
            .map_err(|_| UNOPENABLE.to_string())?,
    };
    if cek.len() != 32 {
        return Err(UNOPENABLE.into());
    }
    let iv = part(iv, "initialization vector")?;
    let tag = part(tag, "authentication tag")?;
    // A256GCM: a 96-bit IV and a 128-bit tag (RFC 7518 §5.3).
    if iv.len() != 12 || tag.len() != 16 {
        return Err("the JWE's IV or tag has the wrong length for A256GCM".into());
    }
    let mut sealed = part(ciphertext, "ciphertext")?;
    sealed.extend_from_slice(&tag);
    let cipher = Aes256Gcm::new_from_slice(&cek).map_err(|_| UNOPENABLE.to_string())?;
    // The additional data is the ASCII of the encoded protected header (RFC 7516 §5.2 step 14).
    let plaintext = cipher
        .decrypt(
            Nonce::from_slice(&iv),
            Payload {
                msg: &sealed,
                aad: protected.as_bytes(),
            },
        )
        .map_err(|_| UNOPENABLE.to_string())?;
    Ok(Opened {
        header,
        kid,
        plaintext,
    })
}

/// The key-encryption key of ECDH-ES+A256KW: Z from the header's `epk` and our key, then the
/// Concat KDF with AlgorithmID = the `alg`, apu/apv from the header (empty when absent) and
/// keydatalen 256 (RFC 7518 §4.6.2).
fn ecdh_es_kek(header: &Map<String, Value>, secret: &p256::SecretKey) -> Result<[u8; 32], String> {
    let epk = header
        .get("epk")
        .and_then(Value::as_object)
        .ok_or("the JWE has no epk (the sender's ephemeral key)")?;
    let coord = |k: &str| {
        epk.get(k)
            .and_then(Value::as_str)
            .and_then(b64url_decode)
            .filter(|c| c.len() == 32)
    };
    let (Some(x), Some(y)) = (coord("x"), coord("y")) else {
        return Err("the JWE's epk is not a P-256 point".into());
    };
    if epk.get("kty").and_then(Value::as_str) != Some("EC")
        || epk.get("crv").and_then(Value::as_str) != Some("P-256")
    {
        return Err("the JWE's epk is not an EC P-256 key".into());
    }
    // A point off the curve is refused (the invalid-curve attack, RFC 7518 §4.6 and
    // NIST SP 800-56A rev. 3 §5.6.2.3.4): `from_encoded_point` checks the curve equation.
    let point = p256::EncodedPoint::from_affine_coordinates(
        p256::FieldBytes::from_slice(&x),
        p256::FieldBytes::from_slice(&y),
        false,
    );
    let epk = Option::<p256::PublicKey>::from(p256::PublicKey::from_encoded_point(&point))
        .ok_or("the JWE's epk is not a point of P-256")?;
    let shared = p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), epk.as_affine());
    let party = |k: &str| match header.get(k).and_then(Value::as_str) {
        None => Ok(Vec::new()),
        Some(v) => b64url_decode(v).ok_or(format!("the JWE's {k} is not base64url")),
    };
    let derived = concat_kdf(
        shared.raw_secret_bytes(),
        "ECDH-ES+A256KW",
        &party("apu")?,
        &party("apv")?,
        256,
    );
    let mut kek = [0u8; 32];
    kek.copy_from_slice(&derived);
    Ok(kek)
}

/// The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as RFC 7518 §4.6.2 uses it:
/// rounds of SHA-256(counter ‖ Z ‖ OtherInfo), OtherInfo = AlgorithmID ‖ PartyUInfo ‖
/// PartyVInfo ‖ SuppPubInfo (keydatalen in bits), each datum but the last prefixed with its
/// 32-bit big-endian length.
pub fn concat_kdf(z: &[u8], algorithm_id: &str, apu: &[u8], apv: &[u8], bits: u32) -> Vec<u8> {
    let mut other = Vec::new();
    for datum in [algorithm_id.as_bytes(), apu, apv] {
        other.extend_from_slice(&(datum.len() as u32).to_be_bytes());
        other.extend_from_slice(datum);
    }
    other.extend_from_slice(&bits.to_be_bytes());
    let len = (bits as usize).div_ceil(8);
    let mut out = Vec::with_capacity(len + 32);
    let mut counter: u32 = 1;
    while out.len() < len {
        let mut h = Sha256::new();
        h.update(counter.to_be_bytes());
        h.update(z);
        h.update(&other);
        out.extend_from_slice(&h.finalize());
        counter += 1;
    }
    out.truncate(len);
    out
}
