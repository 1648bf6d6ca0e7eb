//! The PKCS#12 containers (RFC 7292 §4), encoded from already encoded parts.

use der::asn1::{AnyRef, ObjectIdentifier as Oid, OctetStringRef};
use der::{Encode, Sequence, Tag};

use super::super::asn1::{
    CERT_BAG, FRIENDLY_NAME, LOCAL_KEY_ID, SHROUDED_KEY_BAG, X509_CERTIFICATE,
};
use super::super::error::CredentialError;

/// ContentInfo (RFC 5652 §3): `content` is `[0] EXPLICIT`.
#[derive(Sequence)]
pub struct ContentInfo<'a> {
    pub content_type: Oid,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub content: AnyRef<'a>,
}

/// EncryptedData (RFC 5652 §8), version 0.
#[derive(Sequence)]
pub struct EncryptedData<'a> {
    pub version: u8,
    pub encrypted_content_info: EncryptedContentInfo<'a>,
}

/// EncryptedContentInfo (RFC 5652 §6.1): `encryptedContent` is `[0] IMPLICIT OCTET STRING`.
#[derive(Sequence)]
pub struct EncryptedContentInfo<'a> {
    pub content_type: Oid,
    pub content_encryption_algorithm: AnyRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    pub encrypted_content: OctetStringRef<'a>,
}

/// SafeBag (RFC 7292 §4.2): `bagValue` is `[0] EXPLICIT`; `bagAttributes` a SET OF.
#[derive(Sequence)]
struct SafeBag<'a> {
    bag_id: Oid,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    bag_value: AnyRef<'a>,
    bag_attributes: AnyRef<'a>,
}

/// CertBag (RFC 7292 §4.2.3) of an X.509 certificate.
#[derive(Sequence)]
struct CertBag<'a> {
    cert_id: Oid,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    cert_value: OctetStringRef<'a>,
}

/// EncryptedPrivateKeyInfo (RFC 5958 §3), the PKCS8ShroudedKeyBag (RFC 7292 §4.2.2).
#[derive(Sequence)]
struct EncryptedPrivateKeyInfo<'a> {
    encryption_algorithm: AnyRef<'a>,
    encrypted_data: OctetStringRef<'a>,
}

/// The attributes both bags carry, as OpenSSL writes them: friendlyName (a BMPString) and
/// localKeyId, which links the key to its certificate (RFC 7292 §4.2, RFC 2985 §5.5).
pub struct BagAttributes {
    set_der: Vec<u8>,
}

impl BagAttributes {
    pub fn new(friendly_name: &str, local_key_id: &[u8]) -> Result<Self, CredentialError> {
        // BMPString is UTF-16 big-endian; characters beyond the BMP go as surrogate pairs,
        // as OpenSSL and Windows write them.
        let bmp: Vec<u8> = friendly_name
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let friendly = attribute(FRIENDLY_NAME, &AnyRef::new(Tag::BmpString, &bmp)?.to_der()?)?;
        let key_id = attribute(LOCAL_KEY_ID, &OctetStringRef::new(local_key_id)?.to_der()?)?;
        Ok(Self {
            set_der: set_of(vec![friendly, key_id])?,
        })
    }
}

/// A SafeBag with a CertBag.
pub fn cert_bag(
    certificate_der: &[u8],
    attributes: &BagAttributes,
) -> Result<Vec<u8>, CredentialError> {
    let value = CertBag {
        cert_id: X509_CERTIFICATE,
        cert_value: OctetStringRef::new(certificate_der)?,
    }
    .to_der()?;
    safe_bag(CERT_BAG, &value, attributes)
}

/// A SafeBag with a PKCS8ShroudedKeyBag.
pub fn shrouded_key_bag(
    algorithm_der: &[u8],
    ciphertext: &[u8],
    attributes: &BagAttributes,
) -> Result<Vec<u8>, CredentialError> {
    let value = EncryptedPrivateKeyInfo {
        encryption_algorithm: AnyRef::try_from(algorithm_der)?,
        encrypted_data: OctetStringRef::new(ciphertext)?,
    }
    .to_der()?;
    safe_bag(SHROUDED_KEY_BAG, &value, attributes)
}

fn safe_bag(
    bag_id: Oid,
    value_der: &[u8],
    attributes: &BagAttributes,
) -> Result<Vec<u8>, CredentialError> {
    Ok(SafeBag {
        bag_id,
        bag_value: AnyRef::try_from(value_der)?,
        bag_attributes: AnyRef::try_from(attributes.set_der.as_slice())?,
    }
    .to_der()?)
}

/// SafeContents (RFC 7292 §4.2): a SEQUENCE OF SafeBag.
pub fn safe_contents(bags: &[Vec<u8>]) -> Result<Vec<u8>, CredentialError> {
    Ok(AnyRef::new(Tag::Sequence, &bags.concat())?.to_der()?)
}

/// Attribute (RFC 5652 §5.3 / X.501): the type and a SET OF one value.
fn attribute(attr_type: Oid, value_der: &[u8]) -> Result<Vec<u8>, CredentialError> {
    let values = set_of(vec![value_der.to_vec()])?;
    let content = [attr_type.to_der()?, values].concat();
    Ok(AnyRef::new(Tag::Sequence, &content)?.to_der()?)
}

/// A DER SET OF: the elements' encodings in ascending order (X.690 §11.6).
fn set_of(mut elements: Vec<Vec<u8>>) -> Result<Vec<u8>, CredentialError> {
    elements.sort();
    Ok(AnyRef::new(Tag::Set, &elements.concat())?.to_der()?)
}
