//! Round trips and wall time of a registration against the in-process sandbox tenant, batched
//! (the engine's plan) beside a naive plan that sends the same calls one by one.
//!
//! `cargo run --offline -p registrar-core --example registration_benchmark --release`
//!
//! Two ways to spend 100 ms per call: on the network (each HTTP request the client sends
//! waits 100 ms, as a browser far from Graph would) and the sandbox's own `latency=100ms`
//! fault (each call waits inside the sandbox, `$batch` parts included, one after another).

#[path = "../../bench/summary.rs"]
mod summary;

#[path = "../tests/common/mod.rs"]
mod common;

use std::cell::Cell;
use std::time::{Duration, Instant};

use common::*;
use registrar_core::http::{HttpClient, HttpRequest, HttpResponse, Unreachable};
use registrar_core::registration::Halt;
use sandbox_tenant::tenant::seed;
use serde_json::{Value, json};

/// Sends to the sandbox after a network delay, counting requests; `unbatched` takes every
/// `$batch` apart and sends its calls one by one, each after the one before (the naive plan).
struct Network<'a> {
    sandbox: &'a Sandbox,
    delay: Duration,
    unbatched: bool,
    requests: Cell<u32>,
}

impl Network<'_> {
    async fn one(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable> {
        self.requests.set(self.requests.get() + 1);
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        self.sandbox.send(request).await
    }
}

impl HttpClient for Network<'_> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable> {
        if !(self.unbatched && request.url.ends_with("/$batch")) {
            return self.one(request).await;
        }
        let body: Value = serde_json::from_str(request.body.as_deref().unwrap_or("{}"))
            .map_err(|_| Unreachable("not a batch".into()))?;
        let authorization = request
            .headers
            .iter()
            .find(|(n, _)| *n == "Authorization")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let mut responses = Vec::new();
        for part in body["requests"].as_array().into_iter().flatten() {
            let url = format!("{GRAPH}/v1.0{}", part["url"].as_str().unwrap_or_default());
            let method = match part["method"].as_str().unwrap_or("GET") {
                "POST" => "POST",
                "PATCH" => "PATCH",
                "DELETE" => "DELETE",
                _ => "GET",
            };
            let mut single = match part.get("body") {
                Some(body) => HttpRequest::json(method, url, body.to_string()),
                None => HttpRequest {
                    method,
                    url,
                    headers: Vec::new(),
                    body: None,
                },
            };
            if let Some(prefer) = part["headers"]["Prefer"].as_str() {
                single = single.header("Prefer", prefer.to_owned());
            }
            single = single.header("Authorization", authorization.clone());
            let (status, headers, body) = match self.one(single).await {
                Ok(answer) => {
                    let headers: serde_json::Map<String, Value> = answer
                        .headers
                        .iter()
                        .map(|(n, v)| (n.clone(), Value::String(v.clone())))
                        .collect();
                    let body = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
                    (answer.status, headers, body)
                }
                Err(_) => (504, serde_json::Map::new(), Value::Null),
            };
            responses.push(
                json!({ "id": part["id"], "status": status, "headers": headers, "body": body }),
            );
        }
        Ok(HttpResponse::new(
            200,
            json!({ "responses": responses }).to_string(),
        ))
    }
}

struct Row {
    scenario: &'static str,
    plan: &'static str,
    round_trips: u32,
    millis: u128,
}

async fn measure(scenario: &'static str, faults: &str, network: Duration, unbatched: bool) -> Row {
    let sandbox = Sandbox::real_time(faults);
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let http = Network {
        sandbox: &sandbox,
        delay: network,
        unbatched,
        requests: Cell::new(0),
    };
    let mut engine = engine(&config("full-backup"), &admin, 1);
    let target = sandbox.target(&admin.authorization);
    let timer = sandbox.timer();
    let started = Instant::now();
    let first =
        registrar_core::registration::drive(&mut engine, &http, &timer, target, |_| {}).await;
    assert_eq!(first, Halt::AwaitingConfirmation, "{scenario}");
    confirm(&sandbox, &mut engine);
    let halt =
        registrar_core::registration::drive(&mut engine, &http, &timer, target, |_| {}).await;
    let millis = started.elapsed().as_millis();
    assert!(matches!(halt, Halt::Finished(_)), "{scenario}: {halt:?}");
    Row {
        scenario,
        plan: if unbatched {
            "naive, one by one"
        } else {
            "batched"
        },
        round_trips: http.requests.get(),
        millis,
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let hundred = Duration::from_millis(100);
    let mut rows = Vec::new();
    for unbatched in [false, true] {
        rows.push(measure("network 100 ms per request", "", hundred, unbatched).await);
        rows.push(
            measure(
                "network 100 ms, replication=2s",
                "replication=2s",
                hundred,
                unbatched,
            )
            .await,
        );
        rows.push(
            measure(
                "sandbox latency=100ms",
                "latency=100ms",
                Duration::ZERO,
                unbatched,
            )
            .await,
        );
        rows.push(
            measure(
                "sandbox latency=100ms, replication=2s",
                "latency=100ms;replication=2s",
                Duration::ZERO,
                unbatched,
            )
            .await,
        );
    }
    rows.sort_by_key(|r| (r.scenario, r.plan));
    summarize(&rows);
    println!("Registration of the full-backup profile, signed in to verified (release build):\n");
    println!("| scenario | plan | sequential round trips | wall time |");
    println!("|---|---|---|---|");
    for row in rows {
        println!(
            "| {} | {} | {} | {:.1} s |",
            row.scenario,
            row.plan,
            row.round_trips,
            row.millis as f64 / 1000.0
        );
    }
}

/// The rows of `scripts/bench`'s one table (appended to the file `BENCH_SUMMARY` names, if
/// any): the sandbox's own 100 ms per request, without and with replication delay.
fn summarize(rows: &[Row]) {
    let find = |scenario: &str, plan: &str| {
        rows.iter()
            .find(|r| r.scenario == scenario && r.plan == plan)
            .map(|r| (r.round_trips, r.millis as f64 / 1000.0))
            .unwrap_or_default()
    };
    let plain = find("sandbox latency=100ms", "batched");
    let naive = find("sandbox latency=100ms", "naive, one by one");
    let slow = find("sandbox latency=100ms, replication=2s", "batched");
    let slow_naive = find("sandbox latency=100ms, replication=2s", "naive, one by one");
    let met = if plain.0 <= 5 && plain.1 < 1.0 {
        "met"
    } else {
        "**not met**"
    };
    let text = format!(
        "| registration, signed in to verified, sandbox at 100 ms per request | {} sequential round trips, {:.1} s (naive plan: {}, {:.1} s) | ≤ 5 round trips, < 1 s: {met} |\n\
         | the same, replication delay 2 s | {} round trips, {:.1} s (naive: {}, {:.1} s): waiting, not round trips, sets the time | |\n",
        plain.0, plain.1, naive.0, naive.1, slow.0, slow.1, slow_naive.0, slow_naive.1
    );
    summary::summarize(&text);
}
