//! The one HTTP operation the core needs, as a trait: the browser implements it with `fetch`,
//! native tests with an in-process sandbox tenant or canned answers.

/// An HTTP request the core wants sent. Its headers and body carry secrets (a bearer token, a
/// code and its verifier), so `Debug` shows only the method and the URL.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

impl HttpRequest {
    pub fn get(url: String) -> Self {
        HttpRequest {
            method: "GET",
            url,
            headers: Vec::new(),
            body: None,
        }
    }

    /// A form POST (`application/x-www-form-urlencoded`), as the token endpoint wants.
    pub fn post_form(url: String, body: String) -> Self {
        HttpRequest {
            method: "POST",
            url,
            headers: vec![("Content-Type", "application/x-www-form-urlencoded".into())],
            body: Some(body),
        }
    }

    pub fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The host part of the URL, for messages about a host that did not answer.
    pub fn host(&self) -> &str {
        let rest = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, rest)| rest);
        rest.split(['/', '?', '#']).next().unwrap_or(rest)
    }
}

impl core::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// An HTTP answer, whatever its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
    /// The `Retry-After` header, when present.
    pub retry_after: Option<String>,
}

/// The request got no HTTP answer at all (offline, DNS, refused by CORS or CSP).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreachable(pub String);

/// Sends requests. Not `Send`: the browser's implementation lives on one thread.
#[allow(async_fn_in_trait)]
pub trait HttpClient {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_is_the_authority_of_the_url() {
        let request = HttpRequest::get("http://login.localhost:8400/organizations/x?y#z".into());
        assert_eq!(request.host(), "login.localhost:8400");
        assert_eq!(
            HttpRequest::get("https://graph.microsoft.com".into()).host(),
            "graph.microsoft.com"
        );
    }

    #[test]
    fn debug_output_never_shows_headers_or_body() {
        let request =
            HttpRequest::post_form("https://x/token".into(), "code_verifier=secret".into())
                .header("Authorization", "Bearer eyJsecret".into());
        let shown = format!("{request:?}");
        assert!(shown.contains("https://x/token"), "{shown}");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn form_posts_say_so() {
        let request = HttpRequest::post_form("https://x/token".into(), "a=b".into());
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.headers,
            vec![(
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned()
            )]
        );
    }
}
