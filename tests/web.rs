//! wasm tests of the browser layer, in headless Chromium (`scripts/test` runs them).
#![cfg(target_arch = "wasm32")]

use m365_registrar::web::config_source::{self, StartupError};
use m365_registrar::web::fetch::get_text;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_config_file_the_server_does_not_have_is_reported_with_its_status_and_address() {
    // The test runner's page has no config.json beside it.
    match config_source::load().await {
        Err(StartupError::NotServed { url, status }) => {
            assert_eq!(status, 404);
            assert!(
                url.ends_with("/config.json"),
                "absolute address of the file: {url}"
            );
            assert!(
                url.starts_with("http"),
                "absolute address of the file: {url}"
            );
        }
        other => panic!("expected NotServed, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn an_unreachable_host_is_an_error_not_a_panic() {
    // Port 9 on loopback: nothing listens, the request fails before any HTTP answer.
    let result = get_text("http://127.0.0.1:9/config.json").await;
    assert!(result.is_err(), "a refused connection must be an error");
}
