//! What the fuzz tests (`tests/fuzz_*.rs`) feed the parsers of outside data: random text, and
//! valid JSON mutated where parsers go wrong (a member of the wrong type, huge or odd numbers,
//! deep nesting, long and tricky strings, missing and duplicated members), so that the checks
//! behind the first `is it JSON` are reached too.
//!
//! Bounded: each property runs [`cases`] cases; `PROPTEST_CASES=10000 cargo test --offline -p
//! registrar-core --test fuzz_config` runs longer (README, "What the test command checks").
#![allow(dead_code)]

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use serde_json::{Map, Number, Value};

/// `cases` per property, or `PROPTEST_CASES` when it is set.
pub fn cases(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        ..Config::default()
    }
}

/// A string value written as raw JSON text (an odd number, deep brackets), not as a string.
const RAW: &str = "\u{0}raw:";
/// A member key that repeats the key after it: `{"a": 1, "a": 2}` cannot be a `Map`.
const DUPLICATE: &str = "\u{0}dup:";

/// Pieces that break naive string handling: controls, bidi overrides, zero-width and
/// combining marks, astral characters, case-folding surprises, URL and markup syntax.
const TRICKY: [&str; 34] = [
    "\u{0}",
    "\u{7}",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "e\u{301}",
    "é",
    "😀",
    "\u{10ffff}",
    "\u{fffd}",
    "İ",
    "ß",
    "ﬀ",
    "\r\n",
    "\t",
    " ",
    "\\",
    "\"",
    "'",
    "<script>alert(1)</script>",
    "%00",
    "%zz",
    "%",
    "&",
    "=",
    "#",
    "?",
    "/",
    "..",
    "@",
    ".",
    ":",
    "javascript:",
    "https://",
];

/// Number texts JSON allows or almost allows, written raw.
const ODD_NUMBERS: [&str; 16] = [
    "1e400",
    "-1e400",
    "1e-400",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "-0",
    "0.0",
    "1E+2",
    "1.5",
    "-1",
    "00",
    "1.",
    ".5",
    "NaN",
    "Infinity",
];

/// The members of a public JWK (RFC 7517, section 4; RFC 7518, section 6).
pub const JWK_MEMBERS: [&str; 8] = ["kty", "crv", "x", "y", "n", "e", "alg", "kid"];

/// The members of the token endpoint's answers, a success or an OAuth error
/// (<https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow>).
pub const TOKEN_MEMBERS: [&str; 12] = [
    "access_token",
    "id_token",
    "expires_in",
    "scope",
    "token_type",
    "refresh_token",
    "error",
    "error_description",
    "error_codes",
    "trace_id",
    "correlation_id",
    "timestamp",
];

/// The members of Graph's answers the core reads: errors, pages, `$batch` parts, applications,
/// principals, grants and the app management policy.
pub const GRAPH_MEMBERS: [&str; 46] = [
    "error",
    "code",
    "message",
    "innerError",
    "request-id",
    "client-request-id",
    "date",
    "details",
    "value",
    "@odata.nextLink",
    "@odata.count",
    "responses",
    "id",
    "status",
    "headers",
    "body",
    "Retry-After",
    "appId",
    "displayName",
    "uniqueName",
    "requiredResourceAccess",
    "resourceAppId",
    "resourceAccess",
    "type",
    "passwordCredentials",
    "keyCredentials",
    "keyId",
    "secretText",
    "startDateTime",
    "endDateTime",
    "customKeyIdentifier",
    "key",
    "usage",
    "tags",
    "appRoles",
    "oauth2PermissionScopes",
    "resourceId",
    "appRoleId",
    "consentType",
    "scope",
    "roleDefinitionId",
    "isEnabled",
    "applicationRestrictions",
    "restrictionType",
    "maxLifetime",
    "state",
];

/// Text without any structure: any characters, bytes read lossily, or JSON's punctuation.
pub fn random_text() -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..512)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        "[{}\\[\\]\":,.0-9eE+a-z \\\\\n-]{0,256}",
    ]
    .boxed()
}

