//! Repeated keys in one JSON object. `serde_json` silently keeps the last one, which turns a
//! forgotten edit ("clientId" twice) into a mystery; this walk finds them by path.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// JSON paths (`endpoints.graph`, `handoffOrigins[0].x`) of keys that repeat within an object.
/// Text that is not JSON yields whatever was found before the error (the caller has already
/// reported the syntax error).
pub(crate) fn duplicate_keys(json: &str) -> Vec<String> {
    let found = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_str(json);
    // A syntax error is reported elsewhere, with its position.
    let _ = Walk {
        path: String::new(),
        found: &found,
    }
    .deserialize(&mut deserializer);
    found.into_inner()
}

struct Walk<'f> {
    path: String,
    found: &'f RefCell<Vec<String>>,
}

impl Walk<'_> {
    fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(Walk {
                path: format!("{}[{index}]", self.path),
                found: self.found,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = self.child(&key);
            if !seen.insert(key) {
                self.found.borrow_mut().push(path.clone());
            }
            map.next_value_seed(Walk {
                path,
                found: self.found,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_repeated_keys_at_any_depth() {
        let json = r#"{"clientId": "a", "endpoints": {"graph": "x", "graph": "y"}, "clientId": "b",
                       "list": [{"k": 1, "k": 2}]}"#;
        assert_eq!(
            duplicate_keys(json),
            ["endpoints.graph", "clientId", "list[0].k"]
        );
    }

    #[test]
    fn finds_nothing_in_clean_json() {
        assert!(
            duplicate_keys(r#"{"a": {"a": 1}, "b": [1, "two", null, true, 2.5, -3]}"#).is_empty()
        );
    }

    #[test]
    fn tolerates_invalid_json() {
        assert_eq!(duplicate_keys(r#"{"a": 1, "a": 2, "#), ["a"]);
    }
}
