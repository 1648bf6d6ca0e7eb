//! Base URLs of the sign-in service and of Microsoft Graph: an origin plus an optional path
//! prefix (a private cloud or a proxy may mount them under one), never a query, fragment or
//! user name. Normalised without a trailing slash so callers can append `/v1.0/...`.

use super::origin::parse_prefix;

/// Which service a base URL is for: each has its own mistakes worth catching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Service {
    SignIn,
    Graph,
}

/// Validates and normalises a base URL, e.g. `https://login.microsoftonline.com`.
pub(crate) fn parse_base_url(text: &str, service: Service) -> Result<String, String> {
    let (origin, rest) = parse_prefix(text)?;
    if rest.starts_with('?') || rest.contains('?') {
        return Err(format!(
            "remove the query (the part from ?): write {origin}"
        ));
    }
    if rest.contains('#') {
        return Err(format!(
            "remove the fragment (the part from #): write {origin}"
        ));
    }
    let path = rest.trim_end_matches('/');
    for segment in path.split('/').skip(1) {
        check_segment(segment)?;
    }
    let base = format!("{origin}{path}");
    check_service_specific(&base, path, service)?;
    Ok(base)
}

fn check_segment(segment: &str) -> Result<(), String> {
    if segment.is_empty() {
        return Err("the path has an empty segment (//): remove it".into());
    }
    if segment == "." || segment == ".." {
        return Err("the path has a . or .. segment: write the path it stands for".into());
    }
    if let Some(bad) = segment
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')))
    {
        return Err(format!(
            "the path contains {bad:?}: use only letters, digits and - . _ ~"
        ));
    }
    Ok(())
}

/// The app appends the API version and the tenant itself; a base that already carries them
/// would produce `/v1.0/v1.0/...` or `/organizations/common/...`.
fn check_service_specific(base: &str, path: &str, service: Service) -> Result<(), String> {
    let last = path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let without_last = base
        .strip_suffix(&path[path.len() - last.len()..])
        .unwrap_or(base);
    let without_last = without_last.trim_end_matches('/');
    match service {
        Service::Graph if last == "v1.0" || last == "beta" => Err(format!(
            "leave the API version out (the app adds it): write {without_last}"
        )),
        Service::SignIn if path.to_ascii_lowercase().contains("/oauth2") => Err(
            "write only the sign-in service's base, without /oauth2/...: the app builds the endpoints itself".into(),
        ),
        Service::SignIn
            if ["organizations", "common", "consumers"].contains(&last.as_str())
                || last.len() == 36 && last.bytes().filter(|b| *b == b'-').count() == 4 =>
        {
            Err(format!(
                "leave the tenant out of the base and put it in \"tenant\": write {without_last}"
            ))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_default_port_and_trailing_slash() {
        assert_eq!(
            parse_base_url("https://Login.MicrosoftOnline.com:443/", Service::SignIn),
            Ok("https://login.microsoftonline.com".into())
        );
        assert_eq!(
            parse_base_url("http://graph.localhost:8400", Service::Graph),
            Ok("http://graph.localhost:8400".into())
        );
    }

    #[test]
    fn keeps_a_path_prefix() {
        assert_eq!(
            parse_base_url("https://proxy.example.com/graph/", Service::Graph),
            Ok("https://proxy.example.com/graph".into())
        );
    }

    #[test]
    fn refuses_query_fragment_userinfo_and_odd_paths() {
        let cases = [
            ("https://graph.example.com?x=1", "query"),
            ("https://graph.example.com/a?x=1", "query"),
            ("https://graph.example.com/#x", "fragment"),
            ("https://me:pw@graph.example.com", "user name"),
            ("https://graph.example.com/a//b", "empty segment"),
            ("https://graph.example.com/a/../b", ".."),
            ("https://graph.example.com/a%20b", "only letters"),
        ];
        for (input, expected) in cases {
            let error = parse_base_url(input, Service::Graph).expect_err(input);
            assert!(error.contains(expected), "{input}: {error}");
        }
    }

    #[test]
    fn refuses_plain_http_outside_loopback() {
        let error = parse_base_url("http://graph.microsoft.com", Service::Graph).expect_err("http");
        assert!(error.contains("use https://graph.microsoft.com"), "{error}");
    }

    #[test]
    fn refuses_a_graph_base_with_the_api_version() {
        assert_eq!(
            parse_base_url("https://graph.microsoft.com/v1.0/", Service::Graph),
            Err(
                "leave the API version out (the app adds it): write https://graph.microsoft.com"
                    .into()
            )
        );
        assert!(parse_base_url("https://graph.microsoft.com/beta", Service::Graph).is_err());
    }

    #[test]
    fn refuses_a_sign_in_base_with_tenant_or_protocol_path() {
        assert_eq!(
            parse_base_url("https://login.microsoftonline.com/organizations", Service::SignIn),
            Err("leave the tenant out of the base and put it in \"tenant\": write https://login.microsoftonline.com".into())
        );
        let with_guid = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555";
        assert!(parse_base_url(with_guid, Service::SignIn).is_err());
        let with_oauth = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize";
        assert!(parse_base_url(with_oauth, Service::SignIn).is_err_and(|e| e.contains("/oauth2")));
    }
}
