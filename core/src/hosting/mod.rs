//! The response headers a host must send with the built app, computed from its configuration in
//! one place: the sandbox's server sends them, and the `hosting` command prints them as recipes
//! for nginx, Caddy, a bucket behind a CDN and static-site hosts (README, "Hosting it yourself"), so what is
//! tested and what is deployed cannot drift apart.
//!
//! Why each header: https://developer.mozilla.org/docs/Web/HTTP/Headers (CSP, HSTS,
//! `X-Content-Type-Options`, `Referrer-Policy`, `Cache-Control`). No `Cross-Origin-Opener-Policy`
//! is ever sent: a dashboard that opened the app must keep its link to it, and the relay window
//! to the app that opened it.

pub mod check;
mod files;
mod policy;
pub mod recipes;
#[cfg(test)]
mod tests;

pub use files::{Caching, caching, content_type};
pub use policy::content_security_policy;

use crate::config::Config;

/// HSTS for two years, the value https://hstspreload.org asks for; without `includeSubDomains`,
/// which would bind every other site of the host's domain.
pub const HSTS_MAX_AGE_SECONDS: u64 = 63_072_000;

/// One response header: its name as hosts write it, and its value.
pub type Header = (&'static str, String);

/// The headers of one deployment, from its configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hosting {
    csp: String,
}

impl Hosting {
    pub fn new(config: &Config) -> Hosting {
        Hosting {
            csp: content_security_policy(config),
        }
    }

    /// The headers every file of the app is sent with, whatever it is.
    pub fn common_headers(&self) -> Vec<Header> {
        vec![
            ("Content-Security-Policy", self.csp.clone()),
            (
                "Strict-Transport-Security",
                format!("max-age={HSTS_MAX_AGE_SECONDS}"),
            ),
            ("X-Content-Type-Options", "nosniff".into()),
            ("Referrer-Policy", "no-referrer".into()),
        ]
    }

    /// Every header of `file`, a path relative to the app's folder (`""` for the folder itself,
    /// which serves `index.html`): the common ones, its type (if its extension is known) and how
    /// long it may be cached.
    pub fn headers_for(&self, file: &str) -> Vec<Header> {
        let mut headers = self.common_headers();
        if let Some(kind) = content_type(file) {
            headers.push(("Content-Type", kind.into()));
        }
        headers.push(("Cache-Control", caching(file).cache_control().into()));
        headers
    }

    /// The same headers with `origins` also allowed to frame the app: a host whose
    /// `frame-ancestors` is wider than `handoffOrigins` (a mistake), so tests can show the app's
    /// own checks hold without the host's.
    pub fn also_framed_by(mut self, origins: &[String]) -> Hosting {
        if origins.is_empty() {
            return self;
        }
        let directives: Vec<String> = self
            .csp
            .split("; ")
            .map(
                |directive| match directive.strip_prefix("frame-ancestors ") {
                    Some(allowed) => {
                        let mut sources: Vec<&str> =
                            allowed.split(' ').filter(|s| *s != "'none'").collect();
                        sources.extend(origins.iter().map(String::as_str));
                        format!("frame-ancestors {}", sources.join(" "))
                    }
                    None => directive.to_owned(),
                },
            )
            .collect();
        self.csp = directives.join("; ");
        self
    }

    pub fn csp(&self) -> &str {
        &self.csp
    }
}
