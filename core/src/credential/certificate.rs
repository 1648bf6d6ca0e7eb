//! The self-signed X.509 v3 certificate (RFC 5280), in two steps so that WebCrypto signs it:
//! [`CertificateRequest::tbs_der`] gives the TBSCertificate, [`certificate_der`] adds the
//! signature.

use der::asn1::{AnyRef, BitStringRef, OctetStringRef, SetOfVec, UintRef, Utf8StringRef};
use der::{Decode, Encode, Sequence, ValueOrd};
use sha1::{Digest, Sha1};

use super::asn1::{
    AlgorithmIdentifier, BASIC_CONSTRAINTS, COMMON_NAME, KEY_USAGE, SHA256_WITH_RSA,
    SUBJECT_KEY_IDENTIFIER,
};
use super::error::CredentialError;
use super::public_key::rsa_public_key;
use super::validity::Validity;

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

/// A common name from the app's display name: trimmed, control characters dropped, and cut
/// to 64 characters (display names may have up to 120).
pub fn common_name(display_name: &str) -> String {
    let cleaned: String = display_name.chars().filter(|c| !c.is_control()).collect();
    let cut: String = cleaned.trim().chars().take(MAX_COMMON_NAME_CHARS).collect();
    cut.trim_end().to_owned()
}

/// AttributeTypeAndValue (RFC 5280 §4.1.2.4), here only the common name.
#[derive(Sequence, ValueOrd)]
struct AttributeTypeAndValue<'a> {
    attribute_type: der::asn1::ObjectIdentifier,
    value: Utf8StringRef<'a>,
}

/// Name: an RDNSequence of SETs (RFC 5280 §4.1.2.4).
type Name<'a> = Vec<SetOfVec<AttributeTypeAndValue<'a>>>;

/// Extension (RFC 5280 §4.1.2.9); `critical` is omitted when false (DER: DEFAULT FALSE).
#[derive(Sequence)]
struct Extension<'a> {
    extn_id: der::asn1::ObjectIdentifier,
    #[asn1(default = "Default::default")]
    critical: bool,
    extn_value: OctetStringRef<'a>,
}

/// TBSCertificate (RFC 5280 §4.1).
#[derive(Sequence)]
struct TbsCertificate<'a> {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    version: u8,
    serial_number: UintRef<'a>,
    signature: AlgorithmIdentifier<'a>,
    issuer: Name<'a>,
    validity: Validity,
    subject: Name<'a>,
    subject_public_key_info: AnyRef<'a>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT")]
    extensions: Vec<Extension<'a>>,
}

/// Certificate (RFC 5280 §4.1), with the TBSCertificate as signed.
#[derive(Sequence)]
struct Certificate<'a> {
    tbs_certificate: AnyRef<'a>,
    signature_algorithm: AlgorithmIdentifier<'a>,
    signature_value: BitStringRef<'a>,
}

/// Version ::= INTEGER { v1(0), v2(1), v3(2) }.
const V3: u8 = 2;

/// basicConstraints with cA FALSE: an empty SEQUENCE (RFC 5280 §4.2.1.9, DEFAULT omitted).
const BASIC_CONSTRAINTS_END_ENTITY: &[u8] = &[0x30, 0x00];

/// keyUsage with only digitalSignature (bit 0): BIT STRING, 7 unused bits, 0x80
/// (RFC 5280 §4.2.1.3).
const KEY_USAGE_DIGITAL_SIGNATURE: &[u8] = &[0x03, 0x02, 0x07, 0x80];

