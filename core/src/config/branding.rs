//! How the page may look like the vendor's: `accentColor`, `logoUrl` and `language`, from
//! `config.json` or a dashboard's start message. Each is checked here so that branding can never
//! make the page unreadable or load something from an address nobody allowed.

use serde_json::Value;

use super::Config;

/// The languages the page speaks (BCP 47 primary tags).
pub const LANGUAGES: [&str; 2] = ["en", "de"];

/// WCAG 2.x AA: normal text needs 4.5:1 against its background
/// (https://www.w3.org/TR/WCAG21/#contrast-minimum). The accent is the background of the
/// primary button's white text, and the colour of links and secondary buttons' text on white.
const MINIMUM_CONTRAST: f64 = 4.5;

/// `#rrggbb`, lowercased, dark enough for white text on it (and for it on white).
pub fn parse_accent_color(value: &Value) -> Result<String, String> {
    let text = value
        .as_str()
        .ok_or("must be a colour as a string, like \"#0f6cbd\"")?;
    let hex = text
        .strip_prefix('#')
        .filter(|hex| hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or("must be a colour written #rrggbb (six hex digits), like \"#0f6cbd\"")?;
    let ratio = contrast_with_white(hex);
    if ratio < MINIMUM_CONTRAST {
        return Err(format!(
            "is too light: white text on it has a contrast of {ratio:.1}:1, and people need at \
             least 4.5:1 to read it (WCAG AA). Pick a darker shade"
        ));
    }
    Ok(["#", &hex.to_ascii_lowercase()].concat())
}

/// The contrast ratio of white against `#hex` (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
fn contrast_with_white(hex: &str) -> f64 {
    let channel = |at: usize| {
        let value = u8::from_str_radix(&hex[at..at + 2], 16).unwrap_or(0);
        let s = f64::from(value) / 255.0;
        // https://www.w3.org/TR/WCAG21/#dfn-relative-luminance
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    1.05 / (luminance + 0.05)
}

/// An `https://` address, or a file beside `index.html` (`logo.svg`, `brand/logo.png`): never
/// another scheme, a parent folder, whitespace or quotes.
pub fn parse_logo_url(value: &Value) -> Result<String, String> {
    let text = value
        .as_str()
        .ok_or("must be an address as a string, like \"https://cdn.example.com/logo.svg\"")?;
    let clean = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '\\'));
    let https = text.to_ascii_lowercase().starts_with("https://") && text.len() > 8;
    let beside = !text.contains(':')
        && !text.starts_with('/')
        && !text.split('/').any(|part| part == ".." || part.is_empty());
    if clean && (https || beside) {
        Ok(text.to_owned())
    } else {
        Err("must be an https:// address, or a file beside index.html like \"logo.svg\"".into())
    }
}

/// One of [`LANGUAGES`].
pub fn parse_language(value: &Value) -> Result<&'static str, String> {
    let text = value.as_str().unwrap_or_default();
    LANGUAGES
        .iter()
        .find(|language| **language == text)
        .copied()
        .ok_or_else(|| {
            format!(
                "must be one of {}; leave it out to follow the admin's browser",
                LANGUAGES.map(|l| format!("\"{l}\"")).join(", ")
            )
        })
}

impl Config {
    /// Whether a start message's logo may be shown: an `https://` address on one of the
    /// dashboards allowed to start the page (they chose it; nobody else's server sees the admin).
    pub fn allows_logo_from(&self, url: &str) -> bool {
        self.handoff_origins.iter().any(|origin| {
            url.strip_prefix(origin.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_accent_too_light_for_white_text_is_refused_with_its_contrast() {
        assert_eq!(parse_accent_color(&json!("#0F6CBD")), Ok("#0f6cbd".into()));
        assert_eq!(parse_accent_color(&json!("#000000")), Ok("#000000".into()));
        let yellow = parse_accent_color(&json!("#ffd700")).expect_err("too light");
        assert!(yellow.contains("1.4:1"), "{yellow}");
        for bad in [
            json!("0f6cbd"),
            json!("#0f6"),
            json!("#0f6cbg"),
            json!(3),
            json!("red"),
        ] {
            assert!(parse_accent_color(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_logo_is_https_or_a_file_beside_the_page() {
        for good in [
            "https://cdn.example.com/logo.svg",
            "logo.svg",
            "brand/logo.png",
        ] {
            assert!(parse_logo_url(&json!(good)).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:image/svg+xml,<svg>",
            "http://cdn.example.com/logo.svg",
            "//cdn.example.com/logo.svg",
            "/logo.svg",
            "../logo.svg",
            "brand//logo.png",
            "logo .svg",
            "https://",
            "logo\".svg",
        ] {
            assert!(parse_logo_url(&json!(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn languages_are_exact_primary_tags() {
        assert_eq!(parse_language(&json!("de")), Ok("de"));
        assert!(parse_language(&json!("de-DE")).is_err());
        assert!(parse_language(&json!("fr")).is_err());
    }
}
