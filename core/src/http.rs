//! The HTTP operations the core needs, as traits: the browser implements them with `fetch` and
//! `setTimeout`, native tests with an in-process sandbox tenant (or canned answers) and tokio.

/// An HTTP request the core wants sent. Its headers and body carry secrets (a bearer token, a
/// code and its verifier, a new client secret), so `Debug` shows only the method and the URL.
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

    /// A request with a JSON body. Graph refuses a write without `Content-Type:
    /// application/json` ("Unable to read JSON request payload"), so it is always sent.
    pub fn json(method: &'static str, url: String, body: String) -> Self {
        HttpRequest {
            method,
            url,
            headers: vec![("Content-Type", "application/json".into())],
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

/// The response headers the core reads: `Retry-After` for throttling, `Location` for a created
/// object, `request-id` and `client-request-id` for support messages. Others are not kept.
pub const KEPT_HEADERS: [&str; 4] = ["retry-after", "location", "request-id", "client-request-id"];

/// An HTTP answer, whatever its status. Its body may hold a secret (a token, a new client
/// secret), so `Debug` shows the status and headers only.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// Kept headers ([`KEPT_HEADERS`]), names in lowercase.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    /// An answer with no headers.
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header (its name is stored lowercase), if it is one the core reads.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        let name = name.to_ascii_lowercase();
        if KEPT_HEADERS.contains(&name.as_str()) {
            self.headers.push((name, value.into()));
        }
        self
    }

    /// A header's value; `name` is matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `Retry-After` header, when present.
    pub fn retry_after(&self) -> Option<&str> {
        self.header("retry-after")
    }
}

impl core::fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

/// The request got no HTTP answer at all (offline, DNS, refused by CORS or CSP, timed out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreachable(pub String);

/// Sends requests. Not `Send`: the browser's implementation lives on one thread.
#[allow(async_fn_in_trait)]
pub trait HttpClient {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable>;
}

/// Time, for waits between retries: the browser uses `setTimeout` and `Date.now()`, native
/// tests tokio or a clock that only counts.
#[allow(async_fn_in_trait)]
pub trait Timer {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> u64;
    /// Resolves after `millis` milliseconds.
    async fn sleep(&self, millis: u64);
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
        let response = HttpResponse::new(200, r#"{"secretText":"hunter2"}"#);
        assert!(!format!("{response:?}").contains("hunter2"));
    }

    #[test]
    fn form_posts_and_json_say_so() {
        let request = HttpRequest::post_form("https://x/token".into(), "a=b".into());
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.headers,
            vec![(
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned()
            )]
        );
        let request = HttpRequest::json("PATCH", "https://x/y".into(), "{}".into());
        assert_eq!(
            request.headers,
            vec![("Content-Type", "application/json".to_owned())]
        );
    }

    #[test]
    fn headers_are_found_whatever_their_case_and_others_are_dropped() {
        let response = HttpResponse::new(429, "")
            .with_header("Retry-After", "7")
            .with_header("Set-Cookie", "x=y");
        assert_eq!(response.retry_after(), Some("7"));
        assert_eq!(response.header("RETRY-AFTER"), Some("7"));
        assert_eq!(response.header("set-cookie"), None);
    }
}
