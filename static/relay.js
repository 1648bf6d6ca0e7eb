// The relay window, for an app embedded in another site's iframe. Chromium partitions a cross-site
// iframe's storage and BroadcastChannel, and Microsoft's sign-in page can be neither framed nor
// kept as an opener (COOP). So the iframe opens this same-origin window; it never leaves our
// origin, so it keeps its link to the iframe. It opens the sign-in window, waits for the redirect
// page on the first-party BroadcastChannel, and posts the response to the iframe with our own
// origin as the only allowed target. The iframe redeems the code itself: no secret passes here.
//
// It runs under relay.html's strict Content-Security-Policy: no inline script or style. Its words
// say whose window this is (the app's name from config.json beside it) and which sign-in host it
// opens, because it is a window on the vendor's domain, not Microsoft's, that asks for a click.
(function () {
  "use strict";
  var CHANNEL = "m365-registrar.sign-in";
  var TYPE = "m365-registrar.sign-in-response";
  // Said until config.json names the app, and if it cannot.
  var NEUTRAL_NAME = "the app you are setting up";
  var title = document.getElementById("title");
  var about = document.getElementById("about");
  var status = document.getElementById("status");
  var button = document.getElementById("continue");
  style();

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
    // Nothing here may claim to belong to a page it cannot vouch for.
    about.hidden = true;
    status.textContent =
      "This window only works when M365 Registrar opens it. Close it and start again from the registration page.";
    return;
  }

  var signInUrl = new URL(authorize);
  // Only the origin is shown: the rest of the address carries the sign-in's state and challenge.
  var signInHost = signInUrl.origin;
  describe(NEUTRAL_NAME);
  status.textContent = "Checking where this window may send you\u2026";

  // Only the answer to this relay's own sign-in is forwarded: other tabs' sign-ins (or any page
  // that opens redirect.html with made-up parameters) share the channel.
  var expectedState = signInUrl.searchParams.get("state");

  function openSignIn() {
    var signIn = window.open(authorize, "m365-registrar-sign-in", "popup,width=520,height=700");
    if (signIn) {
      status.textContent =
        "Finish signing in in the Microsoft window (" + signInHost + "). This window closes by itself.";
      button.hidden = true;
    } else {
      // A window opened without a click of its own may be refused: one click here is enough.
      status.textContent =
        "Your browser wants a click before it opens the Microsoft sign-in window. Click \u201c" +
        button.textContent + "\u201d below.";
      button.hidden = false;
    }
  }

  // Any page of this origin can open relay.html with any address: it opens only the sign-in
  // host config.json names (`endpoints.signIn`, or the `cloud`'s), at an authorize path, so it
  // never lends this window's words to another site. Unreadable configuration: it opens nothing.
  readConfig(function (config) {
    var allowed = config ? signInOrigin(config) : null;
    if (config) describe(appName(config) || NEUTRAL_NAME);
    var authorizePath = /\/oauth2\/v2\.0\/authorize$/.test(signInUrl.pathname);
    if (!allowed || signInUrl.origin !== allowed || !authorizePath) {
      status.textContent = allowed
        ? "This window opens only Microsoft's sign-in page at " + allowed + ", and was asked to open " +
          signInHost + " instead. Close it and start again from the registration page."
        : "This window cannot read its configuration (config.json beside it), so it cannot check " +
          "where it would send you. Close it and start again from the registration page.";
      button.hidden = true;
      return;
    }
    var channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = function (event) {
      var data = event.data;
      if (!data || data.type !== TYPE || typeof data.response !== "string") return;
      if (!expectedState || new URLSearchParams(data.response).get("state") !== expectedState) return;
      parent.postMessage({ type: TYPE, response: data.response }, location.origin);
      channel.close();
      window.close();
    };
    button.addEventListener("click", openSignIn);
    openSignIn();
  });

  // Says whose window this is and where it sends the admin; text only, never markup.
  function describe(name) {
    title.textContent = "Sign in to Microsoft 365 for " + name;
    document.title = title.textContent;
    about.textContent =
      "This window belongs to the page that connects " + name + " to your Microsoft 365 tenant. " +
      "It opens Microsoft's sign-in page at " + signInHost +
      " and closes by itself when you have signed in.";
  }

  // The configuration beside this page (same origin, never a cached copy), or null.
  function readConfig(then) {
    if (typeof fetch !== "function") return then(null);
    fetch("config.json", { cache: "no-store", credentials: "same-origin", redirect: "error" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (config) {
        then(config && typeof config === "object" ? config : null);
      })
      .catch(function () {
        then(null);
      });
  }

  // The app's name in quotes, without control characters; "" if the configuration has none.
  function appName(config) {
    var name = typeof config.appDisplayName === "string"
      ? config.appDisplayName.replace(/[\u0000-\u001f\u007f]/g, " ").trim()
      : "";
    return name && name.length <= 256 ? "\u201c" + name + "\u201d" : "";
  }

  // The sign-in origin the app itself uses: `endpoints.signIn`, else its `cloud`'s. The table is
  // the core's (registrar_core::config::cloud); tests/protocol_names.rs keeps the two equal.
  function signInOrigin(config) {
    var CLOUD_SIGN_IN = {
      global: "https://login.microsoftonline.com",
      usGovHigh: "https://login.microsoftonline.us",
      usGovDoD: "https://login.microsoftonline.us",
      china: "https://login.chinacloudapi.cn"
    };
    if (config.endpoints && typeof config.endpoints.signIn === "string") {
      try {
        return new URL(config.endpoints.signIn).origin;
      } catch (e) {
        return null;
      }
    }
    var cloud = config.cloud === undefined ? "global" : config.cloud;
    return Object.prototype.hasOwnProperty.call(CLOUD_SIGN_IN, cloud) ? CLOUD_SIGN_IN[cloud] : null;
  }

  // The page's look, set through the CSSOM: relay.html's policy refuses inline style.
  function style() {
    var body = document.body.style;
    body.font = "16px/1.5 system-ui, sans-serif";
    body.margin = "2rem";
    body.color = "#1b1b1f";
    body.maxWidth = "32rem";
    var b = button.style;
    b.font = "inherit";
    b.padding = ".5rem 1rem";
    b.borderRadius = "6px";
    b.border = "1px solid #0f6cbd";
    b.background = "#0f6cbd";
    b.color = "#fff";
  }
})();
