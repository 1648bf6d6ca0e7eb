//! Validity (RFC 5280 §4.1.2.5): UTCTime through 2049, GeneralizedTime from 2050 on.

use core::time::Duration;

use der::asn1::{GeneralizedTime, UtcTime};
use der::{Choice, DateTime, Sequence};

use super::error::CredentialError;

#[derive(Clone, Copy, Debug, Choice)]
pub enum Time {
    #[asn1(type = "UTCTime")]
    Utc(UtcTime),
    #[asn1(type = "GeneralizedTime")]
    General(GeneralizedTime),
}

impl Time {
    /// `unix_seconds` as RFC 5280 wants it: UTCTime for dates through 2049, GeneralizedTime
    /// from 2050, both in UTC with seconds and a `Z`.
    pub fn from_unix_seconds(unix_seconds: u64) -> Result<Self, CredentialError> {
        let at = DateTime::from_unix_duration(Duration::from_secs(unix_seconds))
            .map_err(|_| CredentialError::Validity("date after the year 9999"))?;
        Ok(if at.year() < 2050 {
            Self::Utc(UtcTime::from_date_time(at)?)
        } else {
            Self::General(GeneralizedTime::from_date_time(at))
        })
    }
}

#[derive(Clone, Copy, Debug, Sequence)]
pub struct Validity {
    pub not_before: Time,
    pub not_after: Time,
}

impl Validity {
    pub fn new(not_before: u64, not_after: u64) -> Result<Self, CredentialError> {
        if not_before >= not_after {
            return Err(CredentialError::Validity(
                "notBefore must be before notAfter",
            ));
        }
        Ok(Self {
            not_before: Time::from_unix_seconds(not_before)?,
            not_after: Time::from_unix_seconds(not_after)?,
        })
    }
}
