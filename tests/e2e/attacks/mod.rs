//! The attack suite (README, "The attack suite"): what a hostile page, a forged redirect, a
//! hostile tenant or a careless configuration can try, and what the admin sees instead. Helpers
//! shared by its files live here; the hand-off's older attack tests stay in `handoff.rs`.

mod configuration;
mod dashboard_origins;
mod gesture;
mod messages;
mod open_redirect;
mod redirects;
mod relay;
mod relay_sign_in_host;
mod sign_in_parameters;
mod storage;
mod tenant_strings;
mod window_names;

use std::collections::HashMap;

use serde_json::json;

use crate::browser::Session;

/// The query parameters of the current window's address (the sign-in page's: its authorize
/// request, with `state`, `nonce` and `code_challenge`).
pub async fn query_of_current_url(session: &Session) -> HashMap<String, String> {
    let url = session.client.current_url().await.expect("url");
    url.query_pairs().into_owned().collect()
}

/// Makes the current page (the app, or the dashboard) show a button that runs `script` when a
/// person clicks it, and clicks it: what a page's own click handler does, with the gesture the
/// popup blocker asks for. In `script`, `arg` is `argument`.
pub async fn click_a_button_that_runs(session: &Session, script: &str, argument: &str) {
    session
        .client
        .execute(
            &format!(
                "const arg = arguments[0]; const b = document.createElement('button'); \
                 b.id = 'attack-button'; b.textContent = 'Go'; \
                 b.onclick = () => {{ {script} }}; document.body.prepend(b);"
            ),
            vec![json!(argument)],
        )
        .await
        .expect("the button");
    session.click("#attack-button").await;
}

/// Fails if the current page holds an element that the sandbox's hostile names would have
/// made, had they been read as markup: an `<img src=x>`, a `<script>` that alerts, a `<b>Ltd</b>`,
/// any `on…` attribute.
pub async fn assert_no_injected_elements(session: &Session, when: &str) {
    let injected = session
        .client
        .execute(
            "return [...document.querySelectorAll('*')].filter((e) => \
               (e.localName === 'img' && e.getAttribute('src') === 'x') || \
               (e.localName === 'script' && e.textContent.includes('alert')) || \
               (e.localName === 'b' && e.textContent === 'Ltd') || \
               [...e.attributes].some((a) => a.name.startsWith('on'))) \
             .map((e) => e.outerHTML.slice(0, 120));",
            vec![],
        )
        .await
        .expect("the page's elements");
    assert_eq!(injected, json!([]), "{when}: markup became elements");
}
