//! The keys the configuration knows, and a "did you mean" for the ones it does not.

/// Top-level keys of `config.json`, in documentation order.
pub(crate) const TOP_LEVEL: [&str; 17] = [
    "clientId",
    "cloud",
    "endpoints",
    "tenant",
    "handoffOrigins",
    "appDisplayName",
    "permissionProfile",
    "customPermissions",
    "allowedProfiles",
    "exchangeManagement",
    "certificate",
    "secretLifetimeDays",
    "handoffPublicKey",
    "tenantPreview",
    "accentColor",
    "logoUrl",
    "language",
];

/// Keys of the `endpoints` object.
pub(crate) const ENDPOINTS: [&str; 2] = ["signIn", "graph"];

/// Keys of each `customPermissions` entry.
pub(crate) const CUSTOM_PERMISSION: [&str; 4] = ["resource", "permission", "type", "reason"];

/// The problem text for an unknown key: the likely intended key if it looks like a typo,
/// otherwise the list of known keys.
pub(crate) fn unknown_key(key: &str, known: &[&str]) -> String {
    match nearest(key, known) {
        Some(intended) => format!("unknown key; did you mean \"{intended}\"?"),
        None => format!("unknown key; the known keys here are {}", known.join(", ")),
    }
}

/// The known key that `key` most plausibly misspells: same letters ignoring case, `_` and
/// `-` (`client_id`), a unique truncation (`secretLifetime`), or within a small edit
/// distance (`handofOrigins`).
pub(crate) fn nearest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let folded = fold(key);
    if let Some(exact) = known.iter().find(|k| fold(k) == folded) {
        return Some(exact);
    }
    // A truncated key (`secretLifetime`), when only one known key starts that way.
    let mut extended = known
        .iter()
        .filter(|k| folded.len() >= 6 && fold(k).starts_with(&folded));
    if let (Some(only), None) = (extended.next(), extended.next()) {
        return Some(only);
    }
    let allowed = (folded.chars().count() / 4).clamp(1, 3);
    known
        .iter()
        .map(|k| (edit_distance(&folded, &fold(k)), *k))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// ASCII folding only: every key is ASCII, and `char::to_lowercase` would link Unicode's
/// whole case table (about 11 KB) into the first screen for no better suggestion.
fn fold(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Levenshtein distance, two rows; keys are short.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_key_for_case_and_separator_slips() {
        assert_eq!(nearest("client_id", &TOP_LEVEL), Some("clientId"));
        assert_eq!(nearest("ClientID", &TOP_LEVEL), Some("clientId"));
        assert_eq!(nearest("sign_in", &ENDPOINTS), Some("signIn"));
    }

    #[test]
    fn suggests_the_key_for_small_typos() {
        assert_eq!(nearest("handofOrigins", &TOP_LEVEL), Some("handoffOrigins"));
        assert_eq!(
            nearest("secretLifetimeDay", &TOP_LEVEL),
            Some("secretLifetimeDays")
        );
        assert_eq!(nearest("tennant", &TOP_LEVEL), Some("tenant"));
        assert_eq!(
            nearest("permissionProfil", &TOP_LEVEL),
            Some("permissionProfile")
        );
        assert_eq!(
            nearest("secretLifetime", &TOP_LEVEL),
            Some("secretLifetimeDays")
        );
        // Ambiguous truncation: two keys start with "handoff".
        assert_eq!(nearest("handoff", &TOP_LEVEL), None);
    }

    #[test]
    fn lists_known_keys_when_nothing_is_close() {
        assert_eq!(nearest("redirectUri", &TOP_LEVEL), None);
        let text = unknown_key("redirectUri", &ENDPOINTS);
        assert_eq!(text, "unknown key; the known keys here are signIn, graph");
        assert_eq!(
            unknown_key("clientID", &TOP_LEVEL),
            "unknown key; did you mean \"clientId\"?"
        );
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
