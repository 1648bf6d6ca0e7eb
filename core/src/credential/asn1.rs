//! ASN.1 pieces shared by the certificate and PKCS#12 encoders.

use der::Sequence;
use der::asn1::{AnyRef, ObjectIdentifier as Oid};

// RFC 8017 appendix C (PKCS #1), RFC 4055 §5.
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
// RFC 5280 appendix A.
pub const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
pub const SUBJECT_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.14");
pub const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
// RFC 5652 §4 and §8 (PKCS #7 content types).
pub const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub const ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");
// RFC 7292 appendix D.
pub const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
pub const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
pub const X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");
// RFC 2985 §5.5.1 and §5.5.2 (PKCS #9).
pub const FRIENDLY_NAME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.20");
pub const LOCAL_KEY_ID: Oid = Oid::new_unwrap("1.2.840.113549.1.9.21");
// RFC 8018 appendix A and B.
pub const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13");
pub const PBKDF2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.12");
pub const HMAC_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.113549.2.9");
// NIST Computer Security Objects Register (RFC 3565 §4.1, RFC 5754 §2.2).
pub const AES256_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.42");
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");

/// AlgorithmIdentifier (RFC 5280 §4.1.1.2).
#[derive(Clone, Copy, Debug, Sequence)]
pub struct AlgorithmIdentifier<'a> {
    pub algorithm: Oid,
    #[asn1(optional = "true")]
    pub parameters: Option<AnyRef<'a>>,
}

impl<'a> AlgorithmIdentifier<'a> {
    /// With an explicit NULL, as RFC 4055 §5 and RFC 5754 §2 have the RSA and SHA-2 ones
    /// written, and as OpenSSL writes hmacWithSHA256.
    pub fn with_null(algorithm: Oid) -> Self {
        Self {
            algorithm,
            parameters: Some(AnyRef::NULL),
        }
    }
}
