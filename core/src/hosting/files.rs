//! What each file of a build is, by its name: its type and how long a browser may keep it.

/// How long a file may be cached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caching {
    /// `index.html` (and the folder), `redirect.html`: fetched anew every time, so a cached page
    /// never points at files an update deleted, and a sign-in's answer never comes from a cache.
    NoStore,
    /// `config.json`: a browser that has it uses it at once and fetches it again in the
    /// background, for up to an hour after it last got it
    /// (https://www.rfc-editor.org/rfc/rfc5861#section-3, stale-while-revalidate); `private`:
    /// never a CDN's copy (https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2.7). A repeated
    /// load (an MSP onboarding tenant after tenant) saves the round trip that `no-store` costs
    /// it, 0.56 s on a slow line. The page also asks for the current file beside it and loads
    /// again if it changed (static/app-loader.js). `no-store` and `no-cache` are accepted too
    /// (`hosting check`): slower, never staler.
    Configuration,
    /// The hashed files (`app-943bb111c79f6c34.css`, `m365-registrar-…_bg.wasm`,
    /// `words-de-….json`): a new build has new names, so a name's content never changes.
    Immutable,
    /// Everything else (the worker, the relay, the starter): kept, but checked with the server on
    /// every use, since their names carry no hash.
    Revalidate,
}

impl Caching {
    pub fn cache_control(self) -> &'static str {
        match self {
            Caching::NoStore => "no-store",
            Caching::Configuration => "private, max-age=0, stale-while-revalidate=3600",
            Caching::Immutable => "public, max-age=31536000, immutable",
            Caching::Revalidate => "no-cache",
        }
    }
}

/// The files that must never come from a cache ("" is the folder itself).
pub const NO_STORE_FILES: [&str; 3] = ["", "index.html", "redirect.html"];

/// The deployment's configuration, the one file a host edits.
pub const CONFIGURATION_FILE: &str = "config.json";

/// How `file` (relative to the app's folder) may be cached.
pub fn caching(file: &str) -> Caching {
    if NO_STORE_FILES.contains(&file) {
        Caching::NoStore
    } else if file == CONFIGURATION_FILE {
        Caching::Configuration
    } else if is_hashed(file) {
        Caching::Immutable
    } else {
        Caching::Revalidate
    }
}

/// Hashed names: `name-<hash>` then `.js`, `.css`, `_bg.wasm` or `.json`, the hash 12 to 16
/// lowercase hex digits: Trunk's (a 64-bit number without leading zeros), those
/// `scripts/post-build.sh` gives the files it changes and the German words (the first 16 digits
/// of a SHA-256 or SHA-384).
pub fn is_hashed(file: &str) -> bool {
    let Some((stem, _)) = file.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty()
            && (12..=16).contains(&hash.len())
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// The types of the extensions a build has (https://www.iana.org/assignments/media-types):
/// with `nosniff`, a script must be served as JavaScript, and browsers compile a module while it
/// downloads only if it is `application/wasm`.
pub const CONTENT_TYPES: [(&str, &str); 6] = [
    ("html", "text/html; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("wasm", "application/wasm"),
    ("css", "text/css; charset=utf-8"),
    ("json", "application/json"),
    ("svg", "image/svg+xml"),
];

/// The type of `file` by its extension; the folder itself is `index.html`.
pub fn content_type(file: &str) -> Option<&'static str> {
    let name = if file.is_empty() { "index.html" } else { file };
    let extension = name.rsplit_once('.')?.1;
    CONTENT_TYPES
        .iter()
        .find(|(known, _)| *known == extension)
        .map(|(_, kind)| *kind)
}
