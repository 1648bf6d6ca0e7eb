//! The sealed bundle opened as a backup server would: RustCrypto stands in for WebCrypto to
//! seal, and a decryptor written here from RFC 7516 and RFC 7518 (not the core's code) opens it.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use aes_kw::KekAes256;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::elliptic_curve::sec1::{FromEncodedPoint, ToEncodedPoint};
use p256::{EncodedPoint, PublicKey, SecretKey};
use rand::RngCore;
use rand::rngs::OsRng;
use registrar_core::config::{PublicJwk, parse_public_jwk};
use registrar_core::credential::pkcs12::CryptoFailure;
use registrar_core::handoff::{
    Bundle, EcdhAgreement, SealCrypto, SealError, concat_kdf, hand_off, seal,
};
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Oaep, RsaPrivateKey, RsaPublicKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// WebCrypto's primitives, from RustCrypto.
struct RustCrypto;

fn fail(what: &str) -> CryptoFailure {
    CryptoFailure(what.to_owned())
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

fn point(x: &[u8], y: &[u8]) -> Option<PublicKey> {
    let encoded = EncodedPoint::from_affine_coordinates(x.into(), y.into(), false);
    PublicKey::from_encoded_point(&encoded).into()
}

impl SealCrypto for RustCrypto {
    fn fill_random(&self, bytes: &mut [u8]) -> Result<(), CryptoFailure> {
        OsRng.fill_bytes(bytes);
        Ok(())
    }

    async fn ecdh_p256_ephemeral(&self, x: &str, y: &str) -> Result<EcdhAgreement, CryptoFailure> {
        let x = URL_SAFE_NO_PAD.decode(x).map_err(|_| fail("x"))?;
        let y = URL_SAFE_NO_PAD.decode(y).map_err(|_| fail("y"))?;
        let recipient = point(&x, &y).ok_or_else(|| fail("not on the curve"))?;
        let ephemeral = p256::ecdh::EphemeralSecret::random(&mut OsRng);
        let shared = ephemeral.diffie_hellman(&recipient);
        let public = ephemeral.public_key().to_encoded_point(false);
        Ok(EcdhAgreement {
            x: b64(public.x().ok_or_else(|| fail("x"))?),
            y: b64(public.y().ok_or_else(|| fail("y"))?),
            shared_secret: (*shared.raw_secret_bytes()).into(),
        })
    }

    async fn aes256_key_wrap(
        &self,
        kek: &[u8; 32],
        cek: &[u8; 32],
    ) -> Result<Vec<u8>, CryptoFailure> {
        KekAes256::from(*kek)
            .wrap_vec(cek)
            .map_err(|_| fail("AES-KW"))
    }

    async fn rsa_oaep_256_encrypt(
        &self,
        n: &str,
        e: &str,
        cek: &[u8; 32],
    ) -> Result<Vec<u8>, CryptoFailure> {
        let n = BigUint::from_bytes_be(&URL_SAFE_NO_PAD.decode(n).map_err(|_| fail("n"))?);
        let e = BigUint::from_bytes_be(&URL_SAFE_NO_PAD.decode(e).map_err(|_| fail("e"))?);
        let key = RsaPublicKey::new(n, e).map_err(|_| fail("RSA key"))?;
        key.encrypt(&mut OsRng, Oaep::new::<Sha256>(), cek)
            .map_err(|_| fail("RSA-OAEP"))
    }

    async fn aes256_gcm_encrypt(
        &self,
        key: &[u8; 32],
        iv: &[u8; 12],
        aad: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoFailure> {
        let cipher = Aes256Gcm::new(key.into());
        cipher
            .encrypt(
                Nonce::from_slice(iv),
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .map_err(|_| fail("AES-GCM"))
    }
}

/// The backup server's private key.
enum PrivateKey {
    Ec(SecretKey),
    Rsa(Box<RsaPrivateKey>),
}

/// RFC 7518 §4.6.2 once more, written from the RFC for the decryptor alone.
fn kdf_for_decryptor(z: &[u8], alg: &str) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(1u32.to_be_bytes());
    hash.update(z);
    hash.update((alg.len() as u32).to_be_bytes());
    hash.update(alg.as_bytes());
    hash.update(0u32.to_be_bytes()); // apu: empty
    hash.update(0u32.to_be_bytes()); // apv: empty
    hash.update(256u32.to_be_bytes());
    hash.finalize().into()
}

/// Opens a compact JWE (RFC 7516 §5.2): the protected header and the plaintext.
fn open(jwe: &str, key: &PrivateKey) -> Result<(Value, Vec<u8>), String> {
    let parts: Vec<&str> = jwe.split('.').collect();
    let [protected, encrypted_key, iv, ciphertext, tag] = parts[..] else {
        return Err(format!("{} parts", parts.len()));
    };
    let header: Value = serde_json::from_slice(&unb64(protected)).map_err(|e| e.to_string())?;
    if header["enc"] != "A256GCM" {
        return Err("enc".into());
    }
    let cek = match (key, header["alg"].as_str()) {
        (PrivateKey::Ec(secret), Some(alg @ "ECDH-ES+A256KW")) => {
            let epk = &header["epk"];
            if epk["kty"] != "EC" || epk["crv"] != "P-256" {
                return Err("epk".into());
            }
            let ephemeral = point(
                &unb64(epk["x"].as_str().ok_or("epk.x")?),
                &unb64(epk["y"].as_str().ok_or("epk.y")?),
            )
            .ok_or("epk not on the curve")?;
            let z = p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), ephemeral.as_affine());
            let kek = kdf_for_decryptor(z.raw_secret_bytes(), alg);
            KekAes256::from(kek)
                .unwrap_vec(&unb64(encrypted_key))
                .map_err(|_| "AES-KW unwrap failed")?
        }
        (PrivateKey::Rsa(private), Some("RSA-OAEP-256")) => private
            .decrypt(Oaep::new::<Sha256>(), &unb64(encrypted_key))
            .map_err(|_| "RSA-OAEP decryption failed")?,
        (_, alg) => return Err(format!("alg {alg:?} for this key")),
    };
    let mut sealed = unb64(ciphertext);
    sealed.extend(unb64(tag));
    let plaintext = Aes256Gcm::new_from_slice(&cek)
        .map_err(|_| "CEK length")?
        .decrypt(
            Nonce::from_slice(&unb64(iv)),
            Payload {
                msg: &sealed,
                aad: protected.as_bytes(),
            },
        )
        .map_err(|_| "AES-GCM authentication failed")?;
    Ok((header, plaintext))
}

