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
  var signInUrl = null;
  try {
    signInUrl = authorize ? new URL(authorize) : null;
  } catch (e) {
    signInUrl = null;
  }
  // Nothing here may claim to belong to a page it cannot vouch for: the words about the app and
  // the host it opens show only once the address is checked against config.json.
  about.hidden = true;
  if (!ours || !signInUrl || !/^https?:$/.test(signInUrl.protocol)) {
    status.textContent =
      "This window only works when M365 Registrar opens it. Close it and start again from the registration page.";
    return;
  }
  // Only the origin is shown: the rest of the address carries the sign-in's state and challenge.
  var signInHost = signInUrl.origin;
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

  // Any page of this origin can open relay.html with any address. It opens only this app's own
  // sign-in: config.json's sign-in host, an authorize path, its clientId, this deployment's
  // redirect page, a code with an S256 challenge and a state. So it never lends this window's
  // words to another site, nor to another app's consent page on Microsoft's own host.
  readConfig(function (config) {
    var refused = refusal(config);
    if (refused) {
      status.textContent = refused + " Close this window and start again from the registration page.";
      button.hidden = true;
      return;
    }
    describe(appName(config) || NEUTRAL_NAME);
    about.hidden = false;
    var channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = function (event) {
      var data = event.data;
      if (!data || data.type !== TYPE || typeof data.response !== "string") return;
      if (new URLSearchParams(data.response).get("state") !== expectedState) return;
      parent.postMessage({ type: TYPE, response: data.response }, location.origin);
      channel.close();
      window.close();
    };
    button.addEventListener("click", openSignIn);
    openSignIn();
  });

  // Why the address may not be opened, in words; null when it is this app's own sign-in.
  function refusal(config) {
    var allowed = config ? signInOrigin(config) : null;
    if (!allowed) {
      return "This window cannot read its configuration (config.json beside it), so it cannot check " +
        "where it would send you.";
    }
    if (signInUrl.origin !== allowed || !/\/oauth2\/v2\.0\/authorize$/.test(signInUrl.pathname)) {
      return "This window opens only Microsoft's sign-in page at " + allowed + ", and was asked to open " +
        signInHost + signInUrl.pathname + " instead.";
    }
    var query = signInUrl.searchParams;
    var ownSignIn = String(query.get("client_id")).toLowerCase() === String(config.clientId).toLowerCase() &&
      query.get("redirect_uri") === new URL("redirect.html", location.href).href &&
      query.get("response_type") === "code" &&
      query.get("code_challenge_method") === "S256" &&
      !!query.get("code_challenge") && !!expectedState;
    return ownSignIn ? null : "This window opens only this app's own sign-in, and was asked for another.";
  }

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

  // The sign-in origin the app itself uses: `endpoints.signIn` (https, or http on this machine
  // only, as the app's own configuration check requires), else its `cloud`'s. The table is the
  // core's (registrar_core::config::cloud); tests/protocol_names.rs keeps the two equal.
  function signInOrigin(config) {
    var CLOUD_SIGN_IN = {
      global: "https://login.microsoftonline.com",
      usGovHigh: "https://login.microsoftonline.us",
      usGovDoD: "https://login.microsoftonline.us",
      china: "https://login.chinacloudapi.cn"
    };
    if (config.endpoints && typeof config.endpoints.signIn === "string") {
      try {
        var url = new URL(config.endpoints.signIn);
        var loopback = /^(localhost|.+\.localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname);
        return url.protocol === "https:" || (url.protocol === "http:" && loopback) ? url.origin : null;
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