/// Strings a member might hold: empty, very long, tricky pieces, or anything.
pub fn tricky_text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        (1usize..20_000, any::<char>()).prop_map(|(length, c)| c.to_string().repeat(length)),
        prop::collection::vec(prop::sample::select(&TRICKY[..]), 1..24)
            .prop_map(|pieces| pieces.concat()),
        any::<String>(),
    ]
    .boxed()
}

/// Any JSON value, a few levels deep, with numbers at their limits.
pub fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(&ODD_NUMBERS[..]).prop_map(raw),
        tricky_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((tricky_text(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
    .boxed()
}

fn raw(text: &str) -> Value {
    Value::String(format!("{RAW}{text}"))
}

/// One change at one place of a JSON document.
#[derive(Debug, Clone)]
enum Change {
    /// Another value there: a wrong type, an odd number, any structure.
    Replace(Value),
    /// The member or item is gone.
    Remove,
    /// The value wrapped in this many arrays or objects.
    Nest(usize, bool),
    /// The member again, with this value, in the same object.
    Duplicate(Value),
    /// A new member (a known key or another) or array item.
    Add(String, Value),
}

/// Text-level damage after the changes.
#[derive(Debug, Clone)]
enum Damage {
    None,
    Truncate(Index),
    Insert(Index, char),
}

/// One to four [`Change`]s at places of a document, then sometimes a little [`Damage`] to its
/// text: made before the document is known (a sandbox's answer), applied to it then.
#[derive(Debug, Clone)]
pub struct Mutation {
    changes: Vec<(Index, Change)>,
    damage: Damage,
}

impl Mutation {
    /// `document` changed, as JSON text.
    pub fn apply(&self, mut document: Value) -> String {
        for (at, change) in &self.changes {
            apply(&mut document, *at, change.clone());
        }
        damaged(write(&document), self.damage.clone())
    }

    /// The JSON text `text` changed; text that is not JSON is changed as a string.
    pub fn apply_to_text(&self, text: &str) -> String {
        self.apply(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned())))
    }
}

/// [`Mutation`]s whose added members are often `keys`, the member names the parser knows.
pub fn mutation(keys: &[&str]) -> BoxedStrategy<Mutation> {
    let key = prop_oneof![
        3 => prop::sample::select(keys.iter().map(|key| key.to_string()).collect::<Vec<_>>()),
        1 => tricky_text(),
    ];
    let change = prop_oneof![
        4 => any_json().prop_map(Change::Replace),
        2 => Just(Change::Remove),
        1 => (1usize..300, any::<bool>()).prop_map(|(depth, array)| Change::Nest(depth, array)),
        2 => any_json().prop_map(Change::Duplicate),
        2 => (key, any_json()).prop_map(|(key, value)| Change::Add(key, value)),
    ];
    let damage = prop_oneof![
        8 => Just(Damage::None),
        1 => any::<Index>().prop_map(Damage::Truncate),
        1 => (any::<Index>(), any::<char>()).prop_map(|(at, c)| Damage::Insert(at, c)),
    ];
    (
        prop::collection::vec((any::<Index>(), change), 1..5),
        damage,
    )
        .prop_map(|(changes, damage)| Mutation { changes, damage })
        .boxed()
}

/// `seed` (valid input) with a [`Mutation`], as JSON text.
pub fn mutated(seed: Value, keys: &[&str]) -> BoxedStrategy<String> {
    mutation(keys)
        .prop_map(move |mutation| mutation.apply(seed.clone()))
        .boxed()
}

/// Either valid JSON mutated or text without structure, `seed`'s mutations three times as often.
pub fn json_input(seed: Value, keys: &[&str]) -> BoxedStrategy<String> {
    prop_oneof![3 => mutated(seed, keys), 1 => random_text()].boxed()
}

/// [`mutated`] read back as a value (the caller parses JSON text itself); text that is no
/// longer JSON becomes a string holding it.
pub fn mutated_value(seed: Value, keys: &[&str]) -> BoxedStrategy<Value> {
    mutated(seed, keys)
        .prop_map(|text| serde_json::from_str(&text).unwrap_or(Value::String(text)))
        .boxed()
}

