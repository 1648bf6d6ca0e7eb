//! The language the wizard speaks: chosen by the page from the browser's preferences
//! (`navigator.languages`, BCP 47 tags, <https://www.rfc-editor.org/rfc/rfc5646>), sent to the
//! worker in its commands, and named in the page's `lang` attribute.

use serde::{Deserialize, Serialize};

use super::words::{DE, EN, Words};

/// A language the wizard's screens are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "de")]
    German,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::German];

    /// The language of a BCP 47 tag as browsers give them (`de`, `de-DE`, `de-AT`, `en-GB`),
    /// by its primary subtag, case-insensitively (RFC 5646 §2.1.1: tags are case-insensitive).
    /// `None` for a language the wizard does not speak.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|language| primary.eq_ignore_ascii_case(language.tag()))
    }

    /// The first language of the admin's preference list the wizard speaks; English if none.
    pub fn from_tags(tags: &[&str]) -> Language {
        tags.iter()
            .find_map(|tag| Language::from_tag(tag))
            .unwrap_or_default()
    }

    /// The tag for the page's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
        }
    }

    /// Every word the wizard's screens say in this language.
    pub fn words(self) -> &'static Words {
        match self {
            Language::English => &EN,
            Language::German => &DE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn browser_tags_pick_the_language_by_its_primary_subtag() {
        for (tag, language) in [
            ("de", Some(Language::German)),
            ("de-DE", Some(Language::German)),
            ("de-AT", Some(Language::German)),
            ("DE-ch", Some(Language::German)),
            ("en-GB", Some(Language::English)),
            ("en", Some(Language::English)),
            ("fr-FR", None),
            ("deu", None),
            ("", None),
        ] {
            assert_eq!(Language::from_tag(tag), language, "{tag}");
        }
    }

    #[test]
    fn the_first_supported_preference_wins_and_english_is_the_fallback() {
        assert_eq!(
            Language::from_tags(&["fr-FR", "de-AT", "en-US"]),
            Language::German
        );
        assert_eq!(Language::from_tags(&["en-GB", "de"]), Language::English);
        assert_eq!(Language::from_tags(&["fr", "it"]), Language::English);
        assert_eq!(Language::from_tags(&[]), Language::English);
    }

    #[test]
    fn travels_as_its_tag() {
        assert_eq!(
            serde_json::to_string(&Language::German).ok().as_deref(),
            Some(r#""de""#)
        );
        assert_eq!(
            serde_json::from_str::<Language>(r#""en""#).ok(),
            Some(Language::English)
        );
        assert_eq!(Language::default().tag(), "en");
    }

    #[test]
    fn a_command_without_a_language_asks_for_english() {
        use crate::registration::messages::Command;
        let old = r#"{"manual":{"config":"{}"}}"#;
        assert_eq!(
            serde_json::from_str::<Command>(old).ok(),
            Some(Command::Manual {
                config: "{}".into(),
                language: Language::English,
            })
        );
        let german = r#"{"open":{"path":"check","language":"de"}}"#;
        assert!(matches!(
            serde_json::from_str::<Command>(german),
            Ok(Command::Open {
                language: Language::German,
                ..
            })
        ));
    }
}
