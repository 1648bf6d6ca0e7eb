// The relay window, for an app embedded in another site's iframe. Chromium partitions a cross-site
// iframe's storage and BroadcastChannel, and Microsoft's sign-in page can be neither framed nor
// kept as an opener (COOP). So the iframe opens this same-origin window; it never leaves our
// origin, so it keeps its link to the iframe. It opens the sign-in window, waits for the redirect
// page on the first-party BroadcastChannel, and posts the response to the iframe with our own
// origin as the only allowed target. The iframe redeems the code itself: no secret passes here.
(function () {
  "use strict";
  var CHANNEL = "m365-registrar.sign-in";
  var TYPE = "m365-registrar.sign-in-response";
  var status = document.getElementById("status");
  var button = document.getElementById("continue");

  var parent = window.opener;
  var ours = false;
  try {
    ours = !!parent && parent.location.origin === location.origin;
  } catch (e) {
    ours = false; // another site opened us: reading its location throws
  }
  var authorize = new URLSearchParams(location.hash.slice(1)).get("authorize");
  history.replaceState(null, "", location.pathname);
  if (!ours || !authorize || !/^https?:\/\//.test(authorize)) {
    status.textContent =
      "This window only works when M365 Registrar opens it. Close it and start again from the registration page.";
    return;
  }

  // Only the answer to this relay's own sign-in is forwarded: other tabs' sign-ins (or any page
  // that opens redirect.html with made-up parameters) share the channel.
  var expectedState = new URL(authorize).searchParams.get("state");

  var channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = function (event) {
    var data = event.data;
    if (!data || data.type !== TYPE || typeof data.response !== "string") return;
    if (!expectedState || new URLSearchParams(data.response).get("state") !== expectedState) return;
    parent.postMessage({ type: TYPE, response: data.response }, location.origin);
    channel.close();
    window.close();
  };

  function openSignIn() {
    var signIn = window.open(authorize, "m365-registrar-sign-in", "popup,width=520,height=700");
    if (signIn) {
      status.textContent = "Finish signing in in the Microsoft window. This window closes by itself.";
      button.hidden = true;
    } else {
      // A window opened without a click of its own may be refused: one click here is enough.
      status.textContent = "Your browser wants a click before it opens the Microsoft sign-in window.";
      button.hidden = false;
    }
  }
  button.addEventListener("click", openSignIn);
  openSignIn();
})();