/// Every member name in `value`, at any depth: the keys a parser of such documents reads.
pub fn member_names(value: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(members) => {
                names.extend(members.keys().cloned());
                pending.extend(members.values());
            }
            Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    names.sort();
    names.dedup();
    names
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Item(usize),
}

fn places(value: &Value, here: &mut Vec<Step>, all: &mut Vec<Vec<Step>>) {
    all.push(here.clone());
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                here.push(Step::Key(key.clone()));
                places(member, here, all);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                here.push(Step::Item(index));
                places(item, here, all);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.get_mut(key.as_str()),
        Step::Item(index) => value.get_mut(*index),
    })
}

fn apply(document: &mut Value, at: Index, change: Change) {
    let mut all = Vec::new();
    places(document, &mut Vec::new(), &mut all);
    let path = all.swap_remove(at.index(all.len()));
    let Some((last, parent_path)) = path.split_last() else {
        // The whole document.
        match change {
            Change::Replace(value) | Change::Duplicate(value) => *document = value,
            Change::Add(key, value) => add(document, key, value),
            Change::Nest(depth, array) => nest(document, depth, array),
            Change::Remove => *document = Value::Null,
        }
        return;
    };
    let Some(parent) = at_mut(document, parent_path) else {
        return;
    };
    match (change, last, parent) {
        (Change::Remove, Step::Key(key), Value::Object(members)) => {
            members.remove(key);
        }
        (Change::Remove, Step::Item(index), Value::Array(items)) => {
            items.remove(*index);
        }
        (Change::Duplicate(value), Step::Key(key), Value::Object(members)) => {
            members.insert(format!("{DUPLICATE}{key}"), value);
        }
        (change, last, parent) => {
            let here = match last {
                Step::Key(key) => parent.get_mut(key.as_str()),
                Step::Item(index) => parent.get_mut(*index),
            };
            if let Some(here) = here {
                match change {
                    Change::Replace(value) | Change::Duplicate(value) => *here = value,
                    Change::Add(key, value) => add(here, key, value),
                    Change::Nest(depth, array) => nest(here, depth, array),
                    Change::Remove => *here = Value::Null,
                }
            }
        }
    }
}

fn add(value: &mut Value, key: String, member: Value) {
    match value {
        Value::Object(members) => {
            members.insert(key, member);
        }
        Value::Array(items) => items.push(member),
        other => *other = member,
    }
}

fn nest(value: &mut Value, depth: usize, array: bool) {
    for _ in 0..depth {
        let inner = value.take();
        *value = if array {
            Value::Array(vec![inner])
        } else {
            Value::Object(Map::from_iter([("a".to_owned(), inner)]))
        };
    }
}

/// JSON text of `value`, with [`RAW`] strings and [`DUPLICATE`] keys written as they say.
pub fn write(value: &Value) -> String {
    let mut text = String::new();
    write_into(value, &mut text);
    text
}

fn write_into(value: &Value, text: &mut String) {
    match value {
        Value::String(string) => match string.strip_prefix(RAW) {
            Some(raw) => text.push_str(raw),
            None => text.push_str(&value.to_string()),
        },
        Value::Array(items) => {
            text.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    text.push(',');
                }
                write_into(item, text);
            }
            text.push(']');
        }
        Value::Object(members) => {
            text.push('{');
            for (index, (key, member)) in members.iter().enumerate() {
                if index > 0 {
                    text.push(',');
                }
                let key = key.strip_prefix(DUPLICATE).unwrap_or(key);
                text.push_str(&Value::String(key.to_owned()).to_string());
                text.push(':');
                write_into(member, text);
            }
            text.push('}');
        }
        other => text.push_str(&other.to_string()),
    }
}

fn damaged(text: String, damage: Damage) -> String {
    let boundary = |at: Index| {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        bounds[at.index(bounds.len())]
    };
    match damage {
        Damage::None => text,
        Damage::Truncate(at) => text[..boundary(at)].to_owned(),
        Damage::Insert(at, c) => {
            let at = boundary(at);
            [&text[..at], c.encode_utf8(&mut [0; 4]), &text[at..]].concat()
        }
    }
}
