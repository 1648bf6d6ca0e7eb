//! A headless Chromium session against the local sites, set up as production browsers are:
//! popup blocking and third-party storage partitioning stay ON (ChromeDriver turns popup blocking
//! off by default; we exclude that switch), and every console error fails the test.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::wd::WindowHandle;
use fantoccini::{Client, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use sandbox_tenant::sites::{self, AppConfig, Lookalike, Site, Sites, SitesOptions};
use sandbox_tenant::tenant::FaultPlan;
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// What every test's tenant does, as Microsoft's does: a new app or service principal is not
/// visible to the calls that depend on it for a while (here 2 s), so a client that does not
/// wait and retry fails every test.
pub const ALWAYS: &str = "replication=2s";
/// How long a person would wait for something to appear before calling the page broken.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The sites plus one browser; everything is torn down on drop.
pub struct Session {
    pub sites: Sites,
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

/// The built app; `scripts/test` runs `trunk build --release` before these tests.
pub fn dist_dir() -> PathBuf {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "no release build in {}: run scripts/test (or `trunk build --release`) first",
        dist.display()
    );
    dist
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Session {
    /// Starts the sites with this app configuration and a fresh browser profile.
    pub async fn start(app_config: AppConfig) -> Session {
        Session::start_with(Session::options(app_config)).await
    }

    /// The sandbox configuration's sites, the tenant injecting `faults` (sandbox/README.md)
    /// besides [`ALWAYS`].
    pub fn faults(faults: &str) -> SitesOptions {
        let faults = FaultPlan::parse(&format!("{ALWAYS};{faults}"))
            .unwrap_or_else(|e| panic!("bad fault plan in a test: {e}"));
        SitesOptions {
            faults,
            ..Session::options(AppConfig::Sandbox)
        }
    }

    /// The sites for a test: a free port, the release build, the sample dashboard, and a
    /// tenant that replicates as slowly as a real one ([`ALWAYS`]).
    pub fn options(app_config: AppConfig) -> SitesOptions {
        SitesOptions {
            faults: FaultPlan::parse(ALWAYS).expect("the tests' own fault plan parses"),
            port: 0,
            app_dir: dist_dir(),
            dashboard_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/dashboard"),
            app_config,
            ..SitesOptions::default()
        }
    }

    /// Starts these sites and a browser with a fresh profile.
    pub async fn start_with(options: SitesOptions) -> Session {
        Session::start_in(options, "en-US").await
    }

    /// Starts these sites and a browser whose admin prefers `languages` (`navigator.languages`,
    /// as an `Accept-Language` list: "de-DE,de").
    pub async fn start_in(options: SitesOptions, languages: &str) -> Session {
        let sites = sites::serve(options)
            .await
            .expect("the sandbox sites start");

        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so Drop can end chromedriver and every Chromium it started.
            .process_group(0)
            .spawn()
            .expect("chromedriver starts (scripts/test installs it)");
        let profile =
            std::env::temp_dir().join(format!("registrar-e2e-{}-{port}", std::process::id()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1200,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
                // As in production: popups need a user gesture.
                "excludeSwitches": ["disable-popup-blocking"],
                "prefs": { "intl.accept_languages": languages },
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!("a JSON object literal"),
        };
        let webdriver = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match Client::with_capabilities_and_connector(
                &webdriver,
                &capabilities,
                HttpConnector::new(),
            )
            .await
            {
                Ok(client) => break client,
                Err(error) if started.elapsed() < PATIENCE => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => panic!("no WebDriver session with Chromium: {error}"),
            }
        };
        Session {
            sites,
            client,
            driver,
            profile,
        }
    }

    /// Starts the sandbox configuration's sites with all three of the dashboard's look-alikes
    /// (the other port listens too), and a browser on no page yet.
    pub async fn with_lookalikes() -> Session {
        Session::start_with(SitesOptions {
            second_port: true,
            ..Session::options(AppConfig::Sandbox)
        })
        .await
    }

    /// The dashboard's look-alike origins: suffix, prefix, other port (see
    /// [`Session::with_lookalikes`]).
    pub fn lookalike_origins(&self) -> Vec<String> {
        [Lookalike::Suffix, Lookalike::Prefix, Lookalike::OtherPort]
            .into_iter()
            .map(|l| {
                self.sites
                    .lookalike_origin(l)
                    .unwrap_or_else(|| panic!("{l:?}: start with Session::with_lookalikes"))
            })
            .collect()
    }

    /// Starts the sites and a browser, and opens `path` of `site` in it.
    pub async fn open(app_config: AppConfig, site: Site, path: &str) -> Session {
        let session = Session::start(app_config).await;
        let url = session.url(site, path);
        session
            .client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("{url} does not load: {e}"));
        session
    }

    /// Starts these sites and a browser, and opens the app's first screen in it.
    pub async fn open_app(options: SitesOptions) -> Session {
        let session = Session::start_with(options).await;
        let url = session.url(Site::App, "/");
        session
            .client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("{url} does not load: {e}"));
        session
    }

    /// Loads `url` in the current window; fails with the address if it does not load.
    pub async fn visit(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("{url} does not load: {e}"));
    }

    /// Whether an element matching `css` is on the page right now (no waiting).
    pub async fn shows(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Makes `window` the one the next commands act on.
    pub async fn switch_to(&self, window: &WindowHandle) {
        self.client
            .switch_to_window(window.clone())
            .await
            .unwrap_or_else(|e| panic!("no window {window:?}: {e}"));
    }

    /// Opens a new tab at `path` of `site`, switches to it and returns it.
    pub async fn open_tab(&self, site: Site, path: &str) -> WindowHandle {
        let tab = self
            .client
            .new_window(true)
            .await
            .expect("a new tab")
            .handle;
        self.switch_to(&tab).await;
        let url = self.url(site, path);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("{url} does not load: {e}"));
        tab
    }

    /// Closes the current window, as the admin would.
    pub async fn close_window(&self) {
        self.client.close_window().await.expect("the window closes");
    }

    pub fn url(&self, site: Site, path: &str) -> String {
        format!("{}{path}", self.sites.origin(site))
    }

    /// Waits until an element matching `css` is shown; fails with the page's text if it never is.
    pub async fn element(&self, css: &str) -> Element {
        let found = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(e) => panic!(
                "{css} never appeared: {e}\npage: {}",
                self.page_text().await
            ),
        }
    }

    /// Waits until an element matching `css` is shown and returns its text. A screen the app
    /// replaced between finding and reading (the next step arrived) is looked up again.
    pub async fn text_of(&self, css: &str) -> String {
        for _ in 0..20 {
            match self.element(css).await.text().await {
                Ok(text) => return text,
                Err(e) if is_stale(&e) => continue,
                Err(e) => panic!("text of {css}: {e}"),
            }
        }
        panic!("{css} kept being replaced while read")
    }

    /// Waits for an element and clicks it, as a person would.
    pub async fn click(&self, css: &str) {
        for _ in 0..20 {
            match self.element(css).await.click().await {
                Ok(()) => return,
                Err(e) if is_stale(&e) => continue,
                Err(e) => panic!("cannot click {css}: {e}"),
            }
        }
        panic!("{css} kept being replaced while clicked")
    }

    /// Waits until a window other than the `known` ones exists and returns it.
    pub async fn wait_for_new_window(&self, known: &[&WindowHandle]) -> WindowHandle {
        let started = Instant::now();
        loop {
            let windows = self.client.windows().await.expect("window list");
            if let Some(new) = windows.into_iter().find(|w| !known.contains(&w)) {
                return new;
            }
            assert!(started.elapsed() < PATIENCE, "no new window opened");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the current window has closed itself (only one window is left).
    pub async fn wait_until_window_closes(&self) {
        self.wait_until_windows(1).await;
    }

    /// Waits until exactly `count` windows are open.
    pub async fn wait_until_windows(&self, count: usize) {
        let started = Instant::now();
        loop {
            let open = self.client.windows().await.map(|w| w.len()).unwrap_or(0);
            if open == count {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{open} windows open, expected {count}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Fails if any sign-in secret was written to browser storage or cookies of this page.
    pub async fn assert_no_stored_state(&self) {
        let stored = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   // A secure context has both: a missing one would read as "empty".
                   if (!isSecureContext || !indexedDB.databases || !self.caches) {
                     done({ error: "not a secure context with IndexedDB and Cache Storage" });
                     return;
                   }
                   const dbs = await indexedDB.databases();
                   done({ local: localStorage.length, session: sessionStorage.length,
                          cookies: document.cookie, databases: dbs.length });"#,
                vec![],
            )
            .await
            .expect("storage readout");
        assert!(stored.get("error").is_none(), "{stored}");
        assert_eq!(stored["local"], 0, "localStorage must stay empty: {stored}");
        assert_eq!(
            stored["session"], 0,
            "sessionStorage must stay empty: {stored}"
        );
        assert_eq!(stored["cookies"], "", "no cookies: {stored}");
        assert_eq!(stored["databases"], 0, "no IndexedDB: {stored}");
    }

    /// As [`Session::assert_no_stored_state`], in the app origin's first-party storage that
    /// every tab of the origin shares (localStorage, IndexedDB, Cache Storage, cookies): what
    /// the sign-in, relay and redirect windows could have left. Read from a new tab, closed
    /// again; the session then switches to `return_to`. Not sessionStorage: each tab has its
    /// own, so a new tab's is empty whatever the others keep; the attack suite reads it in the
    /// windows themselves while they wait (`attacks::storage`).
    pub async fn assert_no_first_party_state(&self, return_to: &WindowHandle) {
        // The redirect page with nothing to hand over does nothing: a neutral page of our origin.
        self.open_tab(Site::App, "/redirect.html").await;
        let found = self.storage_readout().await;
        assert!(found.get("error").is_none(), "first-party: {found}");
        for store in ["local", "databases", "caches"] {
            assert_eq!(found[store], json!([]), "first-party {store}: {found}");
        }
        assert_eq!(found["cookies"], "", "first-party cookies: {found}");
        self.client.close_window().await.expect("closes the tab");
        self.client
            .switch_to_window(return_to.clone())
            .await
            .expect("back");
    }

    /// Everything the current page (window or frame) keeps where script could find it later:
    /// localStorage and sessionStorage entries, cookies, IndexedDB databases, Cache Storage
    /// caches, its address and its history entry's state. Read in place, never from another tab:
    /// sessionStorage belongs to one tab.
    pub async fn storage_readout(&self) -> Value {
        self.client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   const entries = (s) => Object.keys(s).map((k) => [k, s.getItem(k)]);
                   // A secure context has both: a missing one would read as "empty".
                   const missing = !isSecureContext || !indexedDB.databases || !self.caches;
                   (async () => missing ? { error: "not a secure context with IndexedDB and Cache Storage" } : ({
                     local: entries(localStorage),
                     session: entries(sessionStorage),
                     cookies: document.cookie,
                     databases: (await indexedDB.databases()).map((d) => d.name),
                     caches: await caches.keys(),
                     url: location.href,
                     historyState: JSON.stringify(history.state),
                   }))().then(done, (e) => done({ error: String(e) }));"#,
                vec![],
            )
            .await
            .expect("storage readout")
    }

    /// Fails if the current page keeps anything in any storage, in its address or its history
    /// state, or if any of `secrets` (or a JWT, a verifier, a private key) shows up there. `when`
    /// names the moment, for the failure message.
    pub async fn assert_nothing_kept(&self, when: &str, secrets: &[&str]) {
        let found = self.storage_readout().await;
        assert!(found.get("error").is_none(), "{when}: {found}");
        for store in ["local", "session", "databases", "caches"] {
            assert_eq!(
                found[store],
                json!([]),
                "{when}: {store} must stay empty: {found}"
            );
        }
        assert_eq!(found["cookies"], "", "{when}: no cookies: {found}");
        assert_eq!(found["historyState"], "null", "{when}: {found}");
        let url = found["url"].as_str().unwrap_or_default();
        assert!(
            !url.contains("code=") && !url.contains("state=") && !url.contains("authorize="),
            "{when}: the address holds sign-in parameters: {url}"
        );
        assert_free_of_secrets(when, &found.to_string(), secrets);
    }

    /// The addresses of this tab's history, newest first: goes back until it cannot (this ends
    /// the page; call it last).
    pub async fn history_urls(&self) -> Vec<String> {
        let mut urls = vec![];
        for _ in 0..12 {
            let url = self.client.current_url().await.expect("url").to_string();
            if urls.last() == Some(&url) {
                break;
            }
            urls.push(url);
            if self.client.back().await.is_err() {
                break;
            }
        }
        urls
    }

    /// The visible text of the page, for failure messages.
    pub async fn page_text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(e) => format!("(no body: {e})"),
        }
    }

    /// Browser console entries since the last call: (level, message).
    pub async fn console(&self) -> Vec<(String, String)> {
        let entries = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("the browser log");
        entries
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                let text = |key: &str| e[key].as_str().unwrap_or_default().to_owned();
                (text("level"), text("message"))
            })
            .collect()
    }

    /// Fails if the app wrote any error to the console (a crashed module, a panic, a CSP
    /// refusal), or anything at any level that looks like a sign-in secret: a JWT, a code, a
    /// verifier. Entries about other sites' resources (the sign-in pages' favicon) are not the app's.
    pub async fn assert_no_console_errors(&self) {
        let app = self.sites.origin(Site::App);
        let foreign = |message: &str| {
            message.starts_with("http")
                && !message.starts_with(&app)
                && message.contains("Failed to load resource")
        };
        let entries = self.console().await;
        let secrets: Vec<&String> = entries
            .iter()
            .map(|(_, message)| message)
            .filter(|m| {
                ["eyJ", "code=", "code_verifier", "access_token", "id_token"]
                    .iter()
                    .any(|s| m.contains(s))
            })
            .collect();
        assert!(
            secrets.is_empty(),
            "the console shows sign-in secrets:\n{secrets:?}"
        );
        let errors: Vec<&String> = entries
            .iter()
            .filter(|(level, message)| level == "SEVERE" && !foreign(message))
            .map(|(_, message)| message)
            .collect();
        assert!(
            errors.is_empty(),
            "the browser console has errors:\n{errors:?}"
        );
    }

    /// Ends the WebDriver session politely; Drop cleans up the rest.
    pub async fn finish(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
        self.sites.abort();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// ChromeDriver's log endpoint (outside the W3C standard, still served).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// The element was replaced by the page after it was found.
fn is_stale(error: &fantoccini::error::CmdError) -> bool {
    error.is_stale_element_reference()
}

/// What gives a sign-in secret away: a JWT, a PKCE verifier, a refresh token, a private key, a
/// client secret's field. Fails if `text` holds one, or any of `secrets`.
pub fn assert_free_of_secrets(when: &str, text: &str, secrets: &[&str]) {
    let shapes = [
        "eyJ",
        "code_verifier",
        "verifier",
        "refresh_token",
        "access_token",
        "id_token",
        "PRIVATE KEY",
        "clientSecret",
    ];
    for needle in shapes.iter().chain(secrets).filter(|s| !s.is_empty()) {
        assert!(
            !text.contains(needle),
            "{when}: {needle:?} was found in {text}"
        );
    }
}
