//! Web origins (`scheme://host[:port]`), parsed strictly and kept in the exact form a browser
//! reports in `MessageEvent.origin`, so checking a sender or a target is a string comparison.

use std::fmt;

use super::host::Host;

/// A validated, normalised origin: lowercase, default port dropped, no path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    serialized: String,
    loopback: bool,
}

impl Origin {
    /// Parses an origin such as `https://dashboard.example.com` or `http://localhost:8400`.
    /// The error says what is wrong and what to write instead.
    pub fn parse(text: &str) -> Result<Origin, String> {
        let (origin, rest) = parse_prefix(text)?;
        match rest.chars().next() {
            None => Ok(origin),
            Some('/') if rest == "/" => Err(format!("remove the trailing slash: write {origin}")),
            Some('/') => Err(format!("an origin has no path: write {origin}")),
            Some('?') => Err(format!("an origin has no query: write {origin}")),
            _ => Err(format!("an origin has no fragment: write {origin}")),
        }
    }

    /// The origin as browsers serialise it, e.g. `https://dashboard.example.com`.
    pub fn as_str(&self) -> &str {
        &self.serialized
    }

    /// True for `localhost`, `*.localhost`, `127.0.0.0/8` and `[::1]`.
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.serialized)
    }
}

/// Parses the origin at the start of a URL and returns what follows it (empty, or starting
/// with `/`, `?` or `#`). Shared with endpoint URLs, which may carry a path.
pub(crate) fn parse_prefix(text: &str) -> Result<(Origin, &str), String> {
    if text == "*" {
        return Err("a wildcard would hand secrets to any site: list each exact origin, like https://dashboard.example.com".into());
    }
    if text.eq_ignore_ascii_case("null") {
        return Err("the origin \"null\" is shared by every sandboxed frame and local file: list the dashboard's real origin".into());
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "remove the spaces or invisible characters from {text:?}"
        ));
    }
    if text.contains('\\') {
        return Err("use forward slashes (/), not backslashes".into());
    }
    let Some((scheme, after_scheme)) = text.split_once("://") else {
        let bare = text.trim_start_matches('/');
        return Err(format!("the scheme is missing: write https://{bare}"));
    };
    let scheme = scheme.to_ascii_lowercase();
    let secure = match scheme.as_str() {
        "https" => true,
        "http" => false,
        _ => {
            return Err(format!(
                "the scheme {scheme}:// is not supported: use https:// (http:// only on this machine)"
            ));
        }
    };
    let authority_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let (authority, rest) = after_scheme.split_at(authority_end);
    if authority.contains('@') {
        return Err("remove the user name or password (the part before @)".into());
    }
    let (host_text, port_text) = split_port(authority);
    let host = Host::parse(host_text)?;
    let default_port = if secure { 443 } else { 80 };
    let port = match port_text {
        None => None,
        Some(port_text) => match parse_port(port_text)? {
            port if port == default_port => None,
            port => Some(port),
        },
    };
    if !secure && !host.is_loopback() {
        return Err(format!(
            "http:// is allowed only for localhost, *.localhost, 127.x.x.x and [::1]: use https://{}",
            host.serialize()
        ));
    }
    let mut serialized = format!("{scheme}://{}", host.serialize());
    if let Some(port) = port {
        serialized.push_str(&format!(":{port}"));
    }
    Ok((
        Origin {
            serialized,
            loopback: host.is_loopback(),
        },
        rest,
    ))
}

/// Splits `host:port`, minding the colons inside an IPv6 literal.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    let host_end = if authority.starts_with('[') {
        authority.find(']').map_or(authority.len(), |i| i + 1)
    } else {
        authority.find(':').unwrap_or(authority.len())
    };
    let (host, rest) = authority.split_at(host_end);
    (
        host,
        rest.strip_prefix(':')
            .or(if rest.is_empty() { None } else { Some(rest) }),
    )
}

fn parse_port(text: &str) -> Result<u16, String> {
    if text.is_empty() {
        return Err("the port after the colon is missing: remove the colon or add the port".into());
    }
    match text.parse::<u16>() {
        Ok(port) if port > 0 && text.bytes().all(|b| b.is_ascii_digit()) => Ok(port),
        _ => Err(format!("the port {text} is not a number from 1 to 65535")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> String {
        Origin::parse(text)
            .map(|o| o.to_string())
            .unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn refused(text: &str) -> String {
        Origin::parse(text).expect_err(text)
    }

    #[test]
    fn accepts_https_origins_and_normalises_them() {
        assert_eq!(
            parsed("https://dashboard.example.com"),
            "https://dashboard.example.com"
        );
        assert_eq!(
            parsed("HTTPS://Dashboard.Example.com"),
            "https://dashboard.example.com"
        );
        assert_eq!(parsed("https://example.com:443"), "https://example.com");
        assert_eq!(
            parsed("https://example.com:8443"),
            "https://example.com:8443"
        );
    }

    #[test]
    fn accepts_http_only_on_loopback() {
        assert_eq!(
            parsed("http://dashboard.localhost:8400"),
            "http://dashboard.localhost:8400"
        );
        assert_eq!(parsed("http://localhost"), "http://localhost");
        assert_eq!(parsed("http://127.0.0.1:80"), "http://127.0.0.1");
        assert_eq!(parsed("http://[::1]:3000"), "http://[::1]:3000");
        assert!(Origin::parse("http://[::1]:3000").is_ok_and(|o| o.is_loopback()));
        let error = refused("http://dashboard.example.com");
        assert!(
            error.contains("use https://dashboard.example.com"),
            "{error}"
        );
        assert!(refused("http://10.0.0.5").contains("http:// is allowed only"));
    }

    #[test]
    fn refuses_wildcards_and_null() {
        assert!(refused("*").contains("wildcard"));
        assert!(refused("https://*.example.com").contains("wildcard"));
        assert!(refused("null").contains("sandboxed"));
    }

    #[test]
    fn refuses_anything_after_the_origin_and_says_what_to_write() {
        assert_eq!(
            refused("https://example.com/"),
            "remove the trailing slash: write https://example.com"
        );
        assert_eq!(
            refused("https://example.com/app"),
            "an origin has no path: write https://example.com"
        );
        assert!(refused("https://example.com?x=1").contains("no query"));
        assert!(refused("https://example.com#top").contains("no fragment"));
    }

    #[test]
    fn refuses_missing_or_unsupported_schemes() {
        assert_eq!(
            refused("dashboard.example.com"),
            "the scheme is missing: write https://dashboard.example.com"
        );
        assert!(refused("//dashboard.example.com").contains("write https://dashboard.example.com"));
        assert!(refused("ftp://example.com").contains("not supported"));
        assert!(refused("chrome-extension://abc").contains("not supported"));
    }

    #[test]
    fn refuses_userinfo_bad_ports_and_stray_characters() {
        assert!(refused("https://user:pw@example.com").contains("user name"));
        assert!(refused("https://example.com:").contains("port"));
        assert!(refused("https://example.com:0").contains("1 to 65535"));
        assert!(refused("https://example.com:70000").contains("1 to 65535"));
        assert!(refused("https://example.com:+80").contains("1 to 65535"));
        assert!(refused(" https://example.com").contains("spaces"));
        assert!(refused("https:\\\\example.com").contains("backslashes"));
        assert!(refused("https://").contains("missing"));
    }
}
