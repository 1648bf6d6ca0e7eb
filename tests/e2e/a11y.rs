//! What the screens look like to people who do not see them the way we do: axe-core
//! (https://github.com/dequelabs/axe-core, npm `axe-core` pinned in tests/axe/package.json,
//! installed by `ensure_axe` in scripts/tools.sh), an accessibility engine that is not ours, run
//! in the page the test is on; and screenshots of that page at a phone's width and a desktop's.
//!
//! Both act on the current browsing context: to check the registrar embedded in a dashboard,
//! enter its iframe first (`flows::enter_registrar_frame`); WebDriver scripts then run in the
//! frame's document.
//!
//! Screenshots are written only on demand, so a test run never changes tracked files:
//!
//! ```sh
//! SCREENSHOTS=1 cargo test --offline -p m365-registrar --test e2e -- --test-threads=1 walkthrough
//! ```
//!
//! writes `docs/screenshots/{step}-360.png` and `{step}-1280.png`.

use std::path::PathBuf;
use std::time::Duration;

use crate::devtools::try_cdp;
use base64::Engine as _;
use fantoccini::Client;
use serde_json::{Value, json};

/// The WCAG 2.0, 2.1 and 2.2 level A and AA rules
/// (https://github.com/dequelabs/axe-core/blob/develop/doc/API.md#axe-core-tags).
const WCAG_A_AA: [&str; 6] = [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
];

/// Impacts that fail [`assert_accessible`]: axe's two highest
/// (https://github.com/dequelabs/axe-core/blob/develop/doc/API.md#results-object).
const BLOCKING: [&str; 2] = ["serious", "critical"];

/// Widths of the screenshots: a small phone (https://www.w3.org/WAI/WCAG21/Understanding/reflow.html
/// asks for 320 CSS px without horizontal scrolling; 360 px is the most common phone width) and
/// a laptop.
const WIDTHS: [u32; 2] = [360, 1280];

/// One axe rule the page breaks, with every element that breaks it.
#[derive(Debug, Clone)]
pub struct Violation {
    /// The rule, e.g. `color-contrast` (https://dequeuniversity.com/rules/axe/).
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What the rule asks for, in a sentence.
    pub help: String,
    /// Deque's page about the rule.
    pub help_url: String,
    /// The elements that break it.
    pub nodes: Vec<Offender>,
}

/// An element that breaks a rule.
#[derive(Debug, Clone)]
pub struct Offender {
    /// CSS selector of the element (frames' selectors joined by ` >>> `).
    pub target: String,
    /// axe's explanation for this element, e.g. the contrast ratio it measured.
    pub summary: String,
}

impl Violation {
    /// The selectors of the elements that break the rule.
    pub fn targets(&self) -> Vec<&str> {
        self.nodes.iter().map(|n| n.target.as_str()).collect()
    }

    /// Whether it fails [`assert_accessible`].
    pub fn blocks(&self) -> bool {
        BLOCKING.contains(&self.impact.as_str())
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "[{}] {}: {} ({})",
            self.impact, self.id, self.help, self.help_url
        )?;
        for node in &self.nodes {
            let summary = node.summary.replace('\n', " ");
            writeln!(f, "    {}  —  {}", node.target, summary.trim())?;
        }
        Ok(())
    }
}

/// axe-core's browser build, as npm ships it.
fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "no axe-core at {} ({e}): run scripts/test, or `source scripts/tools.sh && ensure_axe`",
            path.display()
        )
    })
}

