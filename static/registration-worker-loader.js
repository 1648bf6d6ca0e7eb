// Starts the registration worker (src/worker/) in a dedicated Web Worker. Trunk builds
// registration-worker.js and registration-worker_bg.wasm beside this file.
//
// Written by hand rather than Trunk's generated loader, so that a module that fails to load (a
// missing or corrupt file, a server's fallback page instead of the module) is said to the page
// as a report it understands, instead of leaving it waiting for a worker that never answers.
// The report's shape is `Report::Broken` of core/src/registration/messages.rs.
//
// The module is fetched with its integrity, which scripts/post-build.sh writes in at build
// time: a changed, damaged or other release's module is refused like a missing one.
"use strict";
var MODULE_INTEGRITY = "sha384-OF-THE-WORKER-MODULE";
function broken() {
  postMessage(JSON.stringify({ broken: { message:
    "The registration part of this page could not be loaded. Check your connection and reload " +
    "the page; nothing was written to your tenant." } }));
  close();
}
try {
  importScripts("./registration-worker.js");
  wasm_bindgen({
    module_or_path: fetch("./registration-worker_bg.wasm", { integrity: MODULE_INTEGRITY }),
  }).catch(broken);
} catch (error) {
  broken();
}
