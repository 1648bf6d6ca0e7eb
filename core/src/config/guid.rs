//! GUIDs as Entra shows them: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hex digits.

use crate::guid::is_guid;

/// Validates a GUID and returns it in lowercase (Entra compares them case-insensitively and
/// returns lowercase). The error says what to write instead.
pub(crate) fn parse_guid(text: &str) -> Result<String, String> {
    if text.starts_with('<') && text.ends_with('>') {
        return Err(format!(
            "{text} is a placeholder: replace it with the real GUID"
        ));
    }
    if text.starts_with('{') && text.ends_with('}') {
        return Err(
            "remove the braces: write the GUID as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".into(),
        );
    }
    if !is_guid(text) {
        return Err(format!(
            "{text:?} is not a GUID: write 32 hex digits grouped 8-4-4-4-12, like 00000003-0000-0000-c000-000000000000"
        ));
    }
    if text.bytes().all(|b| b == b'0' || b == b'-') {
        return Err("the all-zero GUID is a placeholder: write the real GUID".into());
    }
    Ok(text.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_lowercases_guids() {
        assert_eq!(
            parse_guid("0A1B2C3D-4E5F-6789-ABCD-EF0123456789"),
            Ok("0a1b2c3d-4e5f-6789-abcd-ef0123456789".into())
        );
    }

    #[test]
    fn refuses_malformed_guids() {
        for bad in [
            "",
            "0a1b2c3d4e5f6789abcdef0123456789",
            "0a1b2c3d-4e5f-6789-abcd-ef012345678",
            "0a1b2c3d-4e5f-6789-abcd-ef01234567890",
            "0a1b2c3d-4e5f-6789-abcd-ef012345678g",
            "0a1b2c3d-4e5f-6789-abcd-ef01-23456789",
        ] {
            assert!(parse_guid(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn explains_placeholders_and_braces() {
        assert!(
            parse_guid("<sandbox onboarding client id>").is_err_and(|e| e.contains("placeholder"))
        );
        assert!(
            parse_guid("00000000-0000-0000-0000-000000000000")
                .is_err_and(|e| e.contains("placeholder"))
        );
        assert!(
            parse_guid("{0a1b2c3d-4e5f-6789-abcd-ef0123456789}")
                .is_err_and(|e| e.contains("braces"))
        );
    }
}
