//! The PKCS#12 containers (RFC 7292 §4), encoded from already encoded parts.

use der::Tag;

use super::super::asn1::{
    CERT_BAG, FRIENDLY_NAME, LOCAL_KEY_ID, SHROUDED_KEY_BAG, X509_CERTIFICATE, explicit,
    octet_string, oid, sequence, set_of, tlv,
};
use super::super::error::CredentialError;
use der::asn1::ObjectIdentifier as Oid;

/// ContentInfo (RFC 5652 §3): the type and `[0] EXPLICIT` content.
pub fn content_info(content_type: &Oid, content: &[u8]) -> Result<Vec<u8>, CredentialError> {
    sequence(&[&oid(content_type)?, &explicit(0, content)?])
}

/// The attributes both bags carry, as OpenSSL writes them: friendlyName (a BMPString) and
/// localKeyId, which links the key to its certificate (RFC 7292 §4.2, RFC 2985 §5.5):
/// a SET OF Attribute (RFC 5652 §5.3: the type and a SET OF values).
pub fn bag_attributes(
    friendly_name: &str,
    local_key_id: &[u8],
) -> Result<Vec<u8>, CredentialError> {
    // BMPString is UCS-2, big-endian (X.680 §41): characters beyond the Basic Multilingual
    // Plane (emoji) have no place in it. OpenSSL refuses to write them and reads surrogate
    // pairs as no name at all, so they are left out (and the spaces they leave at the ends).
    let in_bmp: String = friendly_name
        .chars()
        .filter(|&c| u32::from(c) <= 0xFFFF)
        .collect();
    let bmp: Vec<u8> = in_bmp
        .trim()
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let friendly = attribute(&FRIENDLY_NAME, tlv(Tag::BmpString, &bmp)?)?;
    let key_id = attribute(&LOCAL_KEY_ID, octet_string(local_key_id)?)?;
    set_of(vec![friendly, key_id])
}

fn attribute(attr_type: &Oid, value: Vec<u8>) -> Result<Vec<u8>, CredentialError> {
    sequence(&[&oid(attr_type)?, &set_of(vec![value])?])
}

/// A SafeBag (RFC 7292 §4.2) holding a CertBag (§4.2.3) of an X.509 certificate.
pub fn cert_bag(certificate_der: &[u8], attributes: &[u8]) -> Result<Vec<u8>, CredentialError> {
    let value = sequence(&[
        &oid(&X509_CERTIFICATE)?,
        &explicit(0, &octet_string(certificate_der)?)?,
    ])?;
    safe_bag(&CERT_BAG, &value, attributes)
}

/// A SafeBag holding a PKCS8ShroudedKeyBag (RFC 7292 §4.2.2): an EncryptedPrivateKeyInfo
/// (RFC 5958 §3).
pub fn shrouded_key_bag(
    algorithm_der: &[u8],
    ciphertext: &[u8],
    attributes: &[u8],
) -> Result<Vec<u8>, CredentialError> {
    let value = sequence(&[algorithm_der, &octet_string(ciphertext)?])?;
    safe_bag(&SHROUDED_KEY_BAG, &value, attributes)
}

/// SafeBag: bagId, `[0] EXPLICIT` bagValue, bagAttributes.
fn safe_bag(bag_id: &Oid, value: &[u8], attributes: &[u8]) -> Result<Vec<u8>, CredentialError> {
    sequence(&[&oid(bag_id)?, &explicit(0, value)?, attributes])
}