/// Runs axe-core's WCAG 2.x A and AA rules in the current document (the current frame's, when
/// a frame was entered) and returns what it finds, in axe's order.
pub async fn accessibility_violations(client: &Client) -> Vec<Violation> {
    // The source goes in as the body of the WebDriver script itself, not as a <script> element:
    // a page's Content-Security-Policy governs the elements it runs, while the script WebDriver
    // executes is the browser's own (https://w3c.github.io/webdriver/#execute-script), so this
    // works on a page whose policy says `script-src 'self'` (the sample dashboard's). The UMD
    // wrapper sets `window.axe`. Once per document: a navigation or a new frame starts without it.
    let present = client
        .execute("return typeof window.axe === 'object'", vec![])
        .await
        .expect("a script runs in the page");
    if present != json!(true) {
        let injected = client
            .execute(
                &format!("{}\nreturn typeof window.axe;", axe_source()),
                vec![],
            )
            .await
            .expect("axe-core loads in the page");
        assert_eq!(
            injected,
            json!("object"),
            "axe-core did not define window.axe"
        );
    }
    // `iframes: false`: a frame is checked by entering it (the registrar's iframe is on another
    // site, and axe would wait for an answer from a frame without axe in it).
    // https://github.com/dequelabs/axe-core/blob/develop/doc/API.md#options-parameter
    let results = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, {
                   runOnly: { type: 'tag', values: arguments[0] },
                   resultTypes: ['violations'],
                   iframes: false,
               }).then(
                   r => done({ violations: r.violations.map(v => ({
                       id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
                       nodes: v.nodes.map(n => ({
                           target: n.target.map(t => [].concat(t).join(' >>> ')).join(' >>> '),
                           summary: n.failureSummary || '',
                       })),
                   })) }),
                   e => done({ error: String(e && e.stack || e) }));"#,
            vec![json!(WCAG_A_AA)],
        )
        .await
        .expect("axe.run answers");
    if let Some(error) = results.get("error") {
        panic!("axe.run failed: {error}");
    }
    let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_owned();
    results["violations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| Violation {
            id: text(v, "id"),
            impact: text(v, "impact"),
            help: text(v, "help"),
            help_url: text(v, "helpUrl"),
            nodes: v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| Offender {
                    target: text(n, "target"),
                    summary: text(n, "summary"),
                })
                .collect(),
        })
        .collect()
}

/// Fails, naming each rule and element, if the current document has a `serious` or `critical`
/// WCAG 2.x A/AA violation; lesser ones are printed, not failed. Returns all violations.
pub async fn assert_accessible(client: &Client, step_name: &str) -> Vec<Violation> {
    let violations = accessibility_violations(client).await;
    let (blocking, minor): (Vec<&Violation>, Vec<&Violation>) =
        violations.iter().partition(|v| v.blocks());
    if !minor.is_empty() {
        let list: String = minor.iter().map(|v| v.to_string()).collect();
        eprintln!("{step_name}: accessibility issues below `serious`:\n{list}");
    }
    if !blocking.is_empty() {
        let list: String = blocking.iter().map(|v| v.to_string()).collect();
        panic!(
            "{step_name}: {} serious or critical accessibility violation(s) (axe-core, WCAG 2.x A/AA):\n{list}",
            blocking.len()
        );
    }
    violations
}

/// Whether this run writes screenshots (`SCREENSHOTS=1`).
pub fn screenshots_wanted() -> bool {
    std::env::var("SCREENSHOTS").is_ok_and(|v| v == "1")
}

