//! Memory during full registrations in one page, in headless Chromium against the sandbox
//! tenant: the page's JavaScript heap (CDP `Performance.getMetrics`), the page's wasm memory,
//! and the resident memory of every Chromium renderer (the page's and its registration
//! worker's, where the engine and its wasm memory live): the heap and the RSS sampled every
//! 100 ms while each of ten runs goes on (the peaks), all of them after each run once garbage is
//! collected (what the page keeps).
//! Each run after the first is "Sign in again" (a fresh worker, as an admin who starts over),
//! then confirm and wait for the verified result. Growth from run to run would be a leak.
//!
//! `scripts/bench` builds the app and runs it: `cargo run --offline --example memory_benchmark`
#![cfg(not(target_arch = "wasm32"))]

#[path = "../bench/summary.rs"]
mod summary;

#[allow(dead_code)]
#[path = "../tests/e2e/browser.rs"]
mod browser;
#[allow(dead_code)]
#[path = "../tests/e2e/devtools.rs"]
mod devtools;

use std::cell::Cell;
use std::collections::HashMap;
use std::time::Duration;

use browser::Session;
use devtools::cdp;
use sandbox_tenant::sites::{AppConfig, Site, SitesOptions};
use sandbox_tenant::tenant::{FaultPlan, seed};
use serde_json::json;

