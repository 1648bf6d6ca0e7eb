//! The headers of [`Hosting`] written as each kind of host wants them. Printed by
//! `cargo run -p sandbox-tenant --bin hosting -- RECIPE config.json` (README, "Hosting it yourself").

mod caddy;
mod headers_file;
mod nginx;
mod s3_cloudfront;

use super::Hosting;

/// Where and what is deployed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deployment {
    /// The app's folder in the site's URLs: `/` or `/registrar/` (starts and ends with `/`).
    pub path: String,
    /// The built files, relative to `dist/` (`index.html`, `app-943bb111c79f6c34.css`, …).
    pub files: Vec<String>,
    /// The folder on the server whose `path` sub-folder holds the files (nginx's and Caddy's
    /// `root`; the bucket's name for S3).
    pub root: String,
}

impl Deployment {
    /// `path` made to start and end with one `/`; an error says what to write instead.
    pub fn normalise_path(path: &str) -> Result<String, String> {
        let trimmed = path.trim_matches('/');
        let safe = trimmed.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
        });
        if trimmed.is_empty() {
            Ok("/".into())
        } else if safe {
            Ok(format!("/{trimmed}/"))
        } else {
            Err(format!(
                "the path {path:?} must be a plain folder like /registrar/ (letters, digits, - _ . ~)"
            ))
        }
    }
}

/// The recipes, by the name the command takes.
pub const RECIPES: [(&str, &str); 4] = [
    ("nginx", "location blocks for an nginx server { }"),
    ("caddy", "a Caddyfile site block"),
    (
        "headers",
        "a _headers file for Netlify or Cloudflare Pages, placed in dist/",
    ),
    (
        "s3-cloudfront",
        "aws commands: upload to S3 with each file's type and caching, and a CloudFront response headers policy",
    ),
];

/// The recipe called `name` for this deployment; `None` for an unknown name.
pub fn render(name: &str, hosting: &Hosting, deployment: &Deployment) -> Option<String> {
    Some(match name {
        "nginx" => nginx::render(hosting, deployment),
        "caddy" => caddy::render(hosting, deployment),
        "headers" => headers_file::render(hosting, deployment),
        "s3-cloudfront" => s3_cloudfront::render(hosting, deployment),
        _ => return None,
    })
}

/// A regular expression for the hashed names under `path` (see `files::is_hashed`).
fn hashed_regex(path: &str) -> String {
    format!("^{path}.*-[0-9a-f]{{12,16}}(_bg)?\\.(js|css|wasm|json)$")
}

/// The exact URL paths that must never be cached.
fn no_store_paths(path: &str) -> Vec<String> {
    super::files::NO_STORE_FILES
        .iter()
        .map(|file| format!("{path}{file}"))
        .collect()
}

/// A value in double quotes for nginx and Caddy (the policy has no `"` or `\`).
fn quoted(value: &str) -> String {
    format!("\"{value}\"")
}
