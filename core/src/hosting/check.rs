//! What is wrong with how a deployed file is served, compared with [`Hosting`]: each problem
//! says the file, what was sent and what to send instead. Used by `hosting check URL`.

use super::Hosting;
use super::files::CONFIGURATION_FILE;

/// The problems of `file` (relative to the app's folder), answered with `status` and `served`
/// headers (names in any case) to a request that accepts gzip and brotli. Empty when it is
/// served as it should be.
pub fn problems(
    hosting: &Hosting,
    file: &str,
    status: u16,
    served: &[(String, String)],
) -> Vec<String> {
    let shown = if file.is_empty() {
        "the folder itself"
    } else {
        file
    };
    if status != 200 {
        return vec![format!(
            "{shown}: answered HTTP {status}; upload it beside index.html (or fix the server's folder)"
        )];
    }
    let sent = |name: &str| -> Vec<&str> {
        served
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let mut problems = Vec::new();
    for (name, expected) in hosting.headers_for(file) {
        let values = sent(name);
        let matches = match (name, values.as_slice()) {
            // A type is right whatever its parameters (a host may leave out the charset).
            ("Content-Type", [value]) => media_type(value) == media_type(&expected),
            // The configuration may be kept shorter than asked: slower, never staler.
            ("Cache-Control", [value]) if file == CONFIGURATION_FILE => {
                *value == expected || ["no-store", "no-cache"].contains(value)
            }
            (_, [value]) => *value == expected,
            _ => false,
        };
        if !matches {
            let got = match values.as_slice() {
                [] => "missing".to_owned(),
                [value] => format!("{value:?}"),
                many => format!("sent {} times: {many:?}", many.len()),
            };
            problems.push(format!("{shown}: {name} is {got}; send {expected:?}"));
        }
    }
    // The modules are most of the download: sent whole they cost an admin on a slow line about
    // 2.4 times the bytes (README "Download size").
    let compressed = sent("Content-Encoding")
        .iter()
        .any(|value| ["gzip", "br", "zstd"].contains(&value.trim().to_ascii_lowercase().as_str()));
    if file.ends_with(".wasm") && !compressed {
        problems.push(format!(
            "{shown}: sent uncompressed to a browser that accepts gzip and brotli; serve the \
             build's .br and .gz copies (nginx `gzip_static on;`, Caddy `file_server {{ precompressed br gzip }}`) \
             or let the host compress application/wasm"
        ));
    }
    for value in sent("Cross-Origin-Opener-Policy") {
        if !value.eq_ignore_ascii_case("unsafe-none") {
            problems.push(format!(
                "{shown}: Cross-Origin-Opener-Policy is {value:?}; send none (it cuts the dashboard off from the app's window)"
            ));
        }
    }
    problems
}

fn media_type(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}