/// With `SCREENSHOTS=1`: saves the whole page (the top-level page, also when a frame was
/// entered) at 360 and 1280 CSS px wide into `docs/screenshots/{step_name}-{width}.png`, then
/// gives the window back its size. Without it, does nothing.
pub async fn screenshot(client: &Client, step_name: &str) {
    if !screenshots_wanted() {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&dir).expect("docs/screenshots/ can be made");
    let (width, height) = client.get_window_size().await.expect("the window's size");
    for want in WIDTHS {
        let png = full_page_at(client, want).await;
        let path = dir.join(format!("{step_name}-{want}.png"));
        std::fs::write(&path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    client
        .set_window_size(width as u32, height as u32)
        .await
        .expect("the window gets its size back");
    settle(client).await;
}

/// A PNG of the whole page laid out `width` CSS px wide.
async fn full_page_at(client: &Client, width: u32) -> Vec<u8> {
    client
        .set_window_size(width, 900)
        .await
        .expect("the window can be resized");
    settle(client).await;
    // The layout viewport, not the window: they differ when the browser has a minimum width.
    let metrics = try_cdp(client, "Page.getLayoutMetrics", json!({})).await;
    if metrics.is_null() {
        return viewport_shot(client, width, 4000).await;
    }
    let viewport = metrics["cssLayoutViewport"]["clientWidth"]
        .as_u64()
        .unwrap_or(0);
    // Headless Chromium's window has no frame, so the two match; a scroll bar takes its width
    // off the client width, which is allowed.
    assert!(
        viewport <= u64::from(width) && viewport + 20 >= u64::from(width),
        "asked for a {width} px window, the page is laid out {viewport} px wide"
    );
    let content = &metrics["cssContentSize"];
    let height = content["height"].as_f64().unwrap_or(900.0).ceil();
    // Chrome DevTools Protocol through ChromeDriver
    // (https://chromedevtools.github.io/devtools-protocol/tot/Page/#method-captureScreenshot):
    // `captureBeyondViewport` with a clip of the content's size is the whole page, as
    // Puppeteer's `fullPage` does.
    let shot = try_cdp(
        client,
        "Page.captureScreenshot",
        json!({
            "format": "png",
            "captureBeyondViewport": true,
            "clip": { "x": 0, "y": 0, "width": f64::from(width), "height": height, "scale": 1 },
        }),
    )
    .await;
    match shot["data"].as_str() {
        Some(data) => base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("the screenshot is base64"),
        // A ChromeDriver that refuses the command: the viewport, made as tall as the page.
        None => viewport_shot(client, width, height as u64).await,
    }
}

/// The fallback: WebDriver's own screenshot of the viewport
/// (https://w3c.github.io/webdriver/#take-screenshot), the window `height` px tall (at most 4000).
async fn viewport_shot(client: &Client, width: u32, height: u64) -> Vec<u8> {
    let tall = u32::try_from(height).unwrap_or(4000).clamp(900, 4000);
    client
        .set_window_size(width, tall)
        .await
        .expect("the window can be resized");
    settle(client).await;
    client.screenshot().await.expect("a screenshot")
}

/// Lets the page lay itself out again after a resize: two animation frames, then a short pause
/// for a ResizeObserver's answer.
async fn settle(client: &Client) {
    let _ = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
            vec![],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
}

/// The check is not blind: on a screen given an image without a text alternative and faint
/// text, it names both, with the contrast it measured, and they block.
#[tokio::test]
async fn axe_finds_a_missing_text_alternative_and_faint_text() {
    use sandbox_tenant::sites::{AppConfig, Site};

    let session = crate::browser::Session::open(AppConfig::Sandbox, Site::App, "/").await;
    session.element("#sign-in-button").await;
    session
        .client
        .execute(
            "const main = document.querySelector('main'); \
             const img = document.createElement('img'); img.src = 'data:,'; img.id = 'no-alt'; \
             const p = document.createElement('p'); p.id = 'faint'; p.textContent = 'faint'; \
             p.style.color = '#dddddd'; p.style.background = '#ffffff'; \
             main.append(img, p);",
            vec![],
        )
        .await
        .expect("the test's elements are added");
    let violations = accessibility_violations(&session.client).await;
    let found = |id: &str| violations.iter().find(|v| v.id == id).cloned();
    let alt = found("image-alt").unwrap_or_else(|| panic!("no image-alt in {violations:?}"));
    assert_eq!(alt.targets(), vec!["#no-alt"]);
    assert!(alt.blocks(), "{alt}");
    let contrast =
        found("color-contrast").unwrap_or_else(|| panic!("no color-contrast in {violations:?}"));
    assert_eq!(contrast.targets(), vec!["#faint"]);
    assert!(contrast.nodes[0].summary.contains("1.35"), "{contrast}");
    assert!(contrast.blocks(), "{contrast}");
    session.finish().await;
}

/// Checks the current screen and, on demand, photographs it.
pub async fn step(session: &crate::browser::Session, name: &str) {
    assert_accessible(&session.client, name).await;
    screenshot(&session.client, name).await;
}
