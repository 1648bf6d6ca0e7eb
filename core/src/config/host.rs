//! Host names as browsers serialise them in an origin, without the `url` crate (download size
//! matters): lowercase ASCII DNS names, dotted-quad IPv4, and the IPv6 loopback `[::1]`.
//!
//! Anything a browser would rewrite (Unicode, trailing dot, shorthand IPv4 such as `127.1`) is
//! refused rather than guessed at, so the string we keep is exactly the one `postMessage`
//! reports in `event.origin`.

/// A validated host, in the form a browser puts in an origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Host {
    Domain(String),
    Ipv4([u8; 4]),
    /// `[::1]`. Other IPv6 literals are refused: nobody serves a dashboard from one, and
    /// matching the browser's compressed form would need a full IPv6 parser.
    Ipv6Loopback,
}

impl Host {
    /// Parses the host part of an authority. Letters are lowercased (hosts are
    /// case-insensitive and browsers report them in lowercase).
    pub(crate) fn parse(text: &str) -> Result<Host, String> {
        if text.is_empty() {
            return Err("the host name is missing".into());
        }
        if text.starts_with('[') {
            return if text == "[::1]" {
                Ok(Host::Ipv6Loopback)
            } else {
                Err(format!(
                    "the IPv6 address {text} is not supported: use a host name (or [::1] for this machine)"
                ))
            };
        }
        if text.contains('*') {
            return Err(format!(
                "wildcards are not allowed in a host ({text}): list each exact host"
            ));
        }
        if !text.is_ascii() {
            return Err(format!(
                "the host {text} has non-ASCII letters: write its punycode form (xn--...), as browsers report it"
            ));
        }
        let lower = text.to_ascii_lowercase();
        if lower.ends_with('.') {
            return Err(format!("remove the trailing dot from the host {text}"));
        }
        let last_label = lower.rsplit('.').next().unwrap_or_default();
        if !last_label.is_empty() && last_label.bytes().all(|b| b.is_ascii_digit()) {
            return parse_ipv4(&lower).map(Host::Ipv4);
        }
        check_domain(&lower)?;
        Ok(Host::Domain(lower))
    }

    /// Loopback hosts may use plain `http://`: browsers treat them as secure contexts and
    /// nothing leaves the machine. `*.localhost` always resolves to loopback (RFC 6761).
    pub(crate) fn is_loopback(&self) -> bool {
        match self {
            Host::Domain(name) => name == "localhost" || name.ends_with(".localhost"),
            Host::Ipv4(octets) => octets[0] == 127,
            Host::Ipv6Loopback => true,
        }
    }

    pub(crate) fn serialize(&self) -> String {
        match self {
            Host::Domain(name) => name.clone(),
            Host::Ipv4([a, b, c, d]) => format!("{a}.{b}.{c}.{d}"),
            Host::Ipv6Loopback => "[::1]".into(),
        }
    }
}

/// Whether `url` is a plain `http://` address on this machine, which `endpoints` allows for the
/// sandbox tenant: its host loopback, no user name or password.
pub(crate) fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return false;
    }
    let host = match authority.strip_prefix("[::1]") {
        Some(port) if port.is_empty() || port.starts_with(':') => "[::1]",
        Some(_) => return false,
        None => authority.split(':').next().unwrap_or_default(),
    };
    Host::parse(host).is_ok_and(|host| host.is_loopback())
}

/// Four decimal octets, no leading zeros (a browser reads `010` as octal).
fn parse_ipv4(text: &str) -> Result<[u8; 4], String> {
    let refuse =
        || format!("{text} is not an IPv4 address: write four numbers 0-255, like 127.0.0.1");
    let mut octets = [0u8; 4];
    let mut parts = text.split('.');
    for octet in &mut octets {
        let part = parts.next().ok_or_else(refuse)?;
        let valid = !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part == "0" || !part.starts_with('0'));
        if !valid {
            return Err(refuse());
        }
        *octet = part.parse().map_err(|_| refuse())?;
    }
    if parts.next().is_some() {
        return Err(refuse());
    }
    Ok(octets)
}

/// DNS names: labels of 1..=63 letters, digits and inner hyphens; 253 characters at most.
fn check_domain(name: &str) -> Result<(), String> {
    if name.len() > 253 {
        return Err("the host name is longer than 253 characters".into());
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Err(format!(
                "the host {name} has an empty label (two dots in a row?)"
            ));
        }
        if label.len() > 63 {
            return Err(format!(
                "the host {name} has a label longer than 63 characters"
            ));
        }
        if let Some(bad) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            return Err(format!(
                "the host {name} contains {bad:?}: a host name has only letters, digits, hyphens and dots"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!(
                "the host {name} has a label that starts or ends with a hyphen"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_names_are_lowercased() {
        assert_eq!(
            Host::parse("Dashboard.Example.COM"),
            Ok(Host::Domain("dashboard.example.com".into()))
        );
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        for loopback in [
            "localhost",
            "dashboard.localhost",
            "127.0.0.1",
            "127.8.9.10",
            "[::1]",
        ] {
            let host = Host::parse(loopback).unwrap_or_else(|e| panic!("{loopback}: {e}"));
            assert!(host.is_loopback(), "{loopback}");
        }
        for remote in [
            "example.com",
            "localhost.example.com",
            "128.0.0.1",
            "10.0.0.1",
            "mylocalhost",
        ] {
            let host = Host::parse(remote).unwrap_or_else(|e| panic!("{remote}: {e}"));
            assert!(!host.is_loopback(), "{remote}");
        }
    }

    #[test]
    fn ipv4_must_be_a_plain_dotted_quad() {
        assert_eq!(
            Host::parse("192.168.0.10"),
            Ok(Host::Ipv4([192, 168, 0, 10]))
        );
        for bad in [
            "127.1",
            "256.0.0.1",
            "127.0.0.01",
            "1.2.3.4.5",
            "0x7f.0.0.1",
        ] {
            assert!(Host::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn refuses_what_a_browser_would_rewrite_or_reject() {
        let cases = [
            ("", "missing"),
            ("*.example.com", "wildcard"),
            ("bücher.example", "punycode"),
            ("example.com.", "trailing dot"),
            ("exa_mple.com", "only letters"),
            ("-a.example.com", "hyphen"),
            ("a..example.com", "empty label"),
            ("[fe80::1]", "IPv6"),
        ];
        for (input, expected) in cases {
            let error = Host::parse(input).expect_err(input);
            assert!(error.contains(expected), "{input}: {error}");
        }
    }

    #[test]
    fn label_and_name_lengths_are_bounded() {
        let long_label = "a".repeat(64);
        assert!(Host::parse(&format!("{long_label}.com")).is_err());
        assert!(Host::parse(&format!("{}.com", "a".repeat(63))).is_ok());
        let long_name = vec!["abcdefghi"; 26].join(".");
        assert!(long_name.len() > 253);
        assert!(Host::parse(&long_name).is_err());
    }

    #[test]
    fn serialises_as_browsers_do() {
        assert_eq!(
            Host::parse("127.0.0.1").map(|h| h.serialize()),
            Ok("127.0.0.1".into())
        );
        assert_eq!(
            Host::parse("[::1]").map(|h| h.serialize()),
            Ok("[::1]".into())
        );
    }
}
