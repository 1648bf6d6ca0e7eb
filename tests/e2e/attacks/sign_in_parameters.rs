//! Every sign-in draws its own `state`, `nonce` and PKCE verifier: compared across sign-ins as
//! they reach the sandbox's authorize endpoint (the address of its sign-in page) and its token
//! endpoint (each code is redeemed only with the verifier whose S256 challenge it was issued
//! for, so distinct challenges of redeemed codes mean distinct verifiers).

use std::collections::HashSet;

use sandbox_tenant::sites::{AppConfig, Site};
use sandbox_tenant::tenant::seed;

use super::query_of_current_url;
use crate::browser::Session;
use crate::flows::*;

const SIGN_INS: usize = 4;

#[tokio::test]
async fn state_nonce_and_verifier_differ_on_every_sign_in() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    let app_window = session.client.window().await.expect("the app window");
    let mut asked = vec![];
    for round in 0..SIGN_INS {
        let button = if round == 0 {
            "#sign-in-button"
        } else {
            "#sign-in-again"
        };
        open_sign_in_window(&session, &app_window, button).await;
        asked.push(query_of_current_url(&session).await);
        session
            .click(&format!("button[data-upn=\"{}\"]", seed::GLOBAL_ADMIN))
            .await;
        if round == 0 {
            session.click("#accept").await;
        }
        session.wait_until_window_closes().await;
        session.switch_to(&app_window).await;
        assert_signed_in_to_the_sandbox(&session).await;
    }

    for name in ["state", "nonce", "code_challenge"] {
        let values: HashSet<&str> = asked.iter().map(|q| q[name].as_str()).collect();
        assert_eq!(values.len(), SIGN_INS, "a {name} was used twice: {asked:?}");
        // At least 128 random bits, base64url: 22 characters.
        assert!(values.iter().all(|v| v.len() >= 22), "{name}: {values:?}");
    }
    assert!(asked.iter().all(|q| q["code_challenge_method"] == "S256"));

    // The codes the token endpoint redeemed: one per sign-in, each for that sign-in's own
    // challenge and nonce.
    let redeemed: HashSet<(Option<String>, Option<String>)> = {
        let state = session.sites.tenant.lock();
        state
            .codes
            .values()
            .filter(|c| c.redeemed)
            .map(|c| (c.code_challenge.clone(), c.nonce.clone()))
            .collect()
    };
    let asked_pairs: HashSet<(Option<String>, Option<String>)> = asked
        .iter()
        .map(|q| (q.get("code_challenge").cloned(), q.get("nonce").cloned()))
        .collect();
    assert_eq!(redeemed, asked_pairs, "each sign-in redeemed its own code");
    session.finish().await;
}
