//! The certificate credential on the app (issue 8): when the plan adds one, what the caller
//! hands over, and how it goes into the app's `keyCredentials`.
//!
//! The certificate is made outside the engine, in the browser by WebCrypto, after the admin has
//! read the plan and before anything is written: the plan says [`CertificatePlan`] (its
//! lifetime, why), the caller builds the certificate with
//! [`CertificatePlan::certificate_request`] and `crate::credential`, and hands its DER to
//! `Engine::confirm_with_certificate` as a [`CertificateUpload`]. The private key never
//! enters the engine.
//!
//! On the app: a PATCH of `keyCredentials` replaces the whole list ("Because this a PATCH
//! call, which by protocol replaces the contents of the property with the new values,
//! including only the new certificate will replace the existing certificates",
//! <https://learn.microsoft.com/graph/applications-how-to-add-certificate>), so the app's
//! certificates are read with their `key` (returned only on
//! `GET /applications/{id}?$select=keyCredentials`,
//! <https://learn.microsoft.com/graph/api/resources/keycredential>) and sent back beside the
//! new one: a certificate the app had is never dropped. Type `AsymmetricX509Cert` and usage
//! `Verify` (the how-to page); the dates are left to Graph, which takes them from the
//! certificate.
//!
//! Like a secret, a new certificate's keyId is recorded in the app's `tags` when the run hands
//! it out ([`super::secret`]); a later run keeps a recorded certificate of this product that is
//! valid for [`RENEW_BEFORE_MILLIS`] more and adds none (unless asked), since the backup server
//! holds its key. An unrecorded one (its run stopped: no one has its key) does not count, but is
//! kept too.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use der::asn1::{AnyRef, GeneralizedTime, UtcTime};
use der::{Decode, SliceReader, Tag, Tagged};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::stop::CertificateProblem;
use super::time::iso_from_millis;
use crate::config::CertificateReason;
use crate::credential::{self, thumbprint_sha1, thumbprint_sha256};

/// The start of the display name of every certificate this product adds.
pub const CERTIFICATE_NAME_PREFIX: &str = "M365Registrar certificate ";

/// A recorded certificate of this product is kept (no new one) while it is valid at least this
/// much longer (14 days).
pub const RENEW_BEFORE_MILLIS: u64 = 14 * 86_400_000;

/// How far back the certificate's validity starts, for clocks running ahead of Entra's.
pub const NOT_BEFORE_SKEW_SECONDS: u64 = 300;

/// Why the app gets a certificate: the configuration's reason, or the tenant's or the admin's
/// (words: `CertificateReason::says`, `Engine::why_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateWhy {
    Configured(CertificateReason),
    /// The tenant's app management policy forbids client secrets.
    SecretsForbidden,
    /// The admin asked for a new certificate (a rotation).
    Asked,
}

/// The display name of this run's certificate.
pub fn certificate_name(run_id: &str) -> String {
    format!("{CERTIFICATE_NAME_PREFIX}{run_id}")
}

/// The new certificate the plan adds: the caller makes it after the admin confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificatePlan {
    /// Its name in Entra (`M365Registrar certificate <run id>`).
    pub display_name: String,
    /// The subject and issuer common name, from the app's display name.
    pub subject_common_name: String,
    /// How long it is valid: the configuration's lifetime (the secret's), shortened to the
    /// tenant's `asymmetricKeyLifetime` restriction if it has one.
    pub lifetime_days: u32,
    /// What the configuration asked for.
    pub requested_days: u16,
    /// The tenant's policy shortened it.
    pub shortened_to_policy_max: bool,
    /// The policy could not be read; the upsert will tell if it limits certificates.
    pub policy_unknown: bool,
    /// Why the app gets one.
    pub reasons: Vec<CertificateWhy>,
}

