// The page Microsoft's sign-in window returns to. It runs no app code: nothing here can route,
// re-render or strip the response before it is handed over. It takes the response out of the URL
// at once (so it never lingers in history), hands it to the app window that started the sign-in
// over a same-origin BroadcastChannel, and closes. The app accepts it only if its `state` matches
// the sign-in it started.
(function () {
  "use strict";
  var raw = location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1);
  history.replaceState(null, "", location.pathname);
  if (!raw) return;
  // A full-page sign-in (this tab went to Microsoft itself, because its popup was blocked): keep
  // the response for this tab only and go back to the app, which takes and deletes it at once.
  // Only if the answer is to that sign-in: a popup starts with a copy of its opener's storage.
  var ownState = sessionStorage.getItem("m365-registrar.sign-in-state");
  if (ownState !== null && new URLSearchParams(raw).get("state") === ownState) {
    sessionStorage.setItem("m365-registrar.sign-in-response", raw);
    location.replace("./");
    return;
  }
  var channel = new BroadcastChannel("m365-registrar.sign-in");
  channel.postMessage({ type: "m365-registrar.sign-in-response", response: raw });
  channel.close();
  window.close();
})();