fn ec_key(kid: Option<&str>) -> (PrivateKey, PublicJwk) {
    let secret = SecretKey::random(&mut OsRng);
    let public = secret.public_key().to_encoded_point(false);
    let mut jwk = json!({
        "kty": "EC", "crv": "P-256",
        "x": b64(public.x().expect("x")), "y": b64(public.y().expect("y")),
    });
    if let Some(kid) = kid {
        jwk["kid"] = kid.into();
    }
    let public = parse_public_jwk(&jwk, "publicKey").expect("a valid JWK");
    (PrivateKey::Ec(secret), public)
}

fn rsa_key(kid: Option<&str>) -> (PrivateKey, PublicJwk) {
    let private =
        RsaPrivateKey::from_pkcs8_pem(include_str!("common/test_key.pem")).expect("the test key");
    let mut jwk = json!({
        "kty": "RSA",
        "n": b64(&private.n().to_bytes_be()),
        "e": b64(&private.e().to_bytes_be()),
    });
    if let Some(kid) = kid {
        jwk["kid"] = kid.into();
    }
    let public = parse_public_jwk(&jwk, "publicKey").expect("a valid JWK");
    (PrivateKey::Rsa(Box::new(private)), public)
}

const BUNDLE: &[u8] = br#"{"format":"m365-registrar.bundle","clientSecret":{"value":"Q~s3cr3t"}}"#;

#[tokio::test]
async fn an_ec_sealed_bundle_opens_with_the_private_key_and_names_its_key_and_onboarding() {
    let (private, public) = ec_key(Some("backup-2026"));
    let jwe = seal(BUNDLE, &public, Some("onb-7Hq2"), &RustCrypto)
        .await
        .expect("sealed");
    assert!(!jwe.contains("s3cr3t"));
    let (header, plaintext) = open(&jwe, &private).expect("opens");
    assert_eq!(plaintext, BUNDLE);
    assert_eq!(header["alg"], "ECDH-ES+A256KW");
    assert_eq!(header["enc"], "A256GCM");
    assert_eq!(header["cty"], "application/json");
    assert_eq!(header["kid"], "backup-2026");
    assert_eq!(header["onboardingId"], "onb-7Hq2");
    let epk = header["epk"].as_object().expect("epk");
    let mut members: Vec<&str> = epk.keys().map(String::as_str).collect();
    members.sort_unstable();
    assert_eq!(members, ["crv", "kty", "x", "y"], "a public key only");
    let wrapped = unb64(jwe.split('.').nth(1).expect("encrypted key"));
    assert_eq!(wrapped.len(), 40, "AES-KW of a 256-bit key");
    assert_eq!(unb64(jwe.split('.').nth(2).expect("iv")).len(), 12);
}

