//! The display name of the app registration the admin creates: what they will see in the
//! consent screen and in Enterprise applications, so it must read cleanly.

/// Longest accepted name, in characters. Entra allows more, but portal lists and consent
/// screens cut long names, and the app may append a short suffix when repairing.
pub const MAX_DISPLAY_NAME_CHARS: usize = 120;

pub(crate) fn check_display_name(name: &str) -> Result<String, String> {
    if name.trim().is_empty() {
        return Err("is empty: write the name admins will see, like \"Contoso Backup\"".into());
    }
    if name.trim() != name {
        return Err(format!(
            "remove the spaces at the start or end: write {:?}",
            name.trim()
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(
            "contains control characters (a line break or tab?): write the name on one line".into(),
        );
    }
    let length = name.chars().count();
    if length > MAX_DISPLAY_NAME_CHARS {
        return Err(format!(
            "is {length} characters long; shorten it to {MAX_DISPLAY_NAME_CHARS} at most"
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_names_including_non_ascii() {
        assert_eq!(
            check_display_name("Contoso Backup"),
            Ok("Contoso Backup".into())
        );
        assert_eq!(
            check_display_name("Sauvegarde Société"),
            Ok("Sauvegarde Société".into())
        );
        assert!(check_display_name(&"é".repeat(MAX_DISPLAY_NAME_CHARS)).is_ok());
    }

    #[test]
    fn refuses_empty_padded_multiline_and_long_names() {
        assert!(check_display_name("").is_err_and(|e| e.contains("empty")));
        assert!(check_display_name("   ").is_err_and(|e| e.contains("empty")));
        assert!(check_display_name(" Contoso").is_err_and(|e| e.contains("\"Contoso\"")));
        assert!(check_display_name("Contoso\nBackup").is_err_and(|e| e.contains("control")));
        let long = "a".repeat(MAX_DISPLAY_NAME_CHARS + 1);
        assert!(check_display_name(&long).is_err_and(|e| e.contains("121 characters")));
    }
}
