//! Chrome DevTools Protocol methods through ChromeDriver's `goog/cdp/execute` endpoint
//! (https://chromedevtools.github.io/devtools-protocol/): the accessibility check's screenshots
//! and the browser benchmarks (examples/*_benchmark.rs include this file).

use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

#[derive(Debug)]
struct Cdp(&'static str, Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.0, "params": self.1 });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Runs `method` in the current page's target; its result, or `null` if ChromeDriver refused.
pub async fn try_cdp(client: &Client, method: &'static str, params: Value) -> Value {
    client
        .issue_cmd(Cdp(method, params))
        .await
        .unwrap_or(Value::Null)
}

/// Runs `method` in the current page's target; its result. Panics, saying so, if refused.
/// (The benchmarks use it; the end-to-end tests handle a refusal themselves.)
#[allow(dead_code)]
pub async fn cdp(client: &Client, method: &'static str, params: Value) -> Value {
    match client.issue_cmd(Cdp(method, params)).await {
        Ok(answer) => answer,
        Err(error) => panic!("Chromium refused {method}: {error}"),
    }
}
