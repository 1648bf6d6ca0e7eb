//! A configuration that tries to widen the hand-off's origins is refused, the page names the
//! entry and says what to write instead, and offers nothing to click: the secret can only ever
//! go to an exact origin (README, "`handoffOrigins`").

use sandbox_tenant::sites::{AppConfig, Site, sandbox_app_config};
use serde_json::{Value, json};

use crate::browser::Session;

/// An entry of `handoffOrigins` and the words that must explain its refusal.
const WIDENING: [(&str, &str); 12] = [
    ("*", "a wildcard would hand secrets to any site"),
    (
        "https://*.example.com",
        "wildcards are not allowed in a host",
    ),
    ("null", "shared by every sandboxed frame"),
    (
        "http://dashboard.example.com",
        "http:// is allowed only for localhost",
    ),
    (
        "https://dashboard.example.com/",
        "remove the trailing slash",
    ),
    (
        "https://dashboard.example.com/embed",
        "an origin has no path",
    ),
    (
        "https://dashboard.example.com?x=1",
        "an origin has no query",
    ),
    // Look-alikes: another host behind a user name, another spelling, another alphabet.
    (
        "https://dashboard.example.com@evil.example",
        "remove the user name or password",
    ),
    (
        "https://evil.example\\@dashboard.example.com",
        "use forward slashes",
    ),
    ("https://dashboard.example.com.", "remove the trailing dot"),
    (
        "https://d\u{0430}shboard.example.com",
        "write its punycode form",
    ),
    ("dashboard.example.com", "the scheme is missing"),
];

#[tokio::test]
async fn a_configuration_that_widens_the_hand_off_origins_is_refused_in_words() {
    for (origin, words) in WIDENING {
        let mut config: Value =
            serde_json::from_str(&sandbox_app_config(8400)).expect("the sandbox configuration");
        config["handoffOrigins"] = json!([origin]);
        let session = Session::open(AppConfig::Literal(config.to_string()), Site::App, "/").await;
        let page = session.text_of("#config-error").await;
        assert!(page.contains("handoffOrigins[0]"), "{origin}: {page}");
        assert!(page.contains(words), "{origin}: says {words:?}: {page}");
        assert!(
            !session.shows("button").await && !session.shows("#welcome").await,
            "{origin}: nothing to start: {page}"
        );
        session.finish().await;
    }
}
