//! The sites on real sockets: the look-alike origins of the dashboard, and the second listener
//! that makes `http://dashboard.localhost:<other port>` exist.

use std::path::PathBuf;

use sandbox_tenant::hostile::HOSTILE_PAGE;
use sandbox_tenant::sites::{self, Lookalike, Site, Sites, SitesOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// GET `path` from 127.0.0.1:`port` with this `Host`: the status line and the body.
async fn get(port: u16, host: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or_default();
    (
        head.lines().next().unwrap_or_default().to_string(),
        body.to_string(),
    )
}

async fn start(second_port: bool) -> Sites {
    sites::serve(SitesOptions {
        port: 0,
        app_dir: PathBuf::from("/nonexistent/app"),
        dashboard_dir: PathBuf::from("/nonexistent/dashboard"),
        second_port,
        ..SitesOptions::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_second_listener_serves_the_same_sites_on_another_port() {
    let sites = start(true).await;
    let other = sites.second_port.expect("a second port");
    assert_ne!(other, sites.port);
    assert_eq!(
        sites.lookalike_origin(Lookalike::OtherPort),
        Some(Site::Dashboard.origin(other))
    );
    let (status, body) = get(
        other,
        &format!("dashboard.localhost:{other}"),
        "/hostile.html",
    )
    .await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(body, HOSTILE_PAGE);
    // Same dispatch: the backup server answers with the same key on both ports.
    let key = |port: u16| async move {
        let (_, body) = get(
            port,
            &format!("dashboard.localhost:{port}"),
            "/api/handoff-key",
        )
        .await;
        serde_json::from_str::<serde_json::Value>(&body).unwrap_or_default()
    };
    assert_eq!(key(other).await, key(sites.port).await);
    assert_eq!(key(other).await, sites.handoff_public_jwk("ECDH-ES+A256KW"));
    let (status, _) = get(other, "graph.localhost", "/v1.0/organization").await;
    assert_eq!(status, "HTTP/1.1 401 Unauthorized");
    sites.stop();
}

#[tokio::test]
async fn the_lookalike_origins_are_served_on_the_main_port() {
    let sites = start(false).await;
    assert_eq!(sites.second_port, None);
    assert_eq!(sites.lookalike_origin(Lookalike::OtherPort), None);
    for lookalike in [Lookalike::Suffix, Lookalike::Prefix] {
        let origin = sites.lookalike_origin(lookalike).unwrap();
        let host = origin.trim_start_matches("http://");
        let dashboard = sites.origin(Site::Dashboard);
        assert_ne!(origin, dashboard);
        let looks_alike = match lookalike {
            Lookalike::Suffix => origin.ends_with(&format!("dashboard.localhost:{}", sites.port)),
            _ => origin.starts_with("http://dashboard.localhost"),
        };
        assert!(looks_alike, "{origin}");
        let (status, body) = get(sites.port, host, "/anything").await;
        assert_eq!(status, "HTTP/1.1 200 OK", "{origin}");
        assert_eq!(body, HOSTILE_PAGE);
    }
    sites.stop();
}
