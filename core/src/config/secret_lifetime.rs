//! How long the client secret the app creates stays valid.
//!
//! Entra's portal offers at most 24 months, and a tenant's app-management policy may allow
//! less (`CredentialInvalidLifetimeAsPerAppPolicy`); the engine falls back to a shorter
//! lifetime or to the certificate then. This bound only stops values no tenant accepts.

use serde_json::Value;

pub const DEFAULT_SECRET_LIFETIME_DAYS: u16 = 180;
pub const MAX_SECRET_LIFETIME_DAYS: u16 = 730;

pub(crate) fn parse_secret_lifetime(value: &Value) -> Result<u16, String> {
    let range = format!(
        "a whole number of days from 1 to {MAX_SECRET_LIFETIME_DAYS} (default {DEFAULT_SECRET_LIFETIME_DAYS})"
    );
    match value {
        Value::Number(number) => match (number.as_u64(), number.as_i64()) {
            (Some(days), _) if (1..=u64::from(MAX_SECRET_LIFETIME_DAYS)).contains(&days) => {
                u16::try_from(days).map_err(|_| range)
            }
            (Some(days), _) => Err(format!("{days} is out of range: write {range}")),
            (None, Some(days)) => Err(format!("{days} is out of range: write {range}")),
            (None, None) if number.as_f64().is_some_and(|days| days.fract() == 0.0) => Err(
                format!("{number} has a decimal point: write {range}, like 180"),
            ),
            (None, None) => Err(format!("{number} is not whole: write {range}")),
        },
        Value::String(text) => Err(format!(
            "must be a number, not the string {text:?}: write {range} without quotes"
        )),
        _ => Err(format!("must be {range}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn accepts_the_allowed_range() {
        assert_eq!(parse_secret_lifetime(&json!(1)), Ok(1));
        assert_eq!(parse_secret_lifetime(&json!(180)), Ok(180));
        assert_eq!(parse_secret_lifetime(&json!(730)), Ok(730));
    }

    #[test]
    fn refuses_values_outside_it() {
        for bad in [json!(0), json!(731), json!(-5), json!(100000)] {
            let error = parse_secret_lifetime(&bad).expect_err("out of range");
            assert!(error.contains("out of range"), "{bad}: {error}");
        }
    }

    #[test]
    fn refuses_fractions_strings_and_other_types() {
        assert!(parse_secret_lifetime(&json!(180.5)).is_err_and(|e| e.contains("not whole")));
        assert!(parse_secret_lifetime(&json!(180.0)).is_err_and(|e| e.contains("decimal point")));
        assert!(parse_secret_lifetime(&json!("180")).is_err_and(|e| e.contains("without quotes")));
        assert!(parse_secret_lifetime(&json!(null)).is_err());
    }
}
