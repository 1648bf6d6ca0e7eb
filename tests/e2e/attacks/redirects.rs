//! Forged and replayed answers to the redirect page. A wrong `state` is in
//! `sign_in_failures.rs` (`a_response_with_another_state_is_said_and_ignored`) and, through the
//! relay, in `sign_in.rs` (`the_relay_forwards_only_the_answer_to_its_own_sign_in`).

use sandbox_tenant::sites::{AppConfig, Site};
use sandbox_tenant::tenant::seed;

use super::{assert_no_injected_elements, query_of_current_url};
use crate::browser::Session;
use crate::flows::*;

/// RFC 7636 Appendix B's challenge: a sign-in this page never started.
const OTHER_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/// Sends the current window (a sign-in window) to the app's redirect page with `parameters`
/// in its fragment, as Microsoft's redirect would.
async fn answer_with(session: &Session, parameters: &str) {
    let url = session.url(Site::App, &format!("/redirect.html#{parameters}"));
    session.visit(&url).await;
}

/// The codes the sandbox issued, with whether each was redeemed and for which PKCE challenge.
fn issued_codes(session: &Session) -> Vec<(String, bool, Option<String>)> {
    let state = session.sites.tenant.lock();
    state
        .codes
        .iter()
        .map(|(code, record)| (code.clone(), record.redeemed, record.code_challenge.clone()))
        .collect()
}

/// Clicks `button` in the app window (the current one), and in the sign-in window it opens
/// answers with `parameters(state)` in place of Microsoft, as a forger who read the sign-in's
/// `state` from its address would; back in the app window, returns the failure it shows,
/// having checked nobody is signed in.
async fn forge_answer(
    session: &Session,
    button: &str,
    parameters: impl FnOnce(&str) -> String,
) -> String {
    let app_window = session.client.window().await.expect("the app window");
    open_sign_in_window(session, &app_window, button).await;
    let state = query_of_current_url(session).await["state"].clone();
    answer_with(session, &parameters(&state)).await;
    session.wait_until_window_closes().await;
    session.switch_to(&app_window).await;
    nobody_signed_in(session).await
}

/// The failure the app shows, after checking nobody is signed in.
async fn nobody_signed_in(session: &Session) -> String {
    let error = sign_in_failure(session).await;
    assert!(
        !session.shows("#signed-in").await,
        "nobody is signed in: {error}"
    );
    error
}

#[tokio::test]
async fn a_replayed_code_is_refused_and_nobody_is_signed_in_with_it() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;
    assert_signed_in_to_the_sandbox(&session).await;
    let used: Vec<String> = issued_codes(&session)
        .into_iter()
        .filter(|(_, redeemed, _)| *redeemed)
        .map(|(code, _, _)| code)
        .collect();
    assert_eq!(used.len(), 1, "one code was redeemed");

    // Someone who saw that code (in a log, a proxy) replays it to a new sign-in, with its state.
    let error = forge_answer(&session, "#sign-in-again", |state| {
        format!("code={}&state={state}", used[0])
    })
    .await;
    assert!(error.contains("already used once"), "{error}");
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn a_code_issued_to_another_sign_in_is_refused() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let app_window = session.client.window().await.expect("the app window");
    open_sign_in_window(&session, &app_window, "#sign-in-button").await;
    let ours = query_of_current_url(&session).await;

    // The attacker's own sign-in, with its own challenge and state, gets a real code…
    let mut theirs = session.client.current_url().await.expect("url");
    let pairs: Vec<(String, String)> = ours
        .iter()
        .map(|(k, v)| match k.as_str() {
            "state" => (k.clone(), "the-attackers-state".to_owned()),
            "code_challenge" => (k.clone(), OTHER_CHALLENGE.to_owned()),
            _ => (k.clone(), v.clone()),
        })
        .collect();
    theirs.query_pairs_mut().clear().extend_pairs(pairs);
    session.visit(theirs.as_str()).await;
    choose_admin_and_accept(&session).await;
    // (The redirect page broadcast it; the app ignored it: not its state.)
    session.wait_until_window_closes().await;
    let code = issued_codes(&session)
        .into_iter()
        .find(|(_, redeemed, challenge)| !redeemed && challenge.as_deref() == Some(OTHER_CHALLENGE))
        .map(|(code, _, _)| code)
        .expect("the attacker's unredeemed code");

    // …and hands it to the admin's sign-in under the admin's state.
    session.switch_to(&app_window).await;
    let waiting = session.text_of("#sign-in-waiting").await;
    assert!(waiting.contains("Finish signing in"), "{waiting}");
    session
        .open_tab(
            Site::App,
            &format!("/redirect.html#code={code}&state={}", ours["state"]),
        )
        .await;
    session.switch_to(&app_window).await;
    let error = nobody_signed_in(&session).await;
    // Microsoft's words: the verifier does not match the code's challenge (AADSTS50148).
    assert!(error.contains("code_verifier does not match"), "{error}");
    session.finish().await;
}

#[tokio::test]
async fn markup_and_script_in_an_error_description_show_as_text() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let description =
        "AADSTS999999: <img src=x onerror=alert(1)><script>alert(3)</script><b>Ltd</b>";
    let encoded: String = url::form_urlencoded::byte_serialize(description.as_bytes()).collect();
    let error = forge_answer(&session, "#sign-in-button", |state| {
        format!("error=invalid_request&error_description={encoded}&state={state}")
    })
    .await;
    assert_no_injected_elements(&session, "the sign-in error").await;
    // An error the page does not know: Microsoft's own first line is shown, as text.
    let markup = "<img src=x onerror=alert(1)><script>alert(3)</script><b>Ltd</b>";
    assert!(error.contains(markup), "{error}");
    session.assert_no_console_errors().await;
    session.finish().await;
}
