//! Graph collections come in pages: `value` and, while there is more, `@odata.nextLink`, an
//! absolute URL to fetch with the same token (<https://learn.microsoft.com/graph/paging>).
//!
//! The token goes to the configured Graph host only: a next link is followed only when it is
//! `{graph base}/v1.0/…` exactly (same scheme, same host and port), and becomes a relative
//! [`GraphCall`], so that it is sent like any other call (alone or in a `$batch`). A link to any
//! other place is refused before anything is sent.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::call::{GraphCall, GraphReply};
use super::error::GraphError;
use super::retry::RetryPolicy;
use super::send::{GraphTarget, RetryRun, Wait, accepted, send_with_retry};
use crate::http::{HttpClient, Timer};

/// One page of a Graph collection.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// The absolute URL of the next page, if any. Opaque: turn it into a call with [`next_call`].
    #[serde(default, rename = "@odata.nextLink")]
    pub next_link: Option<String>,
}

impl<T: DeserializeOwned> Page<T> {
    /// Reads a successful reply as a page.
    pub fn from_reply(reply: &GraphReply) -> Result<Self, GraphError> {
        serde_json::from_value(reply.body.clone()).map_err(|_| {
            GraphError::unexpected(
                Some(reply.status),
                "a list from Microsoft Graph was not in the expected form",
            )
        })
    }
}

/// The call that fetches the page `link` names, or an error if `link` is not on `base` (the
/// Graph base URL without version, as in [`GraphTarget::base`]) under `/v1.0/`.
pub fn next_call(base: &str, link: &str) -> Result<GraphCall, GraphError> {
    let prefix = format!("{base}/v1.0/");
    // Control characters and spaces are dropped or rewritten by URL parsers, and `\` is read as
    // `/` by browsers: a link with any of them is not taken at face value, so not at all.
    let odd = link
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    // Scheme and host are case-insensitive; the whole prefix up to `/v1.0/` must match, so a
    // look-alike host (`graph.microsoft.com.evil.example`), a user-info trick
    // (`graph.microsoft.com@evil.example`), another port or `http` for `https` all fail.
    let on_graph = link
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(&prefix));
    if odd || !on_graph || base.is_empty() {
        return Err(GraphError::unexpected(
            None,
            "a next-page link pointed away from Microsoft Graph; it was not followed",
        ));
    }
    Ok(GraphCall::get(&link[prefix.len() - 1..]))
}

/// Every item of a list, and whether the list was read to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<T> {
    pub items: Vec<T>,
    /// False when `max_pages` were read and Graph still had more.
    pub complete: bool,
}

/// Reads the list `first` asks for, page after page, each with retries (see
/// [`send_with_retry`]), at most `max_pages` pages.
#[allow(clippy::too_many_arguments)]
pub async fn read_all_pages<T: DeserializeOwned>(
    http: &impl HttpClient,
    timer: &impl Timer,
    target: GraphTarget<'_>,
    first: GraphCall,
    policy: &RetryPolicy,
    run: &mut RetryRun,
    on_wait: &mut impl FnMut(Wait),
    max_pages: usize,
) -> Result<Listing<T>, GraphError> {
    if max_pages == 0 {
        return Ok(Listing {
            items: Vec::new(),
            complete: false,
        });
    }
    let page = read_page(http, timer, target, first, policy, run, on_wait).await?;
    read_remaining_pages(http, timer, target, page, policy, run, on_wait, max_pages).await
}

