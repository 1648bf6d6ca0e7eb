//! Validity (RFC 5280 §4.1.2.5): UTCTime through 2049, GeneralizedTime from 2050 on.

use core::time::Duration;

use der::{DateTime, Tag};

use super::asn1::{sequence, tlv};
use super::error::CredentialError;

/// Validity, DER: notBefore and notAfter.
pub fn validity(not_before: u64, not_after: u64) -> Result<Vec<u8>, CredentialError> {
    if not_before >= not_after {
        return Err(CredentialError::Validity(
            "notBefore must be before notAfter",
        ));
    }
    sequence(&[&time(not_before)?, &time(not_after)?])
}

/// `unix_seconds` as RFC 5280 wants it: UTCTime `YYMMDDHHMMSSZ` for dates through 2049,
/// GeneralizedTime `YYYYMMDDHHMMSSZ` from 2050 (§4.1.2.5.1 and §4.1.2.5.2).
fn time(unix_seconds: u64) -> Result<Vec<u8>, CredentialError> {
    let at = DateTime::from_unix_duration(Duration::from_secs(unix_seconds))
        .map_err(|_| CredentialError::Validity("date after the year 9999"))?;
    let year = at.year();
    let (tag, mut text) = if year < 2050 {
        (Tag::UtcTime, two_digits(year % 100))
    } else {
        (
            Tag::GeneralizedTime,
            [two_digits(year / 100), two_digits(year % 100)].concat(),
        )
    };
    for part in [at.month(), at.day(), at.hour(), at.minutes(), at.seconds()] {
        text.extend(two_digits(part.into()));
    }
    text.push(b'Z');
    tlv(tag, &text)
}

fn two_digits(value: u16) -> Vec<u8> {
    // Both digits of a value below 100; callers pass calendar fields.
    let value = (value % 100) as u8;
    vec![b'0' + value / 10, b'0' + value % 10]
}