#[tokio::test]
async fn an_rsa_sealed_bundle_opens_with_the_private_key() {
    let (private, public) = rsa_key(None);
    let jwe = seal(BUNDLE, &public, None, &RustCrypto)
        .await
        .expect("sealed");
    let (header, plaintext) = open(&jwe, &private).expect("opens");
    assert_eq!(plaintext, BUNDLE);
    assert_eq!(header["alg"], "RSA-OAEP-256");
    let mut members: Vec<&str> = header
        .as_object()
        .expect("header")
        .keys()
        .map(String::as_str)
        .collect();
    members.sort_unstable();
    assert_eq!(
        members,
        ["alg", "cty", "enc"],
        "no kid, epk or onboardingId"
    );
}

/// Re-encodes the protected header with `change` applied.
fn with_header(jwe: &str, change: impl Fn(&mut Value)) -> String {
    let mut parts: Vec<String> = jwe.split('.').map(str::to_owned).collect();
    let mut header: Value = serde_json::from_slice(&unb64(&parts[0])).expect("header");
    change(&mut header);
    parts[0] = b64(header.to_string().as_bytes());
    parts.join(".")
}

#[tokio::test]
async fn no_header_member_can_be_changed_without_the_decryption_failing() {
    for (private, public) in [ec_key(Some("k1")), rsa_key(Some("k1"))] {
        let jwe = seal(BUNDLE, &public, Some("onb-1"), &RustCrypto)
            .await
            .expect("sealed");
        assert!(open(&jwe, &private).is_ok());
        let other_onboarding = with_header(&jwe, |h| h["onboardingId"] = "onb-2".into());
        assert_eq!(
            open(&other_onboarding, &private).err().as_deref(),
            Some("AES-GCM authentication failed")
        );
        let other_kid = with_header(&jwe, |h| h["kid"] = "k2".into());
        assert!(open(&other_kid, &private).is_err());
        let mut parts: Vec<String> = jwe.split('.').map(str::to_owned).collect();
        let header: Value = serde_json::from_slice(&unb64(&parts[0])).expect("header");
        parts[0] = b64(serde_json::to_string_pretty(&header)
            .expect("json")
            .as_bytes());
        assert!(
            open(&parts.join("."), &private).is_err(),
            "the exact header text is authenticated, not only its members"
        );
        let mut parts: Vec<&str> = jwe.split('.').collect();
        let flipped = b64(&unb64(parts[3])
            .iter()
            .enumerate()
            .map(|(i, b)| if i == 0 { b ^ 1 } else { *b })
            .collect::<Vec<_>>());
        parts[3] = &flipped;
        assert!(open(&parts.join("."), &private).is_err(), "ciphertext");
    }
}

#[tokio::test]
async fn only_the_recipients_key_opens_it() {
    let (_, public) = ec_key(None);
    let (other, _) = ec_key(None);
    let jwe = seal(BUNDLE, &public, None, &RustCrypto)
        .await
        .expect("sealed");
    assert!(open(&jwe, &other).is_err());
}

#[tokio::test]
async fn two_seals_of_the_same_bundle_differ() {
    let (_, public) = ec_key(None);
    let first = seal(BUNDLE, &public, None, &RustCrypto).await;
    let second = seal(BUNDLE, &public, None, &RustCrypto).await;
    assert_ne!(first, second, "fresh CEK, IV and ephemeral key each time");
}

/// RFC 7518 Appendix C: Alice's ephemeral key and Bob's key give the published Z, and the
/// core's Concat KDF turns it into the published key.
#[test]
fn the_rfc_7518_appendix_c_example_derives_the_published_key() {
    let alice =
        SecretKey::from_bytes(unb64("0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo")[..].into())
            .expect("Alice's ephemeral key");
    let bob = point(
        &unb64("weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ"),
        &unb64("e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck"),
    )
    .expect("Bob's public key");
    let z = p256::ecdh::diffie_hellman(alice.to_nonzero_scalar(), bob.as_affine());
    assert_eq!(
        z.raw_secret_bytes().as_slice(),
        [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49,
            110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ]
    );
    let key = concat_kdf(z.raw_secret_bytes(), "A128GCM", b"Alice", b"Bob", 128);
    assert_eq!(b64(&key), "VqqN6vgjbSBcIijNcacQGg");
}

