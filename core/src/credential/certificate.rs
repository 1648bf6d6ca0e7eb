//! The self-signed X.509 v3 certificate (RFC 5280), in two steps so that WebCrypto signs it:
//! [`CertificateRequest::tbs_der`] gives the TBSCertificate, [`certificate_der`] adds the
//! signature.

use der::Tag;
use sha1::{Digest, Sha1};

use super::asn1::{
    BASIC_CONSTRAINTS, COMMON_NAME, Element, KEY_USAGE, NULL, SHA256_WITH_RSA,
    SUBJECT_KEY_IDENTIFIER, algorithm, explicit, octet_string, oid, sequence, set_of, tlv,
    unsigned,
};
use super::error::CredentialError;
use super::public_key::rsa_public_key;
use super::validity::validity;

/// What the certificate says. Random and time come from the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRequest {
    /// Subject and issuer common name, 1 to 64 characters ([`common_name`] makes one from the
    /// app's display name). Written as a UTF8String, so any script works (RFC 5280 §4.1.2.4).
    pub subject_common_name: String,
    /// Start of validity, Unix seconds.
    pub not_before: u64,
    /// End of validity, Unix seconds; after `not_before`.
    pub not_after: u64,
    /// Random bytes for the serial number, at most 20 (16 or more recommended). The first
    /// bit is cleared so that the INTEGER is positive and fits in 20 octets (RFC 5280
    /// §4.1.2.2); it must not end up zero.
    pub serial: Vec<u8>,
    /// The RSA public key, SubjectPublicKeyInfo DER (WebCrypto `exportKey("spki")`).
    pub subject_public_key_info_der: Vec<u8>,
}

/// The longest common name X.520 allows (`ub-common-name`, RFC 5280 appendix A.1).
const MAX_COMMON_NAME_CHARS: usize = 64;

/// The largest serial number, in octets (RFC 5280 §4.1.2.2).
const MAX_SERIAL_OCTETS: usize = 20;

/// Version v3 (RFC 5280 §4.1.2.1): INTEGER 2 under `[0] EXPLICIT`.
const VERSION_V3: &[u8] = &[0xA0, 0x03, 0x02, 0x01, 0x02];

/// BOOLEAN TRUE (X.690 §11.1).
const TRUE: &[u8] = &[0x01, 0x01, 0xFF];

/// basicConstraints with cA FALSE: an empty SEQUENCE (RFC 5280 §4.2.1.9, DEFAULT omitted).
const BASIC_CONSTRAINTS_END_ENTITY: &[u8] = &[0x30, 0x00];

/// keyUsage with only digitalSignature (bit 0): BIT STRING, 7 unused bits, 0x80
/// (RFC 5280 §4.2.1.3).
const KEY_USAGE_DIGITAL_SIGNATURE: &[u8] = &[0x03, 0x02, 0x07, 0x80];

/// A common name from the app's display name: control characters dropped, trimmed, and cut
/// to 64 characters (display names may have up to 120).
pub fn common_name(display_name: &str) -> String {
    let cleaned: String = display_name.chars().filter(|c| !c.is_control()).collect();
    let cut: String = cleaned.trim().chars().take(MAX_COMMON_NAME_CHARS).collect();
    cut.trim_end().to_owned()
}

impl CertificateRequest {
    /// The TBSCertificate DER (RFC 5280 §4.1) for WebCrypto to sign with RSASSA-PKCS1-v1_5
    /// and SHA-256: version 3, sha256WithRSAEncryption, issuer = subject = CN, the validity,
    /// the public key, and three extensions: basicConstraints cA=false (critical), keyUsage
    /// digitalSignature (critical) and subjectKeyIdentifier (SHA-1 of the subjectPublicKey,
    /// RFC 5280 §4.2.1.2 method 1).
    pub fn tbs_der(&self) -> Result<Vec<u8>, CredentialError> {
        let name = name(&self.subject_common_name)?;
        let serial = unsigned(&positive_serial(&self.serial)?)?;
        let validity = validity(self.not_before, self.not_after)?;
        let spki = &self.subject_public_key_info_der;
        let key = rsa_public_key(spki)?.subject_public_key;

        let key_id = octet_string(&Sha1::digest(key))?;
        let extensions = sequence(&[
            &extension(&BASIC_CONSTRAINTS, true, BASIC_CONSTRAINTS_END_ENTITY)?,
            &extension(&KEY_USAGE, true, KEY_USAGE_DIGITAL_SIGNATURE)?,
            &extension(&SUBJECT_KEY_IDENTIFIER, false, &key_id)?,
        ])?;
        sequence(&[
            VERSION_V3,
            &serial,
            &algorithm(&SHA256_WITH_RSA, NULL)?,
            &name,
            &validity,
            &name,
            spki,
            &explicit(3, &extensions)?,
        ])
    }
}

