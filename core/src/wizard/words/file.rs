//! The German words of the page's own steps as a file beside the page, which the page fetches
//! only when it speaks German: linked into the module they cost every English reader 5.2 KB
//! gzip of the first screen's download (README, "Download size"). The worker keeps
//! [`super::DE`] linked: it speaks after the click on "Sign in".
//!
//! The file is made from [`super::DE`] by the example `german_page_words` (its output is
//! `static/words-de.json`) and committed; the build names it by its hash
//! ([`GERMAN_PAGE_WORDS_FILE`], so browsers may keep it for a year, as Trunk's hashed files) and
//! fails if that is not the name here (`scripts/post-build.sh`); a test fails when the file, its
//! name or its integrity here no longer matches the words. The page fetches it with
//! [`GERMAN_PAGE_WORDS_INTEGRITY`], so a file of another release is refused and the page speaks
//! English rather than put words in the wrong places.

use serde_json::{Map, Value};

use super::{
    EN_COMMON, EN_HAND_OFF, EN_PERMISSIONS, EN_REASONS, EN_SIGN_IN, EN_STEPS, EN_WELCOME, PageWords,
};

/// The file's name beside `index.html`: `words-de-` and the first 16 hex digits of its SHA-384.
pub const GERMAN_PAGE_WORDS_FILE: &str = "words-de-4e1048e9cebca873.json";

/// Its Subresource Integrity value (https://www.w3.org/TR/SRI/), SHA-384 of the committed file.
pub const GERMAN_PAGE_WORDS_INTEGRITY: &str =
    "sha384-ThBI6c68qHPlRWQ5FPLIKXUkM/++cucfC8vnVJylKchXYArrutwQ9HF4OPdS2FRO";

impl PageWords {
    /// The words as the file holds them: each group's words in declaration order, by group.
    pub fn to_json(&self) -> String {
        let groups = [
            ("steps", self.steps.values()),
            ("sign_in", self.sign_in.values()),
            ("common", self.common.values()),
            ("welcome", self.welcome.values()),
            ("permissions", self.permissions.values()),
            ("reasons", self.reasons.values()),
            ("hand_off", self.hand_off.values()),
        ];
        let file: Map<String, Value> = groups
            .into_iter()
            .map(|(group, words)| (group.to_owned(), words.into()))
            .collect();
        let mut text = serde_json::to_string_pretty(&Value::Object(file)).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The words a file holds, or `None` if a group is missing or has too few or too many.
    /// Read once per page: the words are kept for the page's life (leaked, as constants are).
    pub fn from_json(text: &str) -> Option<PageWords> {
        let file: Value = serde_json::from_str(text).ok()?;
        // Not generic: one copy of the reading for all seven groups.
        let words = |group: &str| -> Option<Vec<&'static str>> {
            file.get(group)?
                .as_array()?
                .iter()
                .map(|word| {
                    word.as_str()
                        .map(|word| String::leak(word.to_owned()) as &str)
                })
                .collect()
        };
        fn kept<T>(group: T) -> &'static T {
            Box::leak(Box::new(group))
        }
        Some(PageWords {
            steps: kept(EN_STEPS.with_values(&words("steps")?)?),
            sign_in: kept(EN_SIGN_IN.with_values(&words("sign_in")?)?),
            common: kept(EN_COMMON.with_values(&words("common")?)?),
            welcome: kept(EN_WELCOME.with_values(&words("welcome")?)?),
            permissions: kept(EN_PERMISSIONS.with_values(&words("permissions")?)?),
            reasons: kept(EN_REASONS.with_values(&words("reasons")?)?),
            hand_off: kept(EN_HAND_OFF.with_values(&words("hand_off")?)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use sha2::{Digest, Sha384};

    use super::*;
    use crate::wizard::words::{DE, EN};

    const COMMITTED: &str = include_str!("../../../../static/words-de.json");

    #[test]
    fn the_committed_file_holds_the_german_words_of_this_build() {
        assert!(
            COMMITTED == DE.page().to_json(),
            "static/words-de.json is not DE's page words: write it again with \
             `cargo run -p registrar-core --example german_page_words > static/words-de.json`"
        );
    }

    #[test]
    fn the_page_fetches_the_file_by_its_hash_with_its_integrity() {
        let digest = Sha384::digest(COMMITTED.as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            GERMAN_PAGE_WORDS_FILE,
            format!("words-de-{hex}.json"),
            "GERMAN_PAGE_WORDS_FILE in core/src/wizard/words/file.rs"
        );
        assert!(matches!(
            crate::hosting::caching(GERMAN_PAGE_WORDS_FILE),
            crate::hosting::Caching::Immutable
        ));
        let integrity = format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        );
        assert_eq!(
            GERMAN_PAGE_WORDS_INTEGRITY, integrity,
            "GERMAN_PAGE_WORDS_INTEGRITY in core/src/wizard/words/file.rs"
        );
    }

    #[test]
    fn words_read_from_the_file_are_the_words_written() {
        for words in [&DE, &EN] {
            assert_eq!(
                PageWords::from_json(&words.page().to_json()),
                Some(words.page())
            );
        }
    }

    #[test]
    fn a_file_with_a_word_too_many_or_too_few_or_no_group_is_refused() {
        let mut file: Value = serde_json::from_str(&DE.page().to_json()).unwrap();
        let longer = {
            let mut f = file.clone();
            f["steps"].as_array_mut().unwrap().push("extra".into());
            f
        };
        let shorter = {
            let mut f = file.clone();
            f["reasons"].as_array_mut().unwrap().pop();
            f
        };
        let not_words = {
            let mut f = file.clone();
            f["common"][0] = 7.into();
            f
        };
        file.as_object_mut().unwrap().remove("hand_off");
        for broken in [longer, shorter, not_words, file] {
            assert_eq!(PageWords::from_json(&broken.to_string()), None);
        }
        assert_eq!(PageWords::from_json("<html>"), None);
    }
}
