//! The `m365-registrar.*` names that cross between windows are spelled in three languages: the
//! core's Rust constants, the page's static scripts and the sample dashboard's JavaScript, and
//! the vendor's spec (docs/handoff.md). This test pins them to one list, so a typo in any of them
//! (which would make a message silently ignored) fails here and not in a vendor's dashboard.
//!
//! The names are read from the files' text: the static scripts and the dashboard are not Rust,
//! and the sign-in relay's names live in wasm-only modules (src/web/) a native test cannot link.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use registrar_core::handoff::bundle::BUNDLE_FORMAT;
use registrar_core::handoff::protocol::{INBOUND_TYPES, OUTBOUND_TYPES};

const PREFIX: &str = "m365-registrar.";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The files of `dir` (relative to the crate) whose names end with `extension`, sorted.
fn files_in(dir: &str, extension: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("listing {dir}: {e}"))
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.to_string_lossy().ends_with(extension))
        .map(|path| relative(&path))
        .collect();
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Every `m365-registrar.<name>` in `text`, `<name>` being `[a-z0-9-]+` (file names such as
/// `m365-registrar-<tenant id>.json` use a hyphen and are not names).
fn names_in(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find(PREFIX) {
        let after = &rest[at + PREFIX.len()..];
        let end = after
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
            .unwrap_or(after.len());
        let name = after[..end].trim_end_matches('-');
        if !name.is_empty() {
            names.insert(format!("{PREFIX}{name}"));
        }
        rest = after;
    }
    names
}

/// The values of `const NAME: &str = "m365-registrar.…";` items in a Rust source file.
fn rust_name_constants(relative_path: &str) -> BTreeSet<String> {
    read(relative_path)
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub const ")
                .or_else(|| line.strip_prefix("const "))?;
            let (_, value) = rest.split_once(": &str = \"")?;
            let value = value.strip_suffix("\";")?;
            value.starts_with(PREFIX).then(|| value.to_owned())
        })
        .collect()
}

fn protocol_types() -> BTreeSet<String> {
    OUTBOUND_TYPES
        .iter()
        .chain(INBOUND_TYPES.iter())
        .map(|t| t.to_string())
        .collect()
}

/// The sign-in relay's BroadcastChannel and its message type: names the page and
/// static/redirect.js and static/relay.js share, declared in Rust.
fn sign_in_names() -> BTreeSet<String> {
    rust_name_constants("src/web/sign_in.rs")
}

/// Where names are spelled outside Rust.
fn sources() -> Vec<String> {
    let mut files = files_in("examples/dashboard", ".js");
    files.extend(files_in("static", ".js"));
    files.push("docs/handoff.md".to_owned());
    files
}

#[test]
fn the_protocol_lists_the_names_the_spec_gives() {
    let outbound: Vec<&str> = OUTBOUND_TYPES.to_vec();
    let inbound: Vec<&str> = INBOUND_TYPES.to_vec();
    let name = |short: &str| format!("{PREFIX}{short}");
    assert_eq!(
        outbound,
        ["ready", "status", "progress", "result", "error", "height"]
            .map(name)
            .to_vec(),
        "from the app to the dashboard"
    );
    assert_eq!(
        inbound,
        ["start", "ack", "cancel"].map(name).to_vec(),
        "from the dashboard to the app"
    );
    assert_eq!(protocol_types().len(), 9, "no name in both directions");
    assert_eq!(BUNDLE_FORMAT, "m365-registrar.bundle");
}

#[test]
fn the_sign_in_relay_names_are_declared_in_rust() {
    let names = sign_in_names();
    for expected in ["m365-registrar.sign-in", "m365-registrar.sign-in-response"] {
        assert!(
            names.contains(expected),
            "{expected} is not a constant of src/web/sign_in.rs: {names:?}"
        );
    }
    let types = protocol_types();
    let clash: Vec<&String> = names.intersection(&types).collect();
    assert!(
        clash.is_empty(),
        "a sign-in name is also a hand-off message type: {clash:?}"
    );
}

#[test]
fn every_name_in_the_scripts_and_the_spec_is_a_known_one() {
    let mut known = protocol_types();
    known.extend(sign_in_names());
    known.insert(BUNDLE_FORMAT.to_owned());
    let mut unknown = Vec::new();
    for file in sources() {
        for name in names_in(&read(&file)) {
            if !known.contains(&name) {
                unknown.push(format!("{file}: {name}"));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "names no Rust constant declares (a typo, or a constant to add):\n  {}\nknown: {known:?}",
        unknown.join("\n  ")
    );
}

#[test]
fn every_protocol_type_is_in_the_spec() {
    let spec = names_in(&read("docs/handoff.md"));
    let missing: Vec<String> = protocol_types().difference(&spec).cloned().collect();
    assert!(
        missing.is_empty(),
        "docs/handoff.md never names {missing:?}"
    );
    assert!(
        spec.contains(BUNDLE_FORMAT),
        "docs/handoff.md gives the bundle's format"
    );
}

/// The sample dashboard handles every message the app posts and sends every one it accepts:
/// each type is spelled once in its `TYPE` table, outbound ones have a handler
/// (`handlers[TYPE.<key>]`) and inbound ones are posted (`type: TYPE.<key>`).
#[test]
fn the_sample_dashboard_handles_every_protocol_type() {
    let dashboard: String = files_in("examples/dashboard", ".js")
        .iter()
        .map(|file| read(file))
        .collect::<Vec<_>>()
        .join("\n");
    let key = |t: &str| t.trim_start_matches(PREFIX).to_owned();
    for t in OUTBOUND_TYPES.iter().chain(INBOUND_TYPES.iter()) {
        let entry = format!("{}: \"{t}\"", key(t));
        assert_eq!(
            dashboard.matches(&entry).count(),
            1,
            "the dashboard's TYPE table has `{entry}` once"
        );
    }
    for t in OUTBOUND_TYPES {
        let handler = format!("handlers[TYPE.{}] = function", key(t));
        assert!(
            dashboard.contains(&handler),
            "the dashboard handles {t}: no `{handler}`"
        );
    }
    for t in INBOUND_TYPES {
        let sent = format!("type: TYPE.{}, version: VERSION", key(t));
        assert!(
            dashboard.contains(&sent),
            "the dashboard sends {t}: no `{sent}`"
        );
    }
}

#[test]
fn names_are_found_where_they_are_spelled() {
    let found = names_in(
        "type: \"m365-registrar.ready\"; file m365-registrar-<tenant>.json; `m365-registrar.sign-in-response`, m365-registrar.",
    );
    let want: BTreeSet<String> = ["m365-registrar.ready", "m365-registrar.sign-in-response"]
        .map(String::from)
        .into();
    assert_eq!(found, want);
}

/// The relay (static/relay.js) opens only the configuration's sign-in host: its table of the
/// clouds' sign-in hosts must be the core's, cloud by cloud.
#[test]
fn the_relay_knows_each_clouds_sign_in_host_as_the_core_does() {
    use registrar_core::config::{CLOUD_NAMES, Cloud};
    let relay = read("static/relay.js");
    for name in CLOUD_NAMES {
        let cloud = Cloud::from_name(name).expect("a listed cloud");
        let sign_in = cloud
            .endpoints()
            .expect("a named cloud's endpoints")
            .sign_in;
        let entry = format!("{name}: \"{sign_in}\"");
        assert!(relay.contains(&entry), "static/relay.js lacks `{entry}`");
    }
}