/// The certificate (RFC 5280 §4.1): `tbs_der` from [`CertificateRequest::tbs_der`] and the
/// RSASSA-PKCS1-v1_5 SHA-256 signature WebCrypto made over it. Checks that the signature is
/// as long as the modulus (RFC 8017 §8.2.1), which catches swapped or truncated arguments.
pub fn certificate_der(tbs_der: &[u8], signature: &[u8]) -> Result<Vec<u8>, CredentialError> {
    let spki = tbs_public_key(tbs_der)?;
    if signature.len() != rsa_public_key(spki)?.modulus_octets {
        return Err(CredentialError::Certificate(
            "signature is not as long as the RSA modulus",
        ));
    }
    // BIT STRING with no unused bits.
    let signature_value = tlv(Tag::BitString, &[&[0], signature].concat())?;
    sequence(&[
        tbs_der,
        &algorithm(&SHA256_WITH_RSA, NULL)?,
        &signature_value,
    ])
}

/// The SubjectPublicKeyInfo DER of a certificate made by [`certificate_der`].
pub(super) fn certificate_public_key(certificate_der: &[u8]) -> Result<&[u8], CredentialError> {
    let tbs = Element::only(certificate_der)
        .and_then(|e| e.sequence())
        .and_then(|parts| parts.first().copied())
        .ok_or(CredentialError::Certificate("not a DER Certificate"))?;
    tbs_public_key(tbs.raw)
}

/// The SubjectPublicKeyInfo of a TBSCertificate as [`CertificateRequest::tbs_der`] writes it
/// (v3, sha256WithRSAEncryption, with extensions).
fn tbs_public_key(tbs_der: &[u8]) -> Result<&[u8], CredentialError> {
    let bad = CredentialError::Certificate("not a TBSCertificate made by tbs_der");
    let parts = Element::only(tbs_der)
        .and_then(|e| e.sequence())
        .ok_or(bad.clone())?;
    let [
        version,
        _serial,
        signature,
        _issuer,
        _validity,
        _subject,
        spki,
        _extensions,
    ] = parts.as_slice()
    else {
        return Err(bad);
    };
    let sha256_with_rsa = algorithm(&SHA256_WITH_RSA, NULL)?;
    if version.raw != VERSION_V3 || signature.raw != sha256_with_rsa.as_slice() {
        return Err(bad);
    }
    Ok(spki.raw)
}

/// Name (RFC 5280 §4.1.2.4): one RDN with the common name as a UTF8String.
fn name(common_name: &str) -> Result<Vec<u8>, CredentialError> {
    if common_name.trim().is_empty() {
        return Err(CredentialError::CommonName("empty"));
    }
    if common_name.chars().count() > MAX_COMMON_NAME_CHARS {
        return Err(CredentialError::CommonName("longer than 64 characters"));
    }
    if common_name.chars().any(char::is_control) {
        return Err(CredentialError::CommonName("holds control characters"));
    }
    let value = tlv(Tag::Utf8String, common_name.as_bytes())?;
    let attribute = sequence(&[&oid(&COMMON_NAME)?, &value])?;
    sequence(&[&set_of(vec![attribute])?])
}

/// Extension (RFC 5280 §4.1.2.9); `critical` is left out when false (DEFAULT FALSE).
fn extension(
    id: &der::asn1::ObjectIdentifier,
    critical: bool,
    value: &[u8],
) -> Result<Vec<u8>, CredentialError> {
    let critical: &[u8] = if critical { TRUE } else { &[] };
    sequence(&[&oid(id)?, critical, &octet_string(value)?])
}

/// The serial's octets with the first bit cleared.
fn positive_serial(random: &[u8]) -> Result<Vec<u8>, CredentialError> {
    if random.len() > MAX_SERIAL_OCTETS {
        return Err(CredentialError::Serial("more than 20 octets"));
    }
    let mut serial = random.to_vec();
    if let Some(first) = serial.first_mut() {
        *first &= 0x7f;
    }
    if serial.iter().all(|&b| b == 0) {
        return Err(CredentialError::Serial("zero (it must be positive)"));
    }
    Ok(serial)
}
