//! What a person does again and again in these tests: sign in through a popup, embed the
//! registrar, get through the relay, check who signed in.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::wd::WindowHandle;
use sandbox_tenant::sites::Site;
use sandbox_tenant::tenant::seed;
use serde_json::{Value, json};

use crate::browser::{PATIENCE, Session};

/// Clicks "Sign in", switches to the sign-in window, picks `upn` and answers the consent page.
pub async fn sign_in_in_popup(session: &Session, upn: &str, clicks: &[&str]) {
    let app_window = session.client.window().await.expect("the app window");
    session.click("#sign-in-button").await;
    let popup = session.wait_for_new_window(&[&app_window]).await;
    session.switch_to(&popup).await;
    let current = session.client.current_url().await.expect("url");
    assert!(
        current.as_str().starts_with(&session.url(Site::Login, "/")),
        "the sign-in window shows the sandbox sign-in page: {current}"
    );
    session.click(&format!("button[data-upn=\"{upn}\"]")).await;
    for css in clicks {
        session.click(css).await;
    }
    // The redirect page hands the response over and closes its window.
    session.wait_until_window_closes().await;
    session.switch_to(&app_window).await;
}

/// Opens the dashboard, embeds the registrar and enters its iframe; returns the dashboard window.
pub async fn embedded_registrar(session: &Session) -> WindowHandle {
    let dashboard = session.client.window().await.expect("the dashboard window");
    session.click("#embed").await;
    enter_registrar_frame(session).await;
    dashboard
}

pub async fn enter_registrar_frame(session: &Session) {
    let frame = session.element("#registrar-frame").await;
    frame
        .enter_frame()
        .await
        .expect("into the registrar's iframe");
}

/// In the relay window: the popup blocker refuses a window the relay opens without a click of
/// its own, so the relay explains and asks for one click; returns the sign-in window.
pub async fn continue_in_relay(
    session: &Session,
    relay: &WindowHandle,
    known: &[&WindowHandle],
) -> WindowHandle {
    session.switch_to(relay).await;
    let relay_url = session.client.current_url().await.expect("url");
    assert_eq!(
        relay_url.as_str(),
        session.url(Site::App, "/relay.html"),
        "the relay is ours and keeps no authorize URL in its address"
    );
    // The relay first checks the sign-in host against config.json, then asks for the click.
    let started = Instant::now();
    let mut prompt = session.text_of("#status").await;
    while prompt.starts_with("Checking") && started.elapsed() < PATIENCE {
        tokio::time::sleep(Duration::from_millis(100)).await;
        prompt = session.text_of("#status").await;
    }
    assert!(prompt.contains("wants a click"), "{prompt}");
    session.click("#continue").await;
    let mut known = known.to_vec();
    known.push(relay);
    session.wait_for_new_window(&known).await
}

/// In the sign-in window (the current one): picks the Global Administrator and accepts.
pub async fn choose_admin_and_accept(session: &Session) {
    session
        .click(&format!("button[data-upn=\"{}\"]", seed::GLOBAL_ADMIN))
        .await;
    session.click("#accept").await;
}

/// The app shows the sandbox tenant as the one signed in to.
pub async fn assert_signed_in_to_the_sandbox(session: &Session) {
    assert_eq!(
        session.text_of("#signed-in #tenant-id").await,
        seed::TENANT_ID
    );
}

/// Clicks "Sign in" from a script: no user gesture, so the popup blocker refuses the window, as
/// it does for a page that opens one after an `await`.
pub async fn click_sign_in_without_a_gesture(session: &Session) {
    session.text_of("#sign-in-button").await;
    session
        .client
        .execute("document.getElementById('sign-in-button').click()", vec![])
        .await
        .expect("script runs");
}

/// Whether [`hold_the_current_configuration`] holds the page's own reloads too.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reloads {
    Held,
    GoThrough,
}

/// From the next page this window loads on: the starter's request for the current
/// `config.json` (`cache: "reload"`, beside the copy the browser kept) waits until the test
/// calls `window.__releaseConfig()`, as on a slow line where the admin is quicker. Without its
/// 30 s abort, so a slow test cannot make it fail.
pub async fn hold_the_current_configuration(session: &Session, reloads: Reloads) {
    let only_first = match reloads {
        Reloads::Held => "true",
        Reloads::GoThrough => "performance.getEntriesByType('navigation')[0]?.type !== 'reload'",
    };
    let hold = format!(
        "if ({only_first}) {{\
           let release;\
           const held = new Promise((resolve) => {{ release = resolve; }});\
           window.__releaseConfig = release;\
           const fetchNow = window.fetch;\
           window.fetch = function (url, init) {{\
             if (String(url).endsWith('config.json') && init?.cache === 'reload') {{\
               return held.then(() => fetchNow.call(this, url, {{ ...init, signal: undefined }}));\
             }}\
             return fetchNow.apply(this, arguments);\
           }};\
         }}"
    );
    crate::devtools::cdp(
        &session.client,
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": hold }),
    )
    .await;
}

