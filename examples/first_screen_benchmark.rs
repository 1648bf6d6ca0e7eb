//! Time to the first usable screen, in headless Chromium from navigation, of the release build
//! beside Leptos's counter built with the same toolchain (bench/counter), both served by one
//! plain static server: the median of repeated cold loads (the browser's cache cleared) and warm
//! loads, on the machine's loopback and under Chromium DevTools' "Slow 4G" profile.
//!
//! `scripts/bench` builds both and runs it:
//! `cargo run --offline --example first_screen_benchmark -- dist target/bench-counter`
//!
//! "Usable" is the moment the control a person acts on exists in the page: the welcome's
//! "Sign in" button (its handlers are attached as it is made), the counter's first button. A
//! script the browser runs before any of the page's own (CDP
//! `Page.addScriptToEvaluateOnNewDocument`) watches the document and notes `performance.now()`,
//! which counts from the navigation's start.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../bench/summary.rs"]
mod summary;

#[allow(dead_code)]
#[path = "../tests/e2e/browser.rs"]
mod browser;
#[allow(dead_code)]
#[path = "../tests/e2e/devtools.rs"]
mod devtools;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use browser::{Session, free_port};
use devtools::cdp;
use fantoccini::Client;
use registrar_core::hosting;
use sandbox_tenant::sites::{AppConfig, sandbox_app_config};
use serde_json::json;

const RUNS: usize = 7;

/// Chromium DevTools' "Slow 4G" preset: 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up
/// (`SDK.NetworkManager.Slow4GConditions`, https://github.com/ChromeDevTools/devtools-frontend
/// front_end/core/sdk/NetworkManager.ts; throughputs in bytes per second).
const SLOW_4G: (f64, f64, f64) = (562.5, 1_600_000.0 / 8.0 * 0.9, 750_000.0 / 8.0 * 0.9);

/// A static server for one folder on a free loopback port, the same for both pages: Python's
/// `http.server` (it sends `.wasm` as `application/wasm`) with the `Cache-Control` of README
/// "Hosting it yourself" for each file (`registrar_core::hosting::caching`, given as JSON),
/// sending a file's pre-compressed copy the browser accepts, brotli first, as the sandbox, Caddy
/// and the CDNs do (nginx's `gzip_static` sends the `.gz`; the size table has both).
const SERVER: &str = r#"
import http.server, json, os, sys
caching = json.loads(sys.argv[2])
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix):
                with open(path + suffix, "rb") as f:
                    body = f.read()
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        return super().do_GET()
    def end_headers(self):
        name = self.path.split("?")[0].rsplit("/", 1)[-1]
        self.send_header("Cache-Control", caching.get(name, "no-store"))
        super().end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"#;

struct StaticServer {
    child: Child,
    origin: String,
}

impl StaticServer {
    fn serve(folder: &Path) -> StaticServer {
        let port = free_port();
        let child = Command::new("python3")
            .args(["-c", SERVER, &port.to_string(), &caching_of(folder)])
            .current_dir(folder)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 serves the folder (it is on every machine scripts/bench runs on)");
        let origin = format!("http://app.localhost:{port}");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        StaticServer { child, origin }
    }
}

