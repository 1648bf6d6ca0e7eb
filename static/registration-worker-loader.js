// Starts the registration worker (src/worker/) in a dedicated Web Worker. Trunk builds
// registration-worker.js and registration-worker_bg.wasm beside this file.
//
// Written by hand rather than Trunk's generated loader, so that a module that fails to load (a
// missing or corrupt file, a server's fallback page instead of the module) is said to the page
// as a report it understands, instead of leaving it waiting for a worker that never answers.
// The report's shape is `Report::Broken` of core/src/registration/messages.rs.
"use strict";
function broken() {
  postMessage(JSON.stringify({ broken: { message:
    "The registration part of this page could not be loaded. Check your connection and reload " +
    "the page; nothing was written to your tenant." } }));
  close();
}
try {
  importScripts("./registration-worker.js");
  wasm_bindgen("./registration-worker_bg.wasm").catch(broken);
} catch (error) {
  broken();
}
