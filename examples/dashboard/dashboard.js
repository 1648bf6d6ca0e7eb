// The sample dashboard. A vendor's real dashboard does the same three things: open or embed the
// registrar from its fixed origin, and accept messages only from that exact origin.
"use strict";

// The registrar's origin. Here it is the sibling site app.localhost on the same port; a vendor
// writes its hosted registrar's origin instead. Never derive it from a message.
var REGISTRAR_ORIGIN = location.origin.replace("//dashboard.", "//app.");
var REGISTRAR_URL = REGISTRAR_ORIGIN + "/";
// The registrar windows this page created: messages count only from one of them.
var registrarWindow = null;
var registrarFrame = null;

function log(text) {
  var el = document.getElementById("log");
  el.textContent = (el.textContent === "(none yet)" ? "" : el.textContent + "\n") + text;
}

document.getElementById("open-window").addEventListener("click", function () {
  // Opened synchronously in the click, so popup blockers let it through.
  registrarWindow = window.open(REGISTRAR_URL, "m365-registrar", "popup,width=900,height=800");
  if (!registrarWindow) log("The browser blocked the registrar window: allow popups for this site.");
});

document.getElementById("embed").addEventListener("click", function () {
  var slot = document.getElementById("frame-slot");
  slot.textContent = "";
  var frame = document.createElement("iframe");
  frame.id = "registrar-frame";
  frame.title = "M365 Registrar";
  frame.src = REGISTRAR_URL;
  slot.appendChild(frame);
  registrarFrame = frame;
});

window.addEventListener("message", function (event) {
  if (event.origin !== REGISTRAR_ORIGIN) return; // exact match, never a suffix or substring test
  var fromOurs = (registrarWindow && event.source === registrarWindow) ||
    (registrarFrame && event.source === registrarFrame.contentWindow);
  if (!fromOurs) return; // same origin is not enough: it must be a window this page opened
  var type = event.data && typeof event.data.type === "string" ? event.data.type : "(no type)";
  // Text only, and only the message type: message data never goes into HTML or a log, since a
  // hand-off carries secrets.
  log("from the registrar: " + type);
});