/// Each file of `folder` (and the folder itself, "") with its `Cache-Control`, as JSON.
fn caching_of(folder: &Path) -> String {
    let mut names = vec![String::new()];
    for entry in std::fs::read_dir(folder)
        .expect("the build's folder")
        .flatten()
    {
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    let caching: serde_json::Map<String, serde_json::Value> = names
        .into_iter()
        .map(|name| {
            let value = hosting::caching(&name).cache_control();
            (name, value.into())
        })
        .collect();
    serde_json::Value::Object(caching).to_string()
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Notes when `selector` first exists: runs in every new document before the page's scripts.
fn probe(selector: &str) -> String {
    format!(
        "(() => {{ const seen = () => {{ if (window.__usable === undefined && document.querySelector({selector:?})) \
         {{ window.__usable = performance.now(); return true; }} return false; }}; \
         new MutationObserver((_, observer) => {{ if (seen()) observer.disconnect(); }}) \
         .observe(document, {{ childList: true, subtree: true }}); }})()"
    )
}

/// Milliseconds from navigation to the usable control, for one load of `url`.
async fn load(client: &Client, url: &str) -> f64 {
    client.goto(url).await.expect("the page loads");
    let started = Instant::now();
    loop {
        let seen = client
            .execute(
                "return window.__usable === undefined ? null : window.__usable;",
                vec![],
            )
            .await
            .expect("the page answers");
        if let Some(ms) = seen.as_f64() {
            return ms;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{url} never showed its first usable control"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// What the page just loaded asked for, in order: each file's start and end (ms from the
/// navigation), and the bytes that came over the network (0 from the cache).
async fn waterfall(client: &Client) -> Vec<String> {
    let entries = client
        .execute(
            "return performance.getEntriesByType('resource').map((e) => \
             [e.name.split('/').pop() || '/', e.startTime, e.responseEnd, e.transferSize]);",
            vec![],
        )
        .await
        .expect("the page answers");
    let entries = entries.as_array().cloned().unwrap_or_default();
    entries
        .iter()
        .map(|entry| {
            let field = |i: usize| entry[i].as_f64().unwrap_or(0.0);
            format!(
                "{} {:.0}–{:.0} ms, {:.1} KB",
                entry[0].as_str().unwrap_or("?"),
                field(1),
                field(2),
                field(3) / 1000.0
            )
        })
        .collect()
}

/// The medians (cold, warm) of [`RUNS`] loads of `url`, throttled or not, and the waterfall of
/// the last cold load.
async fn measure(
    client: &Client,
    url: &str,
    selector: &str,
    slow: bool,
) -> (f64, f64, Vec<String>) {
    cdp(client, "Network.enable", json!({})).await;
    let (latency, down, up) = if slow { SLOW_4G } else { (0.0, -1.0, -1.0) };
    let conditions = json!({ "offline": false, "latency": latency,
        "downloadThroughput": down, "uploadThroughput": up });
    cdp(client, "Network.emulateNetworkConditions", conditions).await;
    let script = json!({ "source": probe(selector) });
    let probing = cdp(client, "Page.addScriptToEvaluateOnNewDocument", script).await;
    let mut cold = Vec::new();
    for _ in 0..RUNS {
        cdp(client, "Network.clearBrowserCache", json!({})).await;
        cold.push(load(client, url).await);
    }
    let files = waterfall(client).await;
    let mut warm = Vec::new();
    for _ in 0..RUNS {
        warm.push(load(client, url).await);
    }
    // The next page is watched for its own control.
    let identifier = json!({ "identifier": probing["identifier"] });
    cdp(
        client,
        "Page.removeScriptToEvaluateOnNewDocument",
        identifier,
    )
    .await;
    (median(cold), median(warm), files)
}

/// A copy of `build` in a temporary folder named `name`, each file also pre-compressed
/// beside itself by `scripts/precompress.mjs` (both builds have these copies from their
/// post-build step; made again here, the same bytes, so any build given is served alike), and
/// `config` as `config.json` if given.
fn served_copy(build: &Path, name: &str, config: Option<String>) -> PathBuf {
    let copy = std::env::temp_dir().join(format!("first-screen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).expect("a temporary folder");
    for entry in std::fs::read_dir(build).expect("the build") {
        let entry = entry.expect("a file of the build");
        let file = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && !file.ends_with(".gz") && !file.ends_with(".br") {
            std::fs::copy(entry.path(), copy.join(&file)).expect("a copy");
        }
    }
    if let Some(config) = config {
        std::fs::write(copy.join("config.json"), config).expect("config.json");
    }
    let compressed = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/precompress.mjs"))
        .arg(&copy)
        .status()
        .is_ok_and(|status| status.success());
    assert!(
        compressed,
        "node scripts/precompress.mjs {}",
        copy.display()
    );
    copy
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dist, counter] = [0, 1].map(|i| PathBuf::from(args.get(i).map_or("", String::as_str)));
    for folder in [&dist, &counter] {
        assert!(
            folder.join("index.html").is_file(),
            "usage: first_screen_benchmark <app dist> <counter dist> (scripts/bench builds both)"
        );
    }
    // The welcome's configuration: it signs in nowhere here.
    let app = served_copy(&dist, "app", Some(sandbox_app_config(8400)));
    let counter = served_copy(&counter, "counter", None);
    let pages = [
        (
            "M365 Registrar (welcome's Sign in)",
            StaticServer::serve(&app),
            "#sign-in-button",
        ),
        (
            "Leptos counter, same toolchain",
            StaticServer::serve(&counter),
            "button",
        ),
    ];
    // One browser for every run: the sandbox's sites it starts beside are not used.
    let session = Session::start_with(Session::options(AppConfig::Sandbox)).await;
    println!("| page | network | cold, median of {RUNS} | warm, median of {RUNS} |");
    println!("|---|---|---:|---:|");
    let mut results = Vec::new();
    let mut waterfalls = Vec::new();
    for slow in [false, true] {
        for (name, server, selector) in &pages {
            let url = format!("{}/", server.origin);
            let (cold, warm, files) = measure(&session.client, &url, selector, slow).await;
            let network = if slow { "Slow 4G" } else { "loopback" };
            println!("| {name} | {network} | {cold:.0} ms | {warm:.0} ms |");
            results.push((cold, warm));
            waterfalls.push(format!("{name}, cold, {network}: {}", files.join("; ")));
        }
    }
    let mut rows = String::new();
    for (i, network) in ["loopback", "Slow 4G"].iter().enumerate() {
        let (app, counter) = (results[2 * i], results[2 * i + 1]);
        let (cold, warm) = (app.0 / counter.0, app.1 / counter.1);
        println!(
            "\n{network}: the app takes {cold:.2}× the counter's time cold, {warm:.2}× warm (budget 1.2×)."
        );
        let verdict = |ratio: f64| if ratio <= 1.2 { "met" } else { "**not met**" };
        rows.push_str(&format!(
            "| first usable screen, {network}, cold / warm | {:.0} / {:.0} ms; counter {:.0} / {:.0} ms ({cold:.2}× / {warm:.2}×) | 1.2× the counter: cold {}, warm {} |\n",
            app.0, app.1, counter.0, counter.1, verdict(cold), verdict(warm)
        ));
    }
    summary::summarize(&rows);
    println!("\nWhat a cold load asked for (from the navigation's start; KB over the network):");
    for line in waterfalls {
        println!("- {line}");
    }
    session.finish().await;
    let _ = std::fs::remove_dir_all(&app);
    let _ = std::fs::remove_dir_all(&counter);
}
