//! The browser runs as in production, or the sign-in tests would prove nothing: a design that only
//! works with storage partitioning or popup blocking off must fail them. These tests pin both.

use sandbox_tenant::sites::{AppConfig, Site};

use crate::browser::Session;

const LISTEN: &str = "window.heard = []; \
    new BroadcastChannel('probe').onmessage = (e) => window.heard.push(e.data);";

#[tokio::test]
async fn a_cross_site_iframe_does_not_hear_its_origin_s_first_party_broadcast_channel() {
    let session = Session::open(AppConfig::Sandbox, Site::Dashboard, "/").await;
    let dashboard = session.client.window().await.expect("the dashboard window");
    session.click("#embed").await;
    session
        .element("#registrar-frame")
        .await
        .enter_frame()
        .await
        .expect("into the iframe");
    session.text_of("#sign-in-button").await;
    session
        .client
        .execute(LISTEN, vec![])
        .await
        .expect("iframe listens");

    // A first-party window of the same origin as the iframe, listening and sending.
    let tab = session.open_tab(Site::App, "/redirect.html").await;
    session
        .client
        .execute(LISTEN, vec![])
        .await
        .expect("tab listens");
    session.open_tab(Site::App, "/redirect.html").await;
    session
        .client
        .execute("new BroadcastChannel('probe').postMessage('hello')", vec![])
        .await
        .expect("sends");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    session.switch_to(&tab).await;
    let first_party = session
        .client
        .execute("return window.heard.length", vec![])
        .await
        .expect("reads");
    assert_eq!(
        first_party, 1,
        "a first-party window hears the channel (control)"
    );
    session.switch_to(&dashboard).await;
    session
        .element("#registrar-frame")
        .await
        .enter_frame()
        .await
        .expect("into the iframe");
    let framed = session
        .client
        .execute("return window.heard.length", vec![])
        .await
        .expect("reads");
    assert_eq!(
        framed, 0,
        "storage partitioning is on: the cross-site iframe hears nothing"
    );
    session.finish().await;
}