/// Lets the held request for the current `config.json` go.
pub async fn release_the_current_configuration(session: &Session) {
    session
        .client
        .execute("window.__releaseConfig()", vec![])
        .await
        .expect("the current file is released");
}

/// From the registrar's window a dashboard opened: a message through `opener` arrives at the
/// dashboard itself (the window kept its link). Ends in the dashboard's window.
pub async fn assert_still_linked_to_the_dashboard(session: &Session, dashboard: &WindowHandle) {
    let dashboard_origin = session.sites.origin(Site::Dashboard);
    session
        .client
        .execute(
            &format!("window.opener.postMessage({{type: 'still-linked'}}, '{dashboard_origin}')"),
            vec![],
        )
        .await
        .expect("the app window still has an opener");
    session.switch_to(dashboard).await;
    let started = std::time::Instant::now();
    loop {
        let log = session.text_of("#log").await;
        if log.contains("still-linked") {
            return;
        }
        assert!(
            started.elapsed() < crate::browser::PATIENCE,
            "the dashboard never heard its registrar window: {log}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The browser blocked the sign-in window: the page waits with the sign-in as a link. Clicks it
/// (a real click), signs in as the Global Administrator in the new tab, and returns to the app's
/// window once the redirect page handed the answer over. Returns the app's window.
pub async fn sign_in_in_new_tab(session: &Session) -> WindowHandle {
    let app_window = session.client.window().await.expect("the app window");
    let blocked = session.text_of("#sign-in-blocked .message").await;
    assert!(blocked.contains("new tab"), "{blocked}");
    assert!(
        !session.shows("#sign-in-waiting").await,
        "no \"finish in the Microsoft window\": there is none"
    );
    let before = session.client.windows().await.expect("windows");
    session.click("#sign-in-new-tab").await;
    let known: Vec<&WindowHandle> = before.iter().collect();
    let tab = session.wait_for_new_window(&known).await;
    session.switch_to(&tab).await;
    let current = session.client.current_url().await.expect("url");
    assert!(
        current.as_str().starts_with(&session.url(Site::Login, "/")),
        "the new tab shows the sandbox sign-in page: {current}"
    );
    choose_admin_and_accept(session).await;
    // The redirect page hands the answer over and closes the tab it was opened in.
    session.wait_until_windows(before.len()).await;
    session.switch_to(&app_window).await;
    app_window
}

/// In the sign-in window a relay opened: signs in as the Global Administrator, then checks that
/// the registrar in the dashboard's iframe shows the tenant (the sign-in window and the relay
/// have closed themselves).
pub async fn finish_relay_sign_in(
    session: &Session,
    sign_in: &WindowHandle,
    dashboard: &WindowHandle,
) {
    session.switch_to(sign_in).await;
    choose_admin_and_accept(session).await;
    session.wait_until_windows(1).await;
    session.switch_to(dashboard).await;
    enter_registrar_frame(session).await;
    assert_signed_in_to_the_sandbox(session).await;
}

/// From the registrar in the dashboard's iframe, after a click that opened the relay: signs in
/// again as the Global Administrator, who consented before (Microsoft does not ask again), and
/// enters the registrar's iframe again.
pub async fn sign_in_again_through_relay(session: &Session, dashboard: &WindowHandle) {
    let relay = session.wait_for_new_window(&[dashboard]).await;
    let sign_in = continue_in_relay(session, &relay, &[dashboard]).await;
    session.switch_to(&sign_in).await;
    session
        .click(&format!("button[data-upn=\"{}\"]", seed::GLOBAL_ADMIN))
        .await;
    session.wait_until_windows(1).await;
    session.switch_to(dashboard).await;
    enter_registrar_frame(session).await;
}

/// The secret the result shows (empty if none).
pub async fn shown_secret(session: &Session) -> String {
    session
        .element("#result-secret")
        .await
        .prop("value")
        .await
        .expect("the secret field")
        .unwrap_or_default()
}

/// Nothing of the sign-in is left behind in the app's window: not in the URL, not in any storage,
/// not in the console.
pub async fn assert_nothing_left_behind(session: &Session) {
    let url = session.client.current_url().await.expect("url");
    assert_eq!(
        url.as_str(),
        session.url(Site::App, "/"),
        "no code or state in the URL"
    );
    session.assert_no_stored_state().await;
    session.assert_no_console_errors().await;
}

/// From the dashboard: opens the registrar in its own window and switches to it. Returns the
/// dashboard's window and the registrar's.
pub async fn open_registrar_window(session: &Session) -> (WindowHandle, WindowHandle) {
    let dashboard = session.client.window().await.expect("the dashboard window");
    session.click("#open-window").await;
    let registrar = session.wait_for_new_window(&[&dashboard]).await;
    session.switch_to(&registrar).await;
    (dashboard, registrar)
}

/// The sign-in failed: returns what the admin is told, after checking they are offered to sign in
/// again.
pub async fn sign_in_failure(session: &Session) -> String {
    let message = session.text_of("#sign-in-error .message").await;
    assert!(
        session.shows("#sign-in-error #sign-in-retry").await,
        "offers to sign in again: {message}"
    );
    message
}

/// From the dashboard: embeds the registrar and signs in as the Global Administrator through
/// the relay window; returns the dashboard's window, with the registrar's iframe entered.
pub async fn sign_in_in_embedded_registrar(session: &Session) -> WindowHandle {
    let dashboard = embedded_registrar(session).await;
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    let sign_in = continue_in_relay(session, &relay, &[&dashboard]).await;
    finish_relay_sign_in(session, &sign_in, &dashboard).await;
    dashboard
}

/// The address of a download link the page made: a `blob:` URL, so the file's bytes are in no
/// address and no server saw them.
pub async fn blob_link(session: &Session, css: &str) -> String {
    let url = session
        .element(css)
        .await
        .attr("href")
        .await
        .expect("the link")
        .unwrap_or_default();
    assert!(url.starts_with("blob:"), "the file is not in a URL: {url}");
    url
}

/// The text behind the page's download link (a `blob:` URL, readable only by the page).
pub async fn downloaded_text(session: &Session, css: &str) -> String {
    let url = blob_link(session, css).await;
    let text = session
        .client
        .execute_async(
            "const [url, done] = arguments; fetch(url).then(r => r.text()).then(done);",
            vec![json!(url)],
        )
        .await
        .expect("the page reads its own file");
    text.as_str().unwrap_or_default().to_owned()
}

/// Picks how the sample dashboard asks for the bundle to be sealed.
pub async fn choose_seal(session: &Session, value: &str) {
    session.element("#seal").await;
    session
        .client
        .execute(
            "const s = document.getElementById('seal'); s.value = arguments[0]; \
             s.dispatchEvent(new Event('change'));",
            vec![json!(value)],
        )
        .await
        .expect("the seal choice");
}

/// Clicks `css` in the app window (the current one) and switches to the sign-in window it
/// opens; returns that window.
pub async fn open_sign_in_window(
    session: &Session,
    app_window: &WindowHandle,
    css: &str,
) -> WindowHandle {
    session.click(css).await;
    let popup = session.wait_for_new_window(&[app_window]).await;
    session.switch_to(&popup).await;
    popup
}

/// In the sign-in window (the current one): the Global Administrator accepts; back in
/// `app_window`, the app is signed in to the sandbox.
pub async fn accept_as_admin_and_return(session: &Session, app_window: &WindowHandle) {
    choose_admin_and_accept(session).await;
    session.wait_until_window_closes().await;
    session.switch_to(app_window).await;
    assert_signed_in_to_the_sandbox(session).await;
}

/// Adds an iframe of `url` to the dashboard page (the current context): a stranger's page
/// beside the registrar, as an ad or a widget would be.
pub async fn add_frame_to_dashboard(session: &Session, url: &str) {
    session
        .client
        .execute(
            "const f = document.createElement('iframe'); f.className = 'hostile'; \
             f.src = arguments[0]; document.body.appendChild(f);",
            vec![json!(url)],
        )
        .await
        .expect("a frame added to the dashboard");
}

/// Posts `message` to the registrar's iframe from the dashboard itself (its exact origin,
/// the expected window): only the message's shape can be wrong.
pub async fn post_from_dashboard(session: &Session, message: &Value) {
    let app = session.sites.origin(Site::App);
    session
        .client
        .execute(
            "document.getElementById('registrar-frame').contentWindow.postMessage(arguments[0], arguments[1]);",
            vec![message.clone(), json!(app)],
        )
        .await
        .expect("a message from the dashboard");
}

/// Opens the sample dashboard with its start held (`?start=manual`) and embeds the registrar;
/// returns once the registrar said ready, so a test can speak first. Returns the dashboard's
/// window.
pub async fn embed_with_the_start_held(session: &Session) -> WindowHandle {
    session
        .client
        .goto(&session.url(Site::Dashboard, "/?start=manual"))
        .await
        .expect("the dashboard");
    let dashboard = session.client.window().await.expect("the dashboard window");
    session.click("#embed").await;
    session.element("#send-start:not([hidden])").await;
    dashboard
}

/// Waits until the registrar (the current context) says it ignored exactly `count` messages.
pub async fn wait_for_ignored(session: &Session, count: u32) {
    let started = Instant::now();
    loop {
        let shown = match session.client.find(Locator::Css("#handoff-ignored")).await {
            Ok(element) => element.attr("data-count").await.ok().flatten(),
            Err(_) => None,
        };
        if shown.as_deref() == Some(count.to_string().as_str()) {
            // And no more arrive.
            tokio::time::sleep(Duration::from_millis(500)).await;
            let again = session
                .element("#handoff-ignored")
                .await
                .attr("data-count")
                .await
                .ok()
                .flatten();
            assert_eq!(again.as_deref(), Some(count.to_string().as_str()));
            return;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "the registrar ignored {shown:?} messages, expected {count}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
