//! Turning the raw text into JSON, with an error a person can act on.

use serde_json::Value;

use super::problems::ConfigError;

/// Parses the text as JSON. A leading byte-order mark is ignored (Windows editors add one).
pub(crate) fn read_json(text: &str) -> Result<Value, ConfigError> {
    if text.trim().is_empty() {
        return Err(ConfigError::NotJson {
            line: 1,
            column: 1,
            detail: "the file is empty: it must hold one JSON object, like {\"clientId\": \"...\"}"
                .into(),
        });
    }
    serde_json::from_str(text).map_err(|error| {
        let mut detail = error.to_string();
        // serde_json appends the position; it is reported in its own fields.
        if let Some(cut) = detail.rfind(" at line ") {
            detail.truncate(cut);
        }
        if text.trim_start().starts_with('<') {
            detail.push_str(
                "; this looks like HTML, not JSON: the server probably answered with a page \
                 (index.html or an error page) because config.json is missing beside index.html",
            );
        }
        ConfigError::NotJson {
            line: error.line().max(1),
            column: error.column().max(1),
            detail,
        }
    })
}

/// "a number", "an array"...: for "must be a string, not a number".
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_json(text: &str) -> (usize, usize, String) {
        match read_json(text) {
            Err(ConfigError::NotJson {
                line,
                column,
                detail,
            }) => (line, column, detail),
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn reports_line_and_column_of_a_syntax_error() {
        let (line, column, detail) = not_json("{\n  \"clientId\": \"x\"\n  \"tenant\": \"y\"\n}");
        assert_eq!((line, column), (3, 3));
        assert!(detail.contains("expected"), "{detail}");
        assert!(!detail.contains(" at line "), "{detail}");
    }

    #[test]
    fn reports_trailing_commas() {
        let (line, _, _) = not_json("{\n  \"clientId\": \"x\",\n}");
        assert_eq!(line, 3);
    }

    #[test]
    fn explains_an_empty_file_and_an_html_page() {
        assert!(not_json("  \n").2.contains("empty"));
        assert!(
            not_json("<!DOCTYPE html><html></html>")
                .2
                .contains("looks like HTML")
        );
    }

    #[test]
    fn accepts_json() {
        assert!(read_json("{}").is_ok_and(|v| v.is_object()));
    }
}
