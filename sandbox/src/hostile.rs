//! The hostile page: a test fixture for the hand-off's attack tests, served at any path of the
//! dashboard's look-alike hosts and at `/hostile.html` of the dashboard itself (sites.rs).
//!
//! Contract (what tests rely on):
//! - Instructions come from the URL fragment: `#` + encodeURIComponent(JSON) of
//!   `{"messages": [<objects>], "null": <bool>, "delayMs": <n>}`, every member optional. A
//!   fragment that does not parse sets `data-error` on `<body>` and posts nothing.
//! - After `delayMs` (default 0) the page posts each message, as is, with target origin `*`, to
//!   every frame of its parent (`parent.frames[i]`, which includes itself when it is a frame, and
//!   its own frames when it is the top window) and to `window.opener` if any.
//! - With `"null": true` it does not post itself: it makes an
//!   `<iframe sandbox="allow-scripts" srcdoc=…>` whose script posts the same messages one level
//!   up (`parent.parent.frames[i]` and `parent.opener`), so they arrive with origin `null`.
//! - `document.body.dataset.sent` becomes the number of `postMessage` calls made (by the page,
//!   or reported by its null-origin frame), once posting is done.
//! - Every message the page receives, from anyone, appends one line to `<pre id="received">`:
//!   `{"type": <data.type when a string, else null>, "origin": <event.origin>}`. The null
//!   frame's own "sent" report is the one message not recorded.
//! - `document.body.dataset.ready` is `"1"` once it listens.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

pub const HOSTILE_PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Hostile page (test fixture)</title>
</head>
<body>
<h1>Hostile page</h1>
<p>A test fixture of the sandbox: it posts the messages its URL fragment lists to the windows
around it and records every message it receives.</p>
<pre id="received"></pre>
<script>
(function () {
  "use strict";
  var received = document.getElementById("received");
  var child = null;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (child && event.source === child.contentWindow && data && data.type === "hostile.sent") {
      document.body.dataset.sent = String(data.count);
      return;
    }
    var type = data !== null && typeof data === "object" && typeof data.type === "string" ? data.type : null;
    received.textContent += JSON.stringify({ type: type, origin: event.origin }) + "\n";
  });
  document.body.dataset.ready = "1";

  // Posts `messages` to every frame of `win.parent` and to `win.opener`; returns the count.
  // Runs here with win = window, and as source text in the null-origin frame with win = parent.
  function post(messages, win) {
    var targets = [];
    var frames = win.parent.frames;
    for (var i = 0; i < frames.length; i++) targets.push(frames[i]);
    if (win.opener) targets.push(win.opener);
    var sent = 0;
    for (var m = 0; m < messages.length; m++) {
      for (var t = 0; t < targets.length; t++) {
        try { targets[t].postMessage(messages[m], "*"); sent++; } catch (e) { /* a closed window */ }
      }
    }
    return sent;
  }

  var plan;
  try {
    var text = decodeURIComponent(location.hash.slice(1));
    plan = text ? JSON.parse(text) : {};
    if (plan === null || typeof plan !== "object") throw new Error("the fragment is not a JSON object");
  } catch (e) {
    document.body.dataset.error = String(e);
    return;
  }
  var messages = Array.isArray(plan.messages) ? plan.messages : [];
  setTimeout(function () {
    if (plan["null"] === true) {
      // "<" escaped so no message can end the frame's script early.
      var literal = JSON.stringify(messages).replace(/</g, "\\u003c");
      child = document.createElement("iframe");
      child.setAttribute("sandbox", "allow-scripts");
      child.srcdoc = "<script>var n = (" + post.toString() + ")(" + literal + ", parent);" +
        "parent.postMessage({ type: \"hostile.sent\", count: n }, \"*\");<\/script>";
      document.body.appendChild(child);
    } else {
      document.body.dataset.sent = String(post(messages, window));
    }
  }, Number(plan.delayMs) || 0);
})();
</script>
</body>
</html>
"#;

/// The hostile page, never cached.
pub async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        HOSTILE_PAGE,
    )
        .into_response()
}

/// `{origin}/hostile.html#<encodeURIComponent(instructions)>`: the URL that makes the page at
/// `origin` (a look-alike, or the dashboard) follow `instructions`.
pub fn url(origin: &str, instructions: &Value) -> String {
    format!(
        "{origin}/hostile.html#{}",
        utf8_percent_encode(&instructions.to_string(), NON_ALPHANUMERIC)
    )
}
