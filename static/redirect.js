// The page Microsoft's sign-in window (or the new tab a blocked window's link opened) returns to.
// It runs no app code: nothing here can route, re-render or strip the response before it is
// handed over. It takes the response out of the URL at once (so it never lingers in history),
// hands it to the app window that started the sign-in over a same-origin BroadcastChannel, and
// closes. The app accepts it only if its `state` matches the sign-in it holds in memory; nothing
// is ever kept in storage.
(function () {
  "use strict";
  var raw = location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1);
  history.replaceState(null, "", location.pathname);
  if (!raw) return;
  var channel = new BroadcastChannel("m365-registrar.sign-in");
  channel.postMessage({ type: "m365-registrar.sign-in-response", response: raw });
  channel.close();
  window.close();
  // A browser that keeps this tab open (it was opened by a link, not by the app) says why it
  // is still here.
  document.addEventListener("DOMContentLoaded", function () {
    var said = document.getElementById("handed-over");
    if (said) said.hidden = false;
  });
})();