/// Ten, as the issue asks; `MEMORY_RUNS` sets another number (to see where growth stops).
fn runs() -> usize {
    std::env::var("MEMORY_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10)
}

/// The browser's live workers and windows (CDP `Target.getTargets`): a worker a run left
/// behind would hold its engine and wasm memory for good.
async fn targets(session: &Session) -> (usize, usize) {
    let answer = cdp(&session.client, "Target.getTargets", json!({})).await;
    let infos = answer["targetInfos"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let count = |kind: &str| infos.iter().filter(|t| t["type"] == kind).count();
    (count("worker"), count("page"))
}

/// Megabytes, decimal.
fn mb(bytes: f64) -> f64 {
    bytes / 1_000_000.0
}

/// The page's JavaScript heap in use, in MB (CDP `Performance.getMetrics`: no collection).
async fn page_heap(session: &Session) -> f64 {
    let metrics = cdp(&session.client, "Performance.getMetrics", json!({})).await;
    let heap = metrics["metrics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|m| m["name"] == "JSHeapUsedSize")
        .and_then(|m| m["value"].as_f64())
        .unwrap_or(f64::NAN);
    mb(heap)
}

/// The page's JavaScript heap in use, and its wasm module's linear memory. Finding the memory
/// (`Runtime.queryObjects`) collects garbage first: read between runs only, never while one
/// goes on.
async fn page_memory(session: &Session) -> (f64, f64) {
    let heap = page_heap(session).await;
    // The module's linear memory: every WebAssembly.Memory the page's heap holds, found by
    // its prototype (CDP Runtime.queryObjects), so the page needs no hook for the benchmark.
    let prototype = cdp(
        &session.client,
        "Runtime.evaluate",
        json!({ "expression": "WebAssembly.Memory.prototype" }),
    )
    .await;
    let memories = cdp(
        &session.client,
        "Runtime.queryObjects",
        json!({ "prototypeObjectId": prototype["result"]["objectId"] }),
    )
    .await;
    let bytes = cdp(
        &session.client,
        "Runtime.callFunctionOn",
        json!({
            "objectId": memories["objects"]["objectId"],
            "functionDeclaration": "function () { return this.reduce((sum, m) => sum + m.buffer.byteLength, 0); }",
            "returnByValue": true,
        }),
    )
    .await;
    let wasm = bytes["result"]["value"].as_f64().unwrap_or(f64::NAN);
    (heap, mb(wasm))
}

/// Resident memory of this benchmark's Chromium renderers (Linux /proc), in MB: the renderer
/// processes descending from the browser whose profile folder names this process (see
/// `Session::start_with`), not other Chromiums on the machine.
fn renderers_rss() -> f64 {
    let read =
        |pid: &str, file: &str| std::fs::read(format!("/proc/{pid}/{file}")).unwrap_or_default();
    let profile = format!("registrar-e2e-{}-", std::process::id());
    let mut parent = HashMap::new();
    let mut ours = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let pid = entry.file_name().to_string_lossy().into_owned();
        let stat = String::from_utf8_lossy(&read(&pid, "stat")).into_owned();
        // pid (comm) state ppid ...: the comm may hold spaces, so read after its ')'.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1).map(String::from));
        if let Some(ppid) = ppid {
            parent.insert(pid.clone(), ppid);
        }
        let cmdline = String::from_utf8_lossy(&read(&pid, "cmdline")).into_owned();
        if cmdline.contains(&profile) && !cmdline.contains("--type=") {
            ours.push(pid);
        }
    }
    let mut kb = 0.0;
    for pid in parent.keys().filter(|pid| descends(&parent, &ours, pid)) {
        let cmdline = String::from_utf8_lossy(&read(pid, "cmdline")).into_owned();
        if !cmdline.contains("--type=renderer") {
            continue;
        }
        let status = String::from_utf8_lossy(&read(pid, "status")).into_owned();
        kb += status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0);
    }
    kb / 1000.0
}

/// Whether `pid`'s chain of parents reaches one of `roots`.
fn descends(parent: &HashMap<String, String>, roots: &[String], pid: &str) -> bool {
    let mut pid = pid;
    while let Some(up) = parent.get(pid) {
        if roots.contains(up) {
            return true;
        }
        pid = up;
    }
    false
}

/// The highest page heap and renderers' RSS while `run` goes on, sampled every 100 ms beside it
/// (WebDriver and CDP commands share the session: the sampling only queues). CDP reaches the
/// window WebDriver is in: with `in_page` false (the sign-in, in its own window) only the
/// renderers' RSS is sampled. The wasm memory is not sampled: a module's linear memory never
/// shrinks, so what a run leaves is its peak.
async fn peaks_during(
    session: &Session,
    in_page: bool,
    run: impl Future<Output = ()>,
) -> (f64, f64) {
    let done = Cell::new(false);
    let peaks = Cell::new((0.0_f64, 0.0_f64));
    let sample = async {
        while !done.get() {
            let heap = if in_page {
                page_heap(session).await
            } else {
                0.0
            };
            let rss = renderers_rss();
            let (h, r) = peaks.get();
            peaks.set((h.max(heap), r.max(rss)));
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    let drive = async {
        run.await;
        done.set(true);
    };
    tokio::join!(drive, sample);
    peaks.get()
}

/// Signs in from `button` in the popup as the Global Administrator, accepting consent if asked.
async fn sign_in(session: &Session, button: &str) {
    let app = session.client.window().await.expect("the app window");
    session.click(button).await;
    let popup = session.wait_for_new_window(&[&app]).await;
    session.switch_to(&popup).await;
    session
        .click(&format!("button[data-upn=\"{}\"]", seed::GLOBAL_ADMIN))
        .await;
    // Consent is asked the first time only: accept it if the page comes, until the window goes.
    let started = std::time::Instant::now();
    while session.client.windows().await.map_or(0, |w| w.len()) > 1 {
        assert!(
            started.elapsed() < browser::PATIENCE,
            "the sign-in window stayed open"
        );
        if session.shows("#accept").await {
            session.click("#accept").await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    session.switch_to(&app).await;
}

#[tokio::main]
async fn main() {
    // No replication delay: memory, not waiting, is measured here.
    let options = SitesOptions {
        faults: FaultPlan::default(),
        ..Session::options(AppConfig::Sandbox)
    };
    let session = Session::start_with(options).await;
    cdp(&session.client, "Performance.enable", json!({})).await;
    let url = session.url(Site::App, "/");
    session.client.goto(&url).await.expect("the app loads");
    session.element("#sign-in-button").await;
    let (heap, wasm) = page_memory(&session).await;
    println!(
        "| run | page JS heap MB, peak / kept | page wasm memory MB | Chromium renderers RSS MB, peak / kept | workers, windows alive |"
    );
    println!("|---|---:|---:|---:|---:|");
    let (workers, windows) = targets(&session).await;
    let rss = renderers_rss();
    println!("| welcome | {heap:.1} | {wasm:.1} | {rss:.0} | {workers}, {windows} |");
    let mut peak = (heap, wasm, rss);
    let mut after_first = None;
    let mut most_workers = workers;
    let mut last = (heap, wasm, peak.2);
    for run in 1..=runs() {
        let button = if run == 1 {
            "#sign-in-button"
        } else {
            "#sign-in-again"
        };
        let signing_in = peaks_during(&session, false, sign_in(&session, button)).await;
        let registering = peaks_during(&session, true, async {
            session.click("#confirm-registration").await;
            session.text_of("#result #result-verified").await;
        })
        .await;
        let during = (registering.0, signing_in.1.max(registering.1));
        // A collection first, so the figure is what the page keeps, not garbage.
        cdp(&session.client, "HeapProfiler.collectGarbage", json!({})).await;
        let (heap, wasm) = page_memory(&session).await;
        let rss = renderers_rss();
        peak = (
            peak.0.max(during.0).max(heap),
            peak.1.max(wasm),
            peak.2.max(during.1).max(rss),
        );
        let (workers, windows) = targets(&session).await;
        println!(
            "| {run} | {:.1} / {heap:.1} | {wasm:.1} | {:.0} / {rss:.0} | {workers}, {windows} |",
            during.0, during.1
        );
        after_first.get_or_insert((heap, wasm, rss));
        most_workers = most_workers.max(workers);
        last = (heap, wasm, rss);
    }
    println!("| peak | {:.1} | {:.1} | {:.0} | |", peak.0, peak.1, peak.2);
    let first = after_first.unwrap_or(last);
    // The page's own memory must not grow from the first run to the last (0.1 MB: the
    // figures' rounding); the renderers' is shown, Chromium's to manage.
    let grown = last.0 > first.0 + 0.1 || last.1 > first.1 + 0.1 || most_workers > 1;
    let verdict = if grown { "**not met**" } else { "met" };
    summary::summarize(&format!(
        "| memory, {} registrations in one page | page JS heap {:.1} → {:.1} MB (peak while registering {:.1}), page module memory {:.1} → {:.1} MB (its peak: it never shrinks); renderers' RSS {:.0} → {:.0} MB (peak {:.0}); at most {most_workers} worker alive | no growth: {verdict} |\n",
        runs(),
        first.0,
        last.0,
        peak.0,
        first.1,
        last.1,
        first.2,
        last.2,
        peak.2
    ));
    session.finish().await;
}
