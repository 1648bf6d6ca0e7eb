//! Chrome DevTools Protocol methods through ChromeDriver, for the browser benchmarks
//! (https://chromedevtools.github.io/devtools-protocol/; ChromeDriver's `goog/cdp/execute`).

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

/// Runs `method` in the current page's target; its result.
pub async fn cdp(client: &Client, method: &'static str, params: Value) -> Value {
    match client.issue_cmd(Cdp(method, params)).await {
        Ok(answer) => answer,
        Err(error) => panic!("Chromium refused {method}: {error}"),
    }
}