impl CertificateRequest {
    /// The TBSCertificate DER for WebCrypto to sign with RSASSA-PKCS1-v1_5 and SHA-256:
    /// version 3, sha256WithRSAEncryption, issuer = subject = CN, the validity, the public key,
    /// and three extensions: basicConstraints cA=false (critical), keyUsage digitalSignature
    /// (critical) and subjectKeyIdentifier (SHA-1 of the subjectPublicKey, RFC 5280
    /// §4.2.1.2 method 1).
    pub fn tbs_der(&self) -> Result<Vec<u8>, CredentialError> {
        let name = checked_common_name(&self.subject_common_name)?;
        let serial = positive_serial(&self.serial)?;
        let validity = Validity::new(self.not_before, self.not_after)?;
        let key = rsa_public_key(&self.subject_public_key_info_der)?.subject_public_key;
        let spki = AnyRef::from_der(&self.subject_public_key_info_der)?;

        let key_id = OctetStringRef::new(&Sha1::digest(key)[..])?.to_der()?;
        let extensions = vec![
            Extension {
                extn_id: BASIC_CONSTRAINTS,
                critical: true,
                extn_value: OctetStringRef::new(BASIC_CONSTRAINTS_END_ENTITY)?,
            },
            Extension {
                extn_id: KEY_USAGE,
                critical: true,
                extn_value: OctetStringRef::new(KEY_USAGE_DIGITAL_SIGNATURE)?,
            },
            Extension {
                extn_id: SUBJECT_KEY_IDENTIFIER,
                critical: false,
                extn_value: OctetStringRef::new(&key_id)?,
            },
        ];
        let tbs = TbsCertificate {
            version: V3,
            serial_number: UintRef::new(&serial)?,
            signature: AlgorithmIdentifier::with_null(SHA256_WITH_RSA),
            issuer: name_of(name)?,
            validity,
            subject: name_of(name)?,
            subject_public_key_info: spki,
            extensions,
        };
        Ok(tbs.to_der()?)
    }
}

/// The certificate: `tbs_der` from [`CertificateRequest::tbs_der`] and the RSASSA-PKCS1-v1_5
/// SHA-256 signature WebCrypto made over it. Checks that the signature is as long as the
/// modulus (RFC 8017 §8.2.1), which catches swapped or truncated arguments.
pub fn certificate_der(tbs_der: &[u8], signature: &[u8]) -> Result<Vec<u8>, CredentialError> {
    let tbs = TbsCertificate::from_der(tbs_der)
        .map_err(|_| CredentialError::Certificate("not a DER TBSCertificate"))?;
    if tbs.signature.algorithm != SHA256_WITH_RSA {
        return Err(CredentialError::Certificate(
            "TBSCertificate is not sha256WithRSAEncryption",
        ));
    }
    let spki = tbs.subject_public_key_info.to_der()?;
    if signature.len() != rsa_public_key(&spki)?.modulus_octets {
        return Err(CredentialError::Certificate(
            "signature is not as long as the RSA modulus",
        ));
    }
    let certificate = Certificate {
        tbs_certificate: AnyRef::from_der(tbs_der)?,
        signature_algorithm: AlgorithmIdentifier::with_null(SHA256_WITH_RSA),
        signature_value: BitStringRef::from_bytes(signature)?,
    };
    Ok(certificate.to_der()?)
}

fn checked_common_name(name: &str) -> Result<&str, CredentialError> {
    if name.trim().is_empty() {
        return Err(CredentialError::CommonName("empty"));
    }
    if name.chars().count() > MAX_COMMON_NAME_CHARS {
        return Err(CredentialError::CommonName("longer than 64 characters"));
    }
    if name.chars().any(char::is_control) {
        return Err(CredentialError::CommonName("holds control characters"));
    }
    Ok(name)
}

fn name_of(common_name: &str) -> Result<Name<'_>, CredentialError> {
    let mut rdn = SetOfVec::new();
    rdn.insert(AttributeTypeAndValue {
        attribute_type: COMMON_NAME,
        value: Utf8StringRef::new(common_name)?,
    })?;
    Ok(vec![rdn])
}

/// The serial's octets with the first bit cleared and leading zeros dropped.
fn positive_serial(random: &[u8]) -> Result<Vec<u8>, CredentialError> {
    if random.len() > MAX_SERIAL_OCTETS {
        return Err(CredentialError::Serial("more than 20 octets"));
    }
    let mut serial = random.to_vec();
    if let Some(first) = serial.first_mut() {
        *first &= 0x7f;
    }
    let start = serial.iter().position(|&b| b != 0);
    match start {
        Some(start) => Ok(serial.split_off(start)),
        None => Err(CredentialError::Serial("zero (it must be positive)")),
    }
}

/// The SubjectPublicKeyInfo DER of a certificate made by [`certificate_der`].
pub(super) fn certificate_public_key(certificate_der: &[u8]) -> Result<Vec<u8>, CredentialError> {
    let certificate = Certificate::from_der(certificate_der)
        .map_err(|_| CredentialError::Certificate("not a DER Certificate"))?;
    let tbs = certificate
        .tbs_certificate
        .decode_as::<TbsCertificate<'_>>()
        .map_err(|_| CredentialError::Certificate("not a DER TBSCertificate"))?;
    Ok(tbs.subject_public_key_info.to_der()?)
}