/// Reads the pages after `first` (already fetched, for example as part of a `$batch`), so that
/// the list holds at most `max_pages` pages in all, `first` included.
#[allow(clippy::too_many_arguments)]
pub async fn read_remaining_pages<T: DeserializeOwned>(
    http: &impl HttpClient,
    timer: &impl Timer,
    target: GraphTarget<'_>,
    first: Page<T>,
    policy: &RetryPolicy,
    run: &mut RetryRun,
    on_wait: &mut impl FnMut(Wait),
    max_pages: usize,
) -> Result<Listing<T>, GraphError> {
    let mut items = first.value;
    let mut next = first.next_link;
    let mut pages = 1;
    while let Some(link) = next.take() {
        if pages >= max_pages {
            return Ok(Listing {
                items,
                complete: false,
            });
        }
        let call = next_call(target.base, &link)?;
        let page: Page<T> = read_page(http, timer, target, call, policy, run, on_wait).await?;
        items.extend(page.value);
        next = page.next_link;
        pages += 1;
    }
    Ok(Listing {
        items,
        complete: true,
    })
}

async fn read_page<T: DeserializeOwned>(
    http: &impl HttpClient,
    timer: &impl Timer,
    target: GraphTarget<'_>,
    call: GraphCall,
    policy: &RetryPolicy,
    run: &mut RetryRun,
    on_wait: &mut impl FnMut(Wait),
) -> Result<Page<T>, GraphError> {
    let result = send_with_retry(http, timer, target, &[call], policy, run, on_wait)
        .await
        .pop()
        .ok_or_else(|| GraphError::unexpected(None, "no answer was recorded for a page"))?;
    Page::from_reply(&accepted(result, target)?)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::graph::error::GraphErrorKind;
    use crate::graph::testing::{Canned, Counting, block_on};
    use crate::http::HttpResponse;

    const BASE: &str = "https://graph.microsoft.com";

    #[test]
    fn a_next_link_on_graph_becomes_a_relative_call() {
        let call = next_call(
            BASE,
            "https://graph.microsoft.com/v1.0/me/transitiveMemberOf?$skiptoken=RFNwdAIAAQAAAA",
        )
        .expect("on Graph");
        assert_eq!(call.method, "GET");
        assert_eq!(
            call.path,
            "/me/transitiveMemberOf?$skiptoken=RFNwdAIAAQAAAA"
        );
        // Host names are case-insensitive.
        assert!(next_call(BASE, "https://Graph.Microsoft.com/v1.0/users?$skiptoken=x").is_ok());
        // A sandbox or private cloud with a port or a path prefix.
        let call = next_call(
            "http://graph.localhost:8400",
            "http://graph.localhost:8400/v1.0/applications?$skiptoken=2",
        )
        .expect("on the sandbox");
        assert_eq!(call.path, "/applications?$skiptoken=2");
    }

    #[test]
    fn a_next_link_anywhere_else_is_refused() {
        for link in [
            "https://evil.example/v1.0/me/memberOf?$skiptoken=x",
            "http://graph.microsoft.com/v1.0/me/memberOf",
            "https://graph.microsoft.com.evil.example/v1.0/me/memberOf",
            "https://graph.microsoft.com@evil.example/v1.0/me/memberOf",
            "https://graph.microsoft.com:8443/v1.0/me/memberOf",
            "https://graph.microsoft.com/beta/me/memberOf",
            "https://graph.microsoft.com/v1.0",
            "https://graph.microsoft.com\\@evil.example/v1.0/x",
            "https://graph.microsoft.com/v1.0/\\\\evil.example/x",
            "https://graph.microsoft.com/v1.0/x\n",
            "//graph.microsoft.com/v1.0/me/memberOf",
            "/v1.0/me/memberOf",
            "",
        ] {
            let refused = next_call(BASE, link).expect_err(link);
            assert_eq!(refused.kind, GraphErrorKind::UnexpectedAnswer, "{link}");
            assert!(refused.to_string().contains("pointed away"), "{link}");
        }
        assert!(next_call("", "/v1.0/x").is_err());
    }

    fn page(values: &[&str], next: Option<&str>) -> HttpResponse {
        let mut body =
            json!({ "value": values.iter().map(|v| json!({ "id": v })).collect::<Vec<_>>() });
        if let Some(next) = next {
            body["@odata.nextLink"] = Value::String(next.into());
        }
        HttpResponse::new(200, body.to_string())
    }

    fn read(
        http: &Canned,
        max_pages: usize,
    ) -> (Result<Listing<Value>, GraphError>, Vec<Wait>, u64) {
        let timer = Counting::default();
        let mut waits = Vec::new();
        let mut run = RetryRun::new(1);
        let target = GraphTarget {
            base: BASE,
            authorization: "Bearer secret-token",
        };
        let result = block_on(read_all_pages(
            http,
            &timer,
            target,
            GraphCall::get("/applications?$select=id"),
            &RetryPolicy::default(),
            &mut run,
            &mut |wait| waits.push(wait),
            max_pages,
        ));
        let waited = timer.waited();
        (result, waits, waited)
    }

    #[test]
    fn every_page_is_read_with_retries_and_the_token_stays_on_graph() {
        let http = Canned::new(vec![
            page(
                &["a", "b"],
                Some("https://graph.microsoft.com/v1.0/applications?$skiptoken=2"),
            ),
            HttpResponse::new(429, "").with_header("Retry-After", "3"),
            page(&["c"], None),
        ]);
        let (result, waits, waited) = read(&http, 10);
        let listing = result.expect("all pages");
        assert!(listing.complete);
        let ids: Vec<&str> = listing
            .items
            .iter()
            .filter_map(|v| v["id"].as_str())
            .collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(waited, 3_000, "Retry-After honoured");
        assert_eq!(waits.len(), 1);
        let sent = http.sent.borrow();
        assert_eq!(sent.len(), 3);
        assert_eq!(
            sent[2].url,
            "https://graph.microsoft.com/v1.0/applications?$skiptoken=2"
        );
    }

    #[test]
    fn a_next_link_to_another_host_is_never_sent_the_token() {
        for link in [
            "https://graph.microsoft.com.evil.example/v1.0/applications?$skiptoken=2",
            "https://graph.microsoft.com@evil.example/v1.0/applications",
            "http://graph.microsoft.com/v1.0/applications",
        ] {
            let http = Canned::new(vec![page(&["a"], Some(link)), page(&["stolen"], None)]);
            let (result, _, _) = read(&http, 10);
            let error = result.expect_err(link);
            assert_eq!(error.kind, GraphErrorKind::UnexpectedAnswer);
            let sent = http.sent.borrow();
            assert_eq!(sent.len(), 1, "only the first page was asked for: {link}");
            assert!(
                sent.iter()
                    .all(|r| r.url.starts_with("https://graph.microsoft.com/v1.0/"))
            );
        }
    }

    #[test]
    fn at_most_max_pages_are_read() {
        let http = Canned::new(vec![
            page(
                &["a"],
                Some("https://graph.microsoft.com/v1.0/applications?$skiptoken=2"),
            ),
            page(
                &["b"],
                Some("https://graph.microsoft.com/v1.0/applications?$skiptoken=3"),
            ),
            page(&["c"], None),
        ]);
        let (result, _, _) = read(&http, 2);
        let listing = result.expect("two pages");
        assert_eq!(listing.items.len(), 2);
        assert!(!listing.complete);
        assert_eq!(http.sent.borrow().len(), 2);
    }

    #[test]
    fn a_refused_page_is_a_graph_error() {
        let http = Canned::new(vec![HttpResponse::new(
            403,
            r#"{"error":{"code":"Authorization_RequestDenied","message":"no"}}"#,
        )]);
        let (result, waits, _) = read(&http, 10);
        assert_eq!(
            result.expect_err("refused").kind,
            GraphErrorKind::MissingPermission
        );
        assert!(waits.is_empty(), "a 403 is not retried");
        let http = Canned::new(vec![HttpResponse::new(200, "<html/>")]);
        assert_eq!(
            read(&http, 10).0.expect_err("not JSON").kind,
            GraphErrorKind::UnexpectedAnswer
        );
    }
}
