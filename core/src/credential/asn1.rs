//! DER, built from already encoded parts: a few non-generic helpers over `der`'s headers,
//! lengths and primitive types, so that each structure costs one function in the WASM
//! rather than a monomorphised encoder and decoder per type.

use der::asn1::{AnyRef, ObjectIdentifier as Oid};
use der::{Decode, Encode, Header, Reader, SliceReader, Tag, TagNumber};

use super::error::CredentialError;

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

/// NULL (X.690 §8.8).
pub const NULL: &[u8] = &[0x05, 0x00];

/// One TLV: `tag`, the DER length, `content`.
pub fn tlv(tag: Tag, content: &[u8]) -> Result<Vec<u8>, CredentialError> {
    Ok(AnyRef::new(tag, content)?.to_der()?)
}

/// SEQUENCE of the encoded `parts`, in order.
pub fn sequence(parts: &[&[u8]]) -> Result<Vec<u8>, CredentialError> {
    tlv(Tag::Sequence, &parts.concat())
}

/// SET OF the encoded `elements`, sorted as DER wants (X.690 §11.6). Sets here hold one
/// or two elements: an insertion sort keeps the standard library's sort out of the WASM.
pub fn set_of(mut elements: Vec<Vec<u8>>) -> Result<Vec<u8>, CredentialError> {
    for i in 1..elements.len() {
        let mut j = i;
        while j > 0 && elements[j - 1] > elements[j] {
            elements.swap(j - 1, j);
            j -= 1;
        }
    }
    tlv(Tag::Set, &elements.concat())
}

/// `[number] EXPLICIT` around an encoded value.
pub fn explicit(number: u8, encoded: &[u8]) -> Result<Vec<u8>, CredentialError> {
    tlv(context(number, true), encoded)
}

/// `[number] IMPLICIT` for a primitive value: the content under the context tag.
pub fn implicit_primitive(number: u8, content: &[u8]) -> Result<Vec<u8>, CredentialError> {
    tlv(context(number, false), content)
}

fn context(number: u8, constructed: bool) -> Tag {
    Tag::ContextSpecific {
        constructed,
        number: TagNumber::new(number),
    }
}

pub fn oid(oid: &Oid) -> Result<Vec<u8>, CredentialError> {
    tlv(Tag::ObjectIdentifier, oid.as_bytes())
}

pub fn octet_string(bytes: &[u8]) -> Result<Vec<u8>, CredentialError> {
    tlv(Tag::OctetString, bytes)
}

/// A non-negative INTEGER from big-endian magnitude bytes (X.690 §8.3: minimal, with a
/// leading zero when the first bit is set).
pub fn unsigned(magnitude: &[u8]) -> Result<Vec<u8>, CredentialError> {
    let start = magnitude
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(magnitude.len());
    let trimmed = &magnitude[start..];
    let mut content = Vec::with_capacity(trimmed.len() + 1);
    if trimmed.first().is_none_or(|&b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(trimmed);
    tlv(Tag::Integer, &content)
}

pub fn small_unsigned(value: u32) -> Result<Vec<u8>, CredentialError> {
    unsigned(&value.to_be_bytes())
}

/// AlgorithmIdentifier (RFC 5280 §4.1.1.2) with encoded parameters (`NULL` for RSA and
/// SHA-2, RFC 4055 §5 and RFC 5754 §2, and for hmacWithSHA256 as OpenSSL writes it).
pub fn algorithm(algorithm: &Oid, parameters: &[u8]) -> Result<Vec<u8>, CredentialError> {
    sequence(&[&oid(algorithm)?, parameters])
}

/// A DER element read from outside data: its tag octet and content.
#[derive(Clone, Copy, Debug)]
pub struct Element<'a> {
    pub tag: Tag,
    pub content: &'a [u8],
    /// The whole encoding: tag, length and content.
    pub raw: &'a [u8],
}

impl<'a> Element<'a> {
    /// `input` must be exactly one element.
    pub fn only(input: &'a [u8]) -> Option<Self> {
        let (element, rest) = Self::first(input)?;
        rest.is_empty().then_some(element)
    }

    /// The first element of `input` and what follows it.
    pub fn first(input: &'a [u8]) -> Option<(Self, &'a [u8])> {
        let mut reader = SliceReader::new(input).ok()?;
        let header = Header::decode(&mut reader).ok()?;
        let content = reader.read_slice(header.length).ok()?;
        let consumed = usize::try_from(reader.position()).ok()?;
        Some((
            Self {
                tag: header.tag,
                content,
                raw: input.get(..consumed)?,
            },
            input.get(consumed..)?,
        ))
    }

    /// The elements inside a constructed element (SEQUENCE, SET, explicit tag).
    pub fn children(&self) -> Option<Vec<Element<'a>>> {
        if !self.tag.is_constructed() {
            return None;
        }
        let mut children = Vec::new();
        let mut rest = self.content;
        while !rest.is_empty() {
            let (child, after) = Self::first(rest)?;
            children.push(child);
            rest = after;
        }
        Some(children)
    }

    /// The magnitude of a non-negative INTEGER, without leading zeros.
    pub fn unsigned(&self) -> Option<&'a [u8]> {
        if self.tag != Tag::Integer || self.content.first().is_none_or(|&b| b & 0x80 != 0) {
            return None;
        }
        let start = self
            .content
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(self.content.len());
        Some(&self.content[start..])
    }

    /// The children of a SEQUENCE.
    pub fn sequence(&self) -> Option<Vec<Element<'a>>> {
        if self.tag != Tag::Sequence {
            return None;
        }
        self.children()
    }

    /// Whether this is the OBJECT IDENTIFIER `expected`.
    pub fn is_oid(&self, expected: &Oid) -> bool {
        self.tag == Tag::ObjectIdentifier && self.content == expected.as_bytes()
    }
}
