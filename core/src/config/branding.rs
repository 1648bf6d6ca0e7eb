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
        // In tenths, written with integers: float formatting would cost the first screen
        // about 10 KB (README, "Download size").
        // Rounded down: a refused colour never reads as passing (4.48:1 is "4.4:1").
        let tenths = (ratio * 10.0).floor() as u32;
        return Err(format!(
            "is too light: white text on it has a contrast of {}.{}:1, and people need at \
             least 4.5:1 to read it (WCAG AA). Pick a darker shade",
            tenths / 10,
            tenths % 10
        ));
    }
    Ok(["#", &hex.to_ascii_lowercase()].concat())
}

/// The contrast ratio of white against `#hex` (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
fn contrast_with_white(hex: &str) -> f64 {
    let channel = |at: usize| {
        let value = u8::from_str_radix(&hex[at..at + 2], 16).unwrap_or(0);
        f64::from(LINEAR[usize::from(value)]) / 65535.0
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    1.05 / (luminance + 0.05)
}

/// Each 8-bit sRGB channel value made linear, scaled to 0..=65535
/// (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance): a table, because `powf` would
/// cost the first screen its code; a test checks it against the formula.
#[rustfmt::skip]
const LINEAR: [u16; 256] = [
    0, 20, 40, 60, 80, 99, 119, 139, 159, 179, 199, 219, 241, 264, 288, 313,
    340, 367, 396, 427, 458, 491, 526, 562, 599, 637, 677, 718, 761, 805, 851, 898,
    947, 997, 1048, 1101, 1156, 1212, 1270, 1330, 1391, 1453, 1517, 1583, 1651, 1720, 1790, 1863,
    1937, 2013, 2090, 2170, 2250, 2333, 2418, 2504, 2592, 2681, 2773, 2866, 2961, 3058, 3157, 3258,
    3360, 3464, 3570, 3678, 3788, 3900, 4014, 4129, 4247, 4366, 4488, 4611, 4736, 4864, 4993, 5124,
    5257, 5392, 5530, 5669, 5810, 5953, 6099, 6246, 6395, 6547, 6700, 6856, 7014, 7174, 7335, 7500,
    7666, 7834, 8004, 8177, 8352, 8528, 8708, 8889, 9072, 9258, 9445, 9635, 9828, 10022, 10219, 10417,
    10619, 10822, 11028, 11235, 11446, 11658, 11873, 12090, 12309, 12530, 12754, 12980, 13209, 13440, 13673, 13909,
    14146, 14387, 14629, 14874, 15122, 15371, 15623, 15878, 16135, 16394, 16656, 16920, 17187, 17456, 17727, 18001,
    18277, 18556, 18837, 19121, 19407, 19696, 19987, 20281, 20577, 20876, 21177, 21481, 21787, 22096, 22407, 22721,
    23038, 23357, 23678, 24002, 24329, 24658, 24990, 25325, 25662, 26001, 26344, 26688, 27036, 27386, 27739, 28094,
    28452, 28813, 29176, 29542, 29911, 30282, 30656, 31033, 31412, 31794, 32179, 32567, 32957, 33350, 33745, 34143,
    34544, 34948, 35355, 35764, 36176, 36591, 37008, 37429, 37852, 38278, 38706, 39138, 39572, 40009, 40449, 40891,
    41337, 41785, 42236, 42690, 43147, 43606, 44069, 44534, 45002, 45473, 45947, 46423, 46903, 47385, 47871, 48359,
    48850, 49344, 49841, 50341, 50844, 51349, 51858, 52369, 52884, 53401, 53921, 54445, 54971, 55500, 56032, 56567,
    57105, 57646, 58190, 58737, 59287, 59840, 60396, 60955, 61517, 62082, 62650, 63221, 63795, 64372, 64952, 65535,
];

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
    fn the_table_is_the_wcag_formula() {
        for (value, linear) in LINEAR.iter().enumerate() {
            let s = value as f64 / 255.0;
            let exact = if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            };
            assert!(
                (f64::from(*linear) / 65535.0 - exact).abs() < 1e-5,
                "{value}"
            );
        }
    }

    #[test]
    fn languages_are_exact_primary_tags() {
        assert_eq!(parse_language(&json!("de")), Ok("de"));
        assert!(parse_language(&json!("de-DE")).is_err());
        assert!(parse_language(&json!("fr")).is_err());
    }
}