/// RFC 3394 §4.6: 256 bits of key data wrapped with a 256-bit KEK.
#[tokio::test]
async fn aes_key_wrap_matches_rfc_3394() {
    let hex = |text: &str| -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
            .collect()
    };
    let kek: [u8; 32] = hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F")
        .try_into()
        .expect("32 bytes");
    let data: [u8; 32] = hex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F")
        .try_into()
        .expect("32 bytes");
    let wrapped = RustCrypto.aes256_key_wrap(&kek, &data).await;
    assert_eq!(
        wrapped,
        Ok(hex(
            "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"
        ))
    );
}

/// A WebCrypto that fails or misbehaves.
struct Broken {
    wrap_length: usize,
}

impl SealCrypto for Broken {
    fn fill_random(&self, bytes: &mut [u8]) -> Result<(), CryptoFailure> {
        bytes.fill(7);
        Ok(())
    }

    async fn ecdh_p256_ephemeral(&self, x: &str, y: &str) -> Result<EcdhAgreement, CryptoFailure> {
        RustCrypto.ecdh_p256_ephemeral(x, y).await
    }

    async fn aes256_key_wrap(&self, _: &[u8; 32], _: &[u8; 32]) -> Result<Vec<u8>, CryptoFailure> {
        Ok(vec![0; self.wrap_length])
    }

    async fn rsa_oaep_256_encrypt(
        &self,
        _: &str,
        _: &str,
        _: &[u8; 32],
    ) -> Result<Vec<u8>, CryptoFailure> {
        Err(fail(
            "WebCrypto encrypt: OperationError: the key is not usable",
        ))
    }

    async fn aes256_gcm_encrypt(
        &self,
        _: &[u8; 32],
        _: &[u8; 12],
        _: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoFailure> {
        Ok(plaintext.to_vec())
    }
}

#[tokio::test]
async fn a_failing_browser_is_an_error_in_words_never_a_panic() {
    let (_, rsa) = rsa_key(None);
    let error = seal(BUNDLE, &rsa, None, &Broken { wrap_length: 40 })
        .await
        .expect_err("RSA fails");
    assert_eq!(
        error.to_string(),
        "the settings could not be sealed to the backup server's key (WebCrypto encrypt: \
         OperationError: the key is not usable)"
    );
    let (_, ec) = ec_key(None);
    assert_eq!(
        seal(BUNDLE, &ec, None, &Broken { wrap_length: 32 }).await,
        Err(SealError::Malformed("AES-KW did not return 40 bytes"))
    );
    assert_eq!(
        seal(BUNDLE, &ec, None, &Broken { wrap_length: 40 }).await,
        Err(SealError::Malformed("AES-GCM did not return a 128-bit tag"))
    );
}

#[tokio::test]
async fn with_a_key_the_hand_off_is_the_jwe_of_the_settings_file() {
    let bundle: Bundle = serde_json::from_value(json!({
        "format": "m365-registrar.bundle", "version": 1, "onboardingId": "onb-9",
        "createdAt": "2026-11-30T17:02:11Z", "cloud": "global",
        "tenantId": "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e", "clientId": "c",
        "authority": "a", "graph": "g", "clientSecret": null, "certificate": null,
        "permissions": [], "directoryRoles": []
    }))
    .expect("a bundle");
    let (private, public) = ec_key(Some("backup-2026"));
    let report = hand_off(&bundle, Some(&public), &RustCrypto)
        .await
        .expect("sealed");
    assert!(report.sealed);
    assert_eq!(
        report.file_name,
        "m365-registrar-6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e.jwe"
    );
    assert_eq!(report.key_thumbprint, Some(public.thumbprint()));
    assert_eq!(report.kid.as_deref(), Some("backup-2026"));
    assert_eq!(report.onboarding_id.as_deref(), Some("onb-9"));
    let (header, plaintext) = open(&report.file_text, &private).expect("opens");
    assert_eq!(header["onboardingId"], "onb-9");
    assert_eq!(plaintext, bundle.settings_file_text().as_bytes());
}