impl CertificatePlan {
    /// What the certificate says: this plan's name and lifetime, valid from `now_seconds`
    /// (less [`NOT_BEFORE_SKEW_SECONDS`]). `serial` (16 random bytes) and the public key
    /// (WebCrypto `exportKey("spki")`) come from the caller; then
    /// `request.tbs_der()`, WebCrypto's signature and `credential::certificate_der`.
    pub fn certificate_request(
        &self,
        now_seconds: u64,
        serial: Vec<u8>,
        subject_public_key_info_der: Vec<u8>,
    ) -> credential::CertificateRequest {
        let not_before = now_seconds.saturating_sub(NOT_BEFORE_SKEW_SECONDS);
        credential::CertificateRequest {
            subject_common_name: self.subject_common_name.clone(),
            not_before,
            not_after: not_before + u64::from(self.lifetime_days) * 86_400,
            serial,
            subject_public_key_info_der,
        }
    }
}

/// The certificate the caller made for a [`CertificatePlan`]: its DER (public, no key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateUpload {
    /// The certificate, DER (`credential::certificate_der`).
    pub der: Vec<u8>,
    /// Its name in Entra: pass [`CertificatePlan::display_name`] (empty: the plan's).
    pub display_name: String,
}

/// A certificate on the app as Graph lists it (`key` only from the single-app read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCredential {
    pub key_id: String,
    pub display_name: String,
    pub custom_key_identifier: Option<String>,
    pub start_date_time: String,
    pub end_date_time: String,
    pub kind: String,
    pub usage: String,
    /// The certificate, base64 DER; `None` where Graph does not return it.
    pub key: Option<String>,
}

impl KeyCredential {
    pub fn from_json(value: &Value) -> Self {
        let text = |key: &str| {
            value
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let optional = |key: &str| {
            value
                .get(key)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        KeyCredential {
            key_id: text("keyId"),
            display_name: text("displayName"),
            custom_key_identifier: optional("customKeyIdentifier"),
            start_date_time: text("startDateTime"),
            end_date_time: text("endDateTime"),
            kind: text("type"),
            usage: text("usage"),
            key: optional("key"),
        }
    }

    /// The SHA-1 thumbprint (hex, as Entra shows it), when the key was read.
    pub fn thumbprint_sha1(&self) -> Option<String> {
        let der = STANDARD.decode(self.key.as_deref()?).ok()?;
        Some(thumbprint_sha1(&der))
    }

    /// The credential sent back unchanged in a PATCH of `keyCredentials` (with its `key`,
    /// without which Graph refuses it); `None` when its key was not read.
    pub fn resend(&self) -> Option<Value> {
        let mut body = json!({
            "keyId": self.key_id,
            "type": self.kind,
            "usage": self.usage,
            "key": self.key.as_deref()?,
            "displayName": self.display_name,
            "startDateTime": self.start_date_time,
            "endDateTime": self.end_date_time,
        });
        if let Some(custom) = &self.custom_key_identifier {
            body["customKeyIdentifier"] = Value::String(custom.clone());
        }
        Some(body)
    }
}

/// The certificate this run adds, checked: what goes to Graph and what the outcome says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCertificate {
    /// A GUID derived from the certificate's SHA-256, so that sending it again is the same
    /// credential.
    pub key_id: String,
    pub display_name: String,
    /// Hex, upper case: what the Entra admin center shows as "Thumbprint".
    pub thumbprint_sha1: String,
    pub thumbprint_sha256: String,
    /// notBefore and notAfter, as Graph writes dates.
    pub starts: String,
    pub expires: String,
    pub der: Vec<u8>,
}

impl NewCertificate {
    /// Checks the upload against the plan: an X.509 certificate (DER) no longer valid than
    /// the plan's lifetime (plus the start's skew).
    pub fn from_upload(
        upload: CertificateUpload,
        plan: &CertificatePlan,
    ) -> Result<Self, CertificateProblem> {
        let (not_before, not_after) =
            validity(&upload.der).ok_or(CertificateProblem::NotCertificate)?;
        let allowed = u64::from(plan.lifetime_days) * 86_400;
        if not_after <= not_before || not_after - not_before > allowed {
            return Err(CertificateProblem::LongerThanPlan);
        }
        let display_name = if upload.display_name.trim().is_empty() {
            plan.display_name.clone()
        } else {
            upload.display_name
        };
        Ok(NewCertificate {
            key_id: key_id(&upload.der),
            display_name,
            thumbprint_sha1: thumbprint_sha1(&upload.der),
            thumbprint_sha256: thumbprint_sha256(&upload.der),
            starts: iso_from_millis(not_before * 1000),
            expires: iso_from_millis(not_after * 1000),
            der: upload.der,
        })
    }

