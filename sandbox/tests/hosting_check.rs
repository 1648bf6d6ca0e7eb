//! `hosting check` against the sandbox's own server (the headers it must find) and against a
//! plain static server (a host that was not told the headers), which it must fault file by file.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Command;

use axum::Router;
use sandbox_tenant::sites::{self, AppConfig, SitesOptions, sandbox_app_config};
use tokio::net::TcpListener;
use tower_http::services::ServeDir;

/// A small stand-in build: the files' kinds are what matters, not their content.
fn fake_build(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("registrar-check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    for file in [
        "index.html",
        "redirect.html",
        "app-943bb111c79f6c34.css",
        "m365-registrar-742f94e6f20467a_bg.wasm",
        "registration-worker.js",
    ] {
        std::fs::write(dir.join(file), "x").expect("a file");
    }
    // The module's pre-compressed copy, as the release build writes it (scripts/post-build.sh).
    let module = "m365-registrar-742f94e6f20467a_bg.wasm.gz";
    std::fs::write(dir.join(module), "x").expect("a file");
    dir
}

/// Runs `hosting check URL CONFIG --dist DIST`: its exit status and what it printed.
fn check(url: &str, config: &Path, dist: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_hosting"))
        .args(["check", url])
        .arg(config)
        .arg("--dist")
        .arg(dist)
        .output()
        .expect("the hosting command runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sandbox_passes_and_a_server_without_the_headers_is_told_each_one() {
    let dist = fake_build("dist");
    let sites = sites::serve(SitesOptions {
        port: 0,
        app_dir: dist.clone(),
        app_config: AppConfig::Sandbox,
        app_path: "/registrar/".into(),
        ..SitesOptions::default()
    })
    .await
    .expect("the sites start");
    let config = dist.join("config.json.local");
    std::fs::write(&config, sandbox_app_config(sites.port)).expect("the configuration");
    let base = format!("http://app.localhost:{}/registrar/", sites.port);
    let (ok, said) = check(&base, &config, &dist);
    assert!(ok, "{said}");
    assert!(
        said.contains("Everything is served as it should be"),
        "{said}"
    );
    assert!(said.contains(&format!("{base}redirect.html")), "{said}");

    // A plain static server of the same files and config.json, with no header of ours.
    let served = fake_build("plain");
    std::fs::write(served.join("config.json"), sandbox_app_config(sites.port)).expect("config");
    let listener = TcpListener::bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0))
        .await
        .expect("a port");
    let port = listener.local_addr().expect("its address").port();
    let plain = Router::new().fallback_service(ServeDir::new(&served));
    tokio::spawn(async move { axum::serve(listener, plain).await });
    let (ok, said) = check(&format!("http://127.0.0.1:{port}"), &config, &dist);
    assert!(!ok, "{said}");
    assert!(
        said.contains("Content-Security-Policy is missing; send \"default-src 'none'"),
        "{said}"
    );
    assert!(
        said.contains("Strict-Transport-Security is missing; send \"max-age=63072000\""),
        "{said}"
    );
    assert!(said.contains("app-943bb111c79f6c34.css, m365-registrar-742f94e6f20467a_bg.wasm: Cache-Control is missing; send \"public, max-age=31536000, immutable\""), "{said}");
    assert!(
        said.contains("Cache-Control is missing; send \"no-store\""),
        "{said}"
    );
    assert!(
        said.contains(
            "config.json: Cache-Control is missing; send \"private, max-age=0, stale-while-revalidate=3600\""
        ),
        "{said}"
    );
    assert!(
        said.contains("m365-registrar-742f94e6f20467a_bg.wasm: sent uncompressed"),
        "{said}"
    );
    sites.stop();
}
