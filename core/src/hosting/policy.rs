//! The Content-Security-Policy of the app, from its configuration: this origin's files and
//! nothing else, no inline script or style, no `eval` (WebAssembly needs `'wasm-unsafe-eval'`
//! only), connections only to the configured sign-in and Graph hosts, and framing only by the
//! dashboards allowed to receive the hand-off
//! (https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy).

use crate::config::Config;
use crate::config::origin::parse_prefix;

/// The policy's text, one directive after another.
pub fn content_security_policy(config: &Config) -> String {
    // `blob:`: the page's own download links (blob URLs only their origin can read), which the
    // end-to-end tests read back as the admin's browser saves them.
    let mut connect = vec!["'self'".to_owned(), "blob:".to_owned()];
    for endpoint in [&config.endpoints.sign_in, &config.endpoints.graph] {
        push_origin_of(&mut connect, endpoint);
    }
    // A start message's logo may come from an allowed dashboard (`Config::allows_logo_from`).
    let mut images = vec!["'self'".to_owned(), "data:".to_owned()];
    if let Some(logo) = &config.logo_url {
        push_origin_of(&mut images, logo);
    }
    let dashboards: Vec<String> = config
        .handoff_origins
        .iter()
        .map(|origin| origin.as_str().to_owned())
        .collect();
    for dashboard in &dashboards {
        if !images.contains(dashboard) {
            images.push(dashboard.clone());
        }
    }
    let frame_ancestors = if dashboards.is_empty() {
        "'none'".to_owned()
    } else {
        dashboards.join(" ")
    };
    [
        "default-src 'none'".to_owned(),
        "script-src 'self' 'wasm-unsafe-eval'".to_owned(),
        format!("connect-src {}", connect.join(" ")),
        "style-src 'self'".to_owned(),
        format!("img-src {}", images.join(" ")),
        "base-uri 'none'".to_owned(),
        "form-action 'none'".to_owned(),
        "object-src 'none'".to_owned(),
        // No Trusted Types (`require-trusted-types-for 'script'`): Leptos 0.8 builds its templates
        // by setting `innerHTML` from a string, which that refuses (checked in Chromium); a
        // pass-through default policy would only rename the hole.
        format!("frame-ancestors {frame_ancestors}"),
    ]
    .join("; ")
}

/// Adds the origin of an absolute `url` once; a relative one (a logo beside index.html) is 'self'.
fn push_origin_of(sources: &mut Vec<String>, url: &str) {
    if let Ok((origin, _)) = parse_prefix(url) {
        let origin = origin.as_str().to_owned();
        if !sources.contains(&origin) {
            sources.push(origin);
        }
    }
}
