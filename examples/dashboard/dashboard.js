// The sample dashboard: what a backup vendor's dashboard does to receive M365 Registrar's result.
// Plain JavaScript, no build step, no framework, nothing inline (the page's CSP forbids it).
// The protocol, version 1, is docs/handoff.md; each rule it puts on a dashboard is marked RULE.
//
//   registrar → dashboard   m365-registrar.ready      → we answer with start
//   dashboard → registrar   m365-registrar.start      (onboardingId, loginHint, publicKey; the
//                                                       id and the key come from our backup server)
//   registrar → dashboard   status, progress, height   → shown as text / size the iframe
//   registrar → dashboard   m365-registrar.result     → POST to our backup server, then ack
//   dashboard → registrar   m365-registrar.ack        (only once the server has stored it)
//   registrar → dashboard   m365-registrar.error      → shown as text
//   dashboard → registrar   m365-registrar.cancel     (the Cancel button)
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------------
  // Configuration

  // A vendor writes its registrar's origin here, e.g. "https://registrar.example-backup.com".
  // This sample's registrar is the sibling site app.localhost on the same port. RULE: the origin
  // is fixed by the dashboard, never read from a message or a URL parameter.
  var REGISTRAR_ORIGIN = location.origin.replace("//dashboard.", "//app.");
  var REGISTRAR_URL = REGISTRAR_ORIGIN + "/";
  // The backup server's endpoints, on this dashboard's own origin.
  var ONBOARDING_ENDPOINT = "/api/onboarding";
  var KEY_ENDPOINT = "/api/handoff-key";
  var HANDOFF_ENDPOINT = "/api/handoff";

  var VERSION = 1;
  var TYPE = {
    // From the registrar to the dashboard.
    ready: "m365-registrar.ready",
    status: "m365-registrar.status",
    progress: "m365-registrar.progress",
    result: "m365-registrar.result",
    error: "m365-registrar.error",
    height: "m365-registrar.height",
    // From the dashboard to the registrar.
    start: "m365-registrar.start",
    ack: "m365-registrar.ack",
    cancel: "m365-registrar.cancel",
  };
  // Tests only: `?start=manual` holds the start message until the "Send start" button is
  // clicked, so a test can have hostile pages speak first. A real dashboard answers ready at once.
  var MANUAL_START = new URLSearchParams(location.search).get("start") === "manual";
  // The iframe's height follows the registrar's page, within these bounds (CSS pixels).
  var MIN_HEIGHT = 200;
  var MAX_HEIGHT = 4000;

  // ---------------------------------------------------------------------------------------------
  // Page elements and the state tests read

  function $(id) {
    return document.getElementById(id);
  }
  var ui = {
    seal: $("seal"),
    loginHint: $("login-hint"),
    noAck: $("no-ack"),
    embed: $("embed"),
    openWindow: $("open-window"),
    cancel: $("cancel"),
    notice: $("notice"),
    onboardingId: $("onboarding-id"),
    status: $("status"),
    progress: $("progress"),
    progressText: $("progress-text"),
    registrarError: $("registrar-error"),
    frameSlot: $("frame-slot"),
    serverState: $("server-state"),
    handoffError: $("handoff-error"),
    stored: $("stored"),
    log: $("log"),
  };

  // State for tests and demos, on <body data-…>: onboarding-id, result-id, sealed ("true" or
  // "false"), stored ("yes"), acked ("yes"), last-type, error-code. Never a secret.
  var state = document.body.dataset;

  // Everything shown comes from textContent: a message's text is never parsed as HTML.
  function show(el, text) {
    el.textContent = text == null ? "" : String(text);
  }

  // The log: one line per message type with how many arrived. RULE: never a message's data (a
  // result carries the secret), and never in the console either.
  var typeCounts = {};
  var typeOrder = [];
  function logType(label) {
    if (!Object.prototype.hasOwnProperty.call(typeCounts, label)) {
      typeCounts[label] = 0;
      typeOrder.push(label);
    }
    typeCounts[label] += 1;
    show(
      ui.log,
      typeOrder
        .map(function (t) {
          return "from the registrar: " + t + (typeCounts[t] > 1 ? " ×" + typeCounts[t] : "");
        })
        .join("\n")
    );
  }

  // ---------------------------------------------------------------------------------------------
  // One onboarding: one registrar iframe or window, one onboarding id, one key

  var session = null;

  // RULE: the backup server issues a fresh, unguessable onboarding id for every onboarding, and
  // accepts one bundle per id, once. The id comes back in the result and inside the sealed
  // bundle's protected header; because the server made it and remembers whether it was used,
  // the server can refuse a bundle replayed from an earlier onboarding, or made for someone
  // else's, or carrying an id this page invented. An id made here in the browser could do none
  // of that: the server would only be comparing the page's word with itself.
  var ONBOARDING_ID = /^[A-Za-z0-9._~-]{1,128}$/;
  function fetchOnboardingId() {
    return fetch(ONBOARDING_ENDPOINT, {
      method: "POST",
      cache: "no-store",
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error("the backup server answered " + response.status);
        return response.json();
      })
      .then(function (body) {
        var id = body && body.onboardingId;
        // The registrar ignores a start whose id breaks these rules: better to say so here.
        if (typeof id !== "string" || !ONBOARDING_ID.test(id)) {
          throw new Error("the backup server's onboarding id is not 1 to 128 characters of A-Z a-z 0-9 . _ ~ -");
        }
        return id;
      });
  }

  // The backup server's public key, fetched from our own origin before start is sent. RULE: only
  // public members go to the registrar; a key with private members is refused outright.
  function fetchPublicKey(alg) {
    return fetch(KEY_ENDPOINT + "?alg=" + encodeURIComponent(alg), {
      cache: "no-store",
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error("the backup server answered " + response.status);
        return response.json();
      })
      .then(function (jwk) {
        var kty = alg === "RSA-OAEP-256" ? "RSA" : "EC";
        if (!jwk || typeof jwk !== "object" || jwk.kty !== kty) {
          throw new Error("the backup server's key is not an " + kty + " key");
        }
        if (["d", "p", "q", "dp", "dq", "qi", "oth", "k"].some(function (m) { return m in jwk; })) {
          throw new Error("the backup server sent a private key: refusing to pass it on");
        }
        var members = kty === "EC" ? ["kty", "crv", "x", "y", "kid", "alg", "use"] : ["kty", "n", "e", "kid", "alg", "use"];
        var publicKey = {};
        members.forEach(function (m) {
          if (typeof jwk[m] === "string") publicKey[m] = jwk[m];
        });
        return publicKey;
      });
  }

  // Forgets the previous onboarding (removes its iframe, closes the window it opened) and
  // starts a new one. Reads the form once: changing it later does not change this onboarding.
  function newSession(kind) {
    endSession();
    var seal = ui.seal.value;
    var hint = ui.loginHint.value.trim();
    var s = {
      kind: kind, // "iframe" or "window", as the registrar's ready says
      frame: null,
      win: null,
      onboardingId: null, // set when the backup server has issued it
      sealed: seal !== "none",
      loginHint: hint || null,
      readyPromise: null,
      started: false,
      finished: false,
      closedTimer: null,
    };
    // Both fetched now, in parallel with each other and with the registrar's loading; start
    // waits for both. Each failure says what failed.
    var idPromise = fetchOnboardingId().then(
      function (id) {
        if (session !== s) return id;
        s.onboardingId = id;
        state.onboardingId = id;
        show(ui.onboardingId, id);
        return id;
      },
      function (error) {
        throw new Error("Could not get an onboarding id from the backup server (" + error.message + ")");
      }
    );
    var keyPromise = s.sealed
      ? fetchPublicKey(seal).catch(function (error) {
          throw new Error("Could not fetch the backup server's public key (" + error.message + ")");
        })
      : Promise.resolve(null);
    s.readyPromise = Promise.all([idPromise, keyPromise]).then(function (both) {
      return { onboardingId: both[0], publicKey: both[1] };
    });
    s.readyPromise.catch(function () {}); // reported when ready arrives
    session = s;

    Object.keys(state).forEach(function (key) { delete state[key]; });
    state.sealed = String(s.sealed);
    show(ui.onboardingId, "asking the backup server…");
    show(ui.status, "Waiting for the registrar to load…");
    show(ui.notice, "");
    show(ui.registrarError, "");
    show(ui.progressText, "");
    ui.progress.hidden = true;
    show(ui.serverState, "Nothing yet: the registrar has not sent a result.");
    show(ui.handoffError, "");
    ui.stored.hidden = true;
    ui.cancel.disabled = true;
    window.lastResult = undefined;
    return s;
  }

  function endSession() {
    if (!session) return;
    if (session.closedTimer) clearInterval(session.closedTimer);
    if (session.frame) session.frame.remove();
    if (session.win && !session.win.closed) session.win.close();
    session = null;
  }

  // The window messages to the registrar go to.
  function registrarWindow(s) {
    if (!s) return null;
    return s.frame ? s.frame.contentWindow : s.win;
  }

  // RULE: post only to the registrar's exact origin, never "*": if the iframe or window has
  // navigated elsewhere, the browser drops the message instead of handing it to a stranger.
  function post(s, message) {
    var target = registrarWindow(s);
    if (target) target.postMessage(message, REGISTRAR_ORIGIN);
  }

  // ---------------------------------------------------------------------------------------------
  // Embedding and opening

  ui.embed.addEventListener("click", function () {
    var s = newSession("iframe");
    var frame = document.createElement("iframe");
    frame.id = "registrar-frame";
    frame.name = "registrar";
    // A title for screen readers.
    frame.title = "M365 Registrar: connect your Microsoft 365 tenant";
    // One permission, and only this one: a cross-site iframe may not write to the clipboard
    // unless its embedder delegates it, and the registrar's "Copy" buttons (values the admin
    // pastes by hand when no dashboard takes the bundle) need it. No camera, microphone,
    // geolocation, payment or anything else.
    frame.allow = "clipboard-write";
    // No `sandbox` attribute, on purpose. The registrar must open windows that leave any sandbox
    // (its sign-in relay and Microsoft's sign-in), keep its own origin (its storage and its
    // BroadcastChannel) and download files (the settings file, the certificate): a sandbox that
    // works needs allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox
    // allow-forms allow-downloads, which takes away nothing the cross-site boundary does not
    // already enforce. The browser keeps the registrar out of this page's DOM and storage anyway.
    frame.src = REGISTRAR_URL;
    ui.frameSlot.textContent = "";
    ui.frameSlot.appendChild(frame);
    s.frame = frame;
  });

  ui.openWindow.addEventListener("click", function () {
    var s = newSession("window");
    // RULE: window.open synchronously in the click (before any await or fetch), or the popup
    // blocker refuses it. No "noopener"/"noreferrer": the registrar posts its result back
    // through window.opener. `?handoff=window` tells the registrar a dashboard opened it, so it
    // can tell the admin when that link is lost (e.g. the dashboard tab was closed).
    var win = window.open(REGISTRAR_URL + "?handoff=window", "m365-registrar", "popup,width=900,height=800");
    if (!win) {
      show(ui.notice, "The browser blocked the registrar window: allow pop-ups for this site and try again.");
      show(ui.status, "Not connected.");
      return;
    }
    s.win = win;
    s.closedTimer = setInterval(function () {
      if (!win.closed) return;
      clearInterval(s.closedTimer);
      s.closedTimer = null;
      if (session === s && !s.finished) show(ui.status, "The registrar window was closed before it finished.");
      if (session === s) ui.cancel.disabled = true;
    }, 1000);
  });

  // RULE: cancel is only a request. Before the admin confirms the plan the registrar stops and
  // answers with error code "cancelled"; after, it finishes and the result comes as usual.
  ui.cancel.addEventListener("click", function () {
    if (!session || !session.started) return;
    post(session, { type: TYPE.cancel, version: VERSION });
    show(ui.notice, "Asked the registrar to cancel.");
  });

  // ---------------------------------------------------------------------------------------------
  // Receiving

  window.addEventListener("message", function (event) {
    // RULE: the exact origin, compared as a whole string: never a prefix, suffix or substring
    // test, never a pattern.
    if (event.origin !== REGISTRAR_ORIGIN) return;
    // RULE: and the window this page embedded or opened: any page of the registrar's origin
    // could post to us (another tab, a window someone else opened).
    var s = session;
    if (!s || event.source === null || event.source !== registrarWindow(s)) return;
    var message = event.data;
    // RULE: a plain object, a type we know and version 1; anything else is ignored.
    if (!message || typeof message !== "object" || typeof message.type !== "string") {
      logType("(a message without a type: ignored)");
      return;
    }
    var handler = Object.prototype.hasOwnProperty.call(handlers, message.type) ? handlers[message.type] : null;
    if (!handler) {
      logType(message.type.slice(0, 80) + " (not a message for a dashboard: ignored)");
      return;
    }
    if (message.version !== VERSION) {
      logType(message.type + " (not version " + VERSION + ": ignored)");
      return;
    }
    logType(message.type);
    state.lastType = message.type;
    handler(s, message);
  });

  function isText(v) {
    return typeof v === "string";
  }
  function isCount(v) {
    return typeof v === "number" && isFinite(v) && v >= 0;
  }

  var handlers = {};

  // ready: the registrar listens. Answer with start, once the onboarding id and the key (when
  // sealing) are here. RULE: it may load again by itself and say ready again (docs/handoff.md):
  // answer it again, unless this onboarding already ended (cancelled, stopped or delivered).
  handlers[TYPE.ready] = function (s, message) {
    if (s.finished) return;
    if (message.mode !== s.kind) {
      show(ui.notice, "The registrar says it runs as " + String(message.mode) + ", not " + s.kind + ".");
    }
    show(
      ui.status,
      s.sealed
        ? "Asking the backup server for an onboarding id and its public key…"
        : "Asking the backup server for an onboarding id…"
    );
    s.readyPromise.then(
      function (got) {
        if (session !== s) return;
        if (MANUAL_START && !s.releaseStart) {
          var send = $("send-start");
          send.hidden = false;
          s.releaseStart = function () {
            send.hidden = true;
            handlers[TYPE.ready](s, message);
          };
          send.onclick = s.releaseStart;
          return;
        }
        // RULE: only members the protocol defines; one left undefined would still be a member
        // (structured clone keeps it), and unknown members make the message invalid.
        var start = { type: TYPE.start, version: VERSION, onboardingId: got.onboardingId };
        if (s.loginHint) start.loginHint = s.loginHint;
        if (got.publicKey) start.publicKey = got.publicKey;
        post(s, start);
        s.started = true;
        state.started = "yes";
        ui.cancel.disabled = false;
        show(ui.status, "Connected: the admin signs in in the registrar.");
      },
      function (error) {
        if (session !== s) return;
        // Not starting at all is safer than sending the bundle unsealed when sealing was asked,
        // or without an id the backup server would accept.
        show(ui.notice, error.message + ": not starting.");
        show(ui.status, "Not connected.");
      }
    );
  };

  // status: the admin signed in, cannot finish, reads the plan, or registration runs.
  var STATES = {
    "signed-in": "Signed in",
    "cannot-finish": "Cannot finish",
    plan: "The admin reviews the plan",
    registering: "Registering",
  };
  handlers[TYPE.status] = function (s, message) {
    if (!isText(message.state)) return;
    var text = Object.prototype.hasOwnProperty.call(STATES, message.state) ? STATES[message.state] : message.state;
    if (isText(message.message) && message.message) text += ": " + message.message;
    if (isText(message.tenantId)) text += " (tenant " + message.tenantId + ")";
    show(ui.status, text);
  };

  // progress: after each round trip while registering.
  handlers[TYPE.progress] = function (s, message) {
    if (!isCount(message.done) || !isCount(message.total) || message.total === 0) return;
    ui.progress.hidden = false;
    ui.progress.max = message.total;
    ui.progress.value = Math.min(message.done, message.total);
    show(ui.progressText, (isText(message.step) ? message.step + ": " : "") + message.done + " of " + message.total);
  };

  // height: size the iframe to the registrar's page, within sane bounds.
  handlers[TYPE.height] = function (s, message) {
    if (!s.frame || !isCount(message.height)) return;
    var height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, message.height)));
    s.frame.style.height = height + "px"; // CSSOM, which a strict style-src allows
  };

  // error: a refused start, a start too late, a failed sign-in, a stop, a cancel.
  handlers[TYPE.error] = function (s, message) {
    var code = isText(message.code) ? message.code : "error";
    state.errorCode = code;
    show(ui.registrarError, code + (isText(message.message) ? ": " + message.message : ""));
    if (code === "cancelled" || code === "stopped") {
      s.finished = true;
      ui.cancel.disabled = true;
    }
  };

  // result: hand it to the backup server as received; acknowledge only once it is stored.
  handlers[TYPE.result] = function (s, message) {
    if (!isText(message.resultId) || typeof message.sealed !== "boolean") return;
    // Demo and test only, and only sealed (a JWE this page cannot open): tests read it here to
    // open it independently. A real dashboard keeps no copy of the result in the page; an
    // unsealed one holds the secret and the private key.
    window.lastResult = message.sealed ? message : undefined;
    state.resultId = message.resultId;
    state.sealed = String(message.sealed);
    s.finished = true;
    ui.cancel.disabled = true;
    show(ui.status, "The registrar sent its result.");
    handOff(s, message);
  };

  // ---------------------------------------------------------------------------------------------
  // The hand-off to the backup server

  function handOff(s, result) {
    show(ui.handoffError, "");
    // RULE: the result must be for this onboarding (the backup server checks it too, and that
    // the id is one it issued and has not used)...
    if (result.onboardingId !== s.onboardingId) {
      return refuse(s, "The result is for another onboarding: not stored, not acknowledged.");
    }
    // ...and sealed when sealing was asked (the backup server checks the JWE's header too).
    if (s.sealed && (result.sealed !== true || !isText(result.jwe))) {
      return refuse(s, "A sealed result was asked for and a plain one came: not stored, not acknowledged.");
    }
    show(ui.serverState, "Sending the result to the backup server…");
    fetch(HANDOFF_ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      cache: "no-store",
      // The result message as received: sealed, its JWE; unsealed, the bundle itself (the
      // server's own TLS and authentication protect it in transit).
      body: JSON.stringify({ onboardingId: s.onboardingId, result: result }),
    })
      .then(function (response) {
        return response.json().then(
          function (body) { return { response: response, body: body }; },
          function () { return { response: response, body: null }; }
        );
      })
      .then(function (answer) {
        if (session !== s) return;
        var body = answer.body;
        if (!answer.response.ok) {
          var why = body && isText(body.error) ? body.error : "HTTP " + answer.response.status;
          return refuse(s, "The backup server refused the result: " + why);
        }
        if (!body || typeof body.stored !== "object" || body.stored === null) {
          return refuse(s, "The backup server's answer has no stored bundle: not acknowledged.");
        }
        showStored(body);
        state.stored = "yes";
        acknowledge(s, result.resultId);
      })
      .catch(function (error) {
        if (session === s) refuse(s, "Could not reach the backup server: " + error.message);
      });
  }

  // RULE: no acknowledgement unless the backup server has the bundle: without it the registrar
  // keeps the secret and key and offers "Send again" and the settings file.
  function refuse(s, text) {
    show(ui.handoffError, text);
    show(ui.serverState, "Not acknowledged: the registrar keeps the bundle.");
  }

  function acknowledge(s, resultId) {
    if (ui.noAck.checked) {
      show(ui.serverState, "Stored, and deliberately not acknowledged: the registrar keeps the bundle.");
      return;
    }
    // RULE: ack with the resultId of the result just stored; the registrar then drops the
    // secret and key from its memory.
    post(s, { type: TYPE.ack, version: VERSION, resultId: resultId });
    state.acked = "yes";
    show(ui.serverState, "Stored and acknowledged: the registrar forgets the secret and key.");
  }

  // What the server says it stored: hints, thumbprints and dates, never the secret itself.
  function showStored(body) {
    var stored = body.stored;
    var checks = body.checks && typeof body.checks === "object" ? body.checks : {};
    show($("stored-tenant-id"), stored.tenantId);
    show($("stored-client-id"), stored.clientId);
    show($("stored-sealed"), body.sealed ? "yes" + (isText(body.kid) ? " (key " + body.kid + ")" : "") : "no");
    show($("stored-secret"), stored.secretHint ? stored.secretHint + ", expires " + (stored.secretExpires || "?") : "none");
    show(
      $("stored-certificate"),
      stored.certificateThumbprint ? stored.certificateThumbprint + ", expires " + (stored.certificateExpires || "?") : "none"
    );
    showCheck($("check-secret"), checks.secret);
    showCheck($("check-certificate"), checks.certificate);
    // A count, or the list itself, whichever the server chose to keep.
    show(
      $("stored-permissions"),
      isCount(stored.permissions) ? stored.permissions + " granted" : listText(stored.permissions)
    );
    show($("stored-directory-roles"), listText(stored.directoryRoles));
    ui.stored.hidden = false;
  }

  function showCheck(el, value) {
    var text = isText(value) ? value : "none";
    show(el, text);
    el.className = text === "accepted" ? "accepted" : text === "none" ? "" : "refused";
  }

  function listText(list) {
    if (!Array.isArray(list) || list.length === 0) return "none";
    return list
      .map(function (item) {
        if (isText(item)) return item;
        if (item && isText(item.permission)) return (isText(item.resource) ? item.resource + ": " : "") + item.permission;
        return "?";
      })
      .join(", ");
  }
})();
