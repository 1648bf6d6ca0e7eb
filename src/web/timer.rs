//! Time for the core's retries: `setTimeout` behind a Promise, and `Date.now()`.

use registrar_core::http::Timer;
use wasm_bindgen_futures::JsFuture;

use super::global;

/// The browser's clock and timers.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserTimer;

impl Timer for BrowserTimer {
    fn now_millis(&self) -> u64 {
        // Date.now() is whole milliseconds since the epoch, well inside f64's exact range.
        js_sys::Date::now().max(0.0) as u64
    }

    async fn sleep(&self, millis: u64) {
        // setTimeout takes a 32-bit delay; the core never waits that long (its longest is 30 s).
        let delay = i32::try_from(millis).unwrap_or(i32::MAX);
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            if global::set_timeout(&resolve, delay).is_err() {
                // No timer: go on at once rather than hang (the retry budget still bounds it).
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            }
        });
        let _ = JsFuture::from(promise).await;
    }
}
