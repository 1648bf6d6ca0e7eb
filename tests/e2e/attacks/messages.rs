//! Hostile `postMessage`: data no dashboard sends, from the dashboard's own window (deep,
//! huge, of the wrong types), and forged sign-in answers aimed at the registrar while it waits
//! for its relay window, from look-alike origins, a `null` origin, and its own origin in
//! another window. The look-alike and wrong-window starts, acks and cancels are in
//! `handoff.rs` (`messages_from_look_alike_origins_…`, `a_look_alike_page_that_opens_…`).

use sandbox_tenant::sites::{AppConfig, Site, Sites};
use serde_json::json;

use super::query_of_current_url;
use crate::browser::Session;
use crate::flows::*;

/// Data that is no message of ours, each built in the dashboard page (WebDriver's own JSON
/// reader refuses such depth) and posted by the dashboard's window to the registrar.
const HOSTILE_DATA: [&str; 14] = [
    // As deep as the browser will clone (it refuses past a few thousand levels): JSON readers
    // that recurse overflow their stack long before.
    "(() => { for (let depth = 100000; ; depth = Math.floor(depth / 2)) { \
       const m = {type: 'm365-registrar.start', version: 1}; let o = m; \
       for (let i = 0; i < depth; i++) { o.next = {}; o = o.next; } \
       try { structuredClone(m); return m; } catch (e) { if (depth < 1000) throw e; } } })()",
    // 16 MB in one field.
    "({type: 'm365-registrar.start', version: 1, onboardingId: 'x'.repeat(16 << 20)})",
    // A million entries.
    "Array.from({length: 1000000}, (_, i) => i)",
    "null",
    "42",
    "true",
    "new ArrayBuffer(64)",
    "new Date()",
    "new Map([['type', 'm365-registrar.start']])",
    "({type: ['m365-registrar.start'], version: 1})",
    "({type: 'm365-registrar.start', version: '1'})",
    "({type: 'm365-registrar.start', version: 1, onboardingId: 7})",
    "({type: 'm365-registrar.start', version: 1, accentColor: ['#000000']})",
    "({type: 'm365-registrar.ack', version: 1, resultId: {toJSON: null}})",
];

#[tokio::test]
async fn deep_huge_and_mistyped_data_from_the_dashboard_is_ignored_and_the_page_goes_on() {
    let session = Session::start_with(Session::options(AppConfig::Sandbox)).await;
    let dashboard = embed_with_the_start_held(&session).await;
    let app = session.sites.origin(Site::App);
    for data in HOSTILE_DATA {
        let posted = session
            .client
            .execute(
                &format!(
                    "try {{ document.getElementById('registrar-frame').contentWindow\
                       .postMessage({data}, arguments[0]); return true; }} \
                     catch (e) {{ return String(e); }}"
                ),
                vec![json!(app)],
            )
            .await
            .expect("the dashboard posts");
        assert_eq!(posted, json!(true), "the browser sent {data}");
    }
    enter_registrar_frame(&session).await;
    let count = u32::try_from(HOSTILE_DATA.len()).expect("a small count");
    wait_for_ignored(&session, count).await;
    session.assert_no_console_errors().await;

    // Still the dashboard's registrar: its real start is taken and sign-in works.
    session.switch_to(&dashboard).await;
    session.click("#send-start").await;
    enter_registrar_frame(&session).await;
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    let sign_in = continue_in_relay(&session, &relay, &[&dashboard]).await;
    finish_relay_sign_in(&session, &sign_in, &dashboard).await;
    session.finish().await;
}

#[tokio::test]
async fn forged_sign_in_answers_from_strangers_and_from_its_own_window_are_ignored() {
    let session = Session::with_lookalikes().await;
    session.visit(&session.url(Site::Dashboard, "/")).await;
    let dashboard = embedded_registrar(&session).await;
    session.click("#sign-in-button").await;
    let relay = session.wait_for_new_window(&[&dashboard]).await;
    let sign_in = continue_in_relay(&session, &relay, &[&dashboard]).await;
    session.switch_to(&sign_in).await;
    // The forger knows the state (it is in the sign-in page's address): only origin and
    // window tell its answer from the relay's.
    let state = query_of_current_url(&session).await["state"].clone();
    let forged = json!({
        "type": "m365-registrar.sign-in-response",
        "response": format!("code=forged&state={state}"),
    });

    session.switch_to(&dashboard).await;
    let mut strangers = session.lookalike_origins();
    strangers.push(session.sites.origin(Site::Dashboard));
    for origin in &strangers {
        let instructions = json!({"messages": [forged], "delayMs": 0});
        add_frame_to_dashboard(&session, &Sites::hostile_page_url(origin, &instructions)).await;
    }
    let null = json!({"messages": [forged], "null": true, "delayMs": 0});
    add_frame_to_dashboard(&session, &Sites::hostile_page_url(&strangers[0], &null)).await;
    enter_registrar_frame(&session).await;
    // Every stranger's answer reached the registrar, and was ignored (counted by its hand-off
    // listener; the sign-in listener drops it silently).
    wait_for_ignored(&session, 5).await;
    // Our own origin, but not the relay window: script in the registrar's page posts to itself.
    session
        .client
        .execute(
            "window.postMessage(arguments[0], location.origin);",
            vec![forged.clone()],
        )
        .await
        .expect("the registrar's own window posts");
    let waiting = session.text_of("#sign-in-waiting").await;
    assert!(waiting.contains("Finish signing in"), "{waiting}");

    // The real answer, through the relay, still signs in.
    finish_relay_sign_in(&session, &sign_in, &dashboard).await;
    session.assert_no_console_errors().await;
    session.finish().await;
}
