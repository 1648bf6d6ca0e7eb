//! GUIDs, as Entra writes tenant, client and object ids.

/// True for a GUID in its usual 8-4-4-4-12 hexadecimal form (any case), like a tenant id.
pub(crate) fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::is_guid;

    #[test]
    fn only_the_8_4_4_4_12_hex_form_is_a_guid() {
        assert!(is_guid("7c1e4a52-3d9b-4f86-A0E5-2b8d6c9f1e34"));
        assert!(!is_guid("{7c1e4a52-3d9b-4f86-a0e5-2b8d6c9f1e34}"));
        assert!(!is_guid("7c1e4a523d9b4f86a0e52b8d6c9f1e34"));
        assert!(!is_guid("7c1e4a52-3d9b-4f86-a0e5-2b8d6c9f1e3g"));
    }
}