    /// The new entry of `keyCredentials`
    /// (<https://learn.microsoft.com/graph/api/resources/keycredential>); the dates are the
    /// certificate's, which Graph takes when none are given.
    pub fn key_credential(&self) -> Value {
        json!({
            "keyId": self.key_id,
            "type": "AsymmetricX509Cert",
            "usage": "Verify",
            "key": STANDARD.encode(&self.der),
            "displayName": self.display_name,
        })
    }
}

/// The certificate in the outcome: which one the backup server uses. Never a private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateOutcome {
    pub key_id: String,
    pub display_name: String,
    pub thumbprint_sha1: String,
    /// Empty for a kept certificate whose key was not read.
    pub thumbprint_sha256: String,
    pub expires: String,
    /// Added by this run (the caller holds its private key); false: an earlier run's, kept.
    pub added: bool,
    /// Why the app has a certificate.
    pub reasons: Vec<CertificateWhy>,
}

/// The GUID a certificate's keyId is: the first 16 bytes of its SHA-256, as a version 4 GUID.
pub fn key_id(der: &[u8]) -> String {
    let digest = Sha256::digest(der);
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// notBefore and notAfter (Unix seconds) of a DER certificate (RFC 5280 §4.1); `None` when it
/// is not one.
pub fn validity(der: &[u8]) -> Option<(u64, u64)> {
    fn parts(any: AnyRef<'_>) -> Option<Vec<AnyRef<'_>>> {
        if any.tag() != Tag::Sequence {
            return None;
        }
        let mut reader = SliceReader::new(any.value()).ok()?;
        let mut parts = Vec::new();
        while !der::Reader::is_finished(&reader) {
            parts.push(AnyRef::decode(&mut reader).ok()?);
        }
        Some(parts)
    }
    fn time(any: &AnyRef<'_>) -> Option<u64> {
        let duration = match any.tag() {
            Tag::UtcTime => any.decode_as::<UtcTime>().ok()?.to_unix_duration(),
            Tag::GeneralizedTime => any.decode_as::<GeneralizedTime>().ok()?.to_unix_duration(),
            _ => return None,
        };
        Some(duration.as_secs())
    }
    let certificate = parts(AnyRef::from_der(der).ok()?)?;
    let tbs = parts(*certificate.first()?)?;
    // version [0] EXPLICIT is optional (v1); then serial, signature, issuer, validity.
    let skip = usize::from(tbs.first()?.tag().is_context_specific());
    let validity = parts(*tbs.get(skip + 3)?)?;
    match validity.as_slice() {
        [not_before, not_after] => Some((time(not_before)?, time(not_after)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_version_4_guids_stable_per_certificate() {
        let id = key_id(b"certificate");
        assert!(crate::guid::is_guid(&id), "{id}");
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
        assert_eq!(id, key_id(b"certificate"));
        assert_ne!(id, key_id(b"another"));
    }

    #[test]
    fn what_is_not_a_certificate_has_no_validity() {
        assert_eq!(validity(b""), None);
        assert_eq!(validity(&[0x30, 0x00]), None);
        assert_eq!(validity(&[0x30, 0x03, 0x02, 0x01, 0x01]), None);
    }

    #[test]
    fn a_kept_certificate_is_sent_back_only_with_its_key() {
        let listed = KeyCredential::from_json(&json!({
            "keyId": "k", "type": "AsymmetricX509Cert", "usage": "Verify", "key": null,
            "displayName": "Hand-made", "customKeyIdentifier": "QUJD",
            "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "2027-01-01T00:00:00Z",
        }));
        assert_eq!(listed.resend(), None);
        let read = KeyCredential {
            key: Some("MIIB".into()),
            ..listed
        };
        let sent = read.resend().expect("with its key");
        assert_eq!(sent["key"], "MIIB");
        assert_eq!(sent["keyId"], "k");
        assert_eq!(sent["customKeyIdentifier"], "QUJD");
    }
}
