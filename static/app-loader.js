// Starts the page's module with the integrity Trunk wrote into index.html, or says why not
// (index.html explains).
const box = document.getElementById("starting");
const glue = document.querySelector("link[rel=modulepreload]");
const wasm = document.querySelector("link[as=fetch]");

// Why `link`'s file failed, asked again without integrity to say it precisely.
async function why(link, type) {
  const name = link.href.split("/").pop();
  try {
    const r = await fetch(link.href, { cache: "no-store" });
    const served = r.headers.get("content-type");
    return r.ok
      ? served?.startsWith(type)
        ? `${name} is not the file this page was built with.`
        : `${name} is served as ${served}, not ${type}.`
      : `${name} answered HTTP ${r.status}.`;
  } catch {
    return `${name} could not be downloaded.`;
  }
}

function fail(reason) {
  throw reason;
}

// config.json is asked for now, beside the module, not once the module runs: the first screen
// needs both, so this saves a round trip. src/web/config_source.rs takes the answer (and words a
// failure); it asks itself if this is missing. Given up after 30 s without an answer, as
// src/web/fetch.rs does; never once answered, or a slow module would find its body aborted.
// The browser's cache decides as the host says: `stale-while-revalidate` (README "Hosting it
// yourself") lets a repeated load use the copy it has and fetch the new one for the next.
const configuration = new AbortController();
const giveUp = setTimeout(() => configuration.abort(), 30000);
window.registrarConfig = fetch("config.json", {
  credentials: "omit", signal: configuration.signal,
}).finally(() => clearTimeout(giveUp));
window.registrarConfig.catch(() => {}); // read by the module; no unhandled rejection meanwhile

try {
  const module = fetch(wasm.href, { integrity: wasm.integrity });
  const init = (await import(glue.href).catch(() => why(glue, "text/javascript").then(fail))).default;
  const response = await module
    .then((r) => (r.ok && r.headers.get("content-type")?.startsWith("application/wasm") ? r : fail()))
    .catch(() => why(wasm, "application/wasm").then(fail));
  await init({ module_or_path: response }).catch((e) => fail(`its module stopped (${e}).`));
  box.remove();
} catch (error) {
  box.className = "card error";
  box.role = "alert";
  box.textContent = `This page could not start: ${error} Reload it; if this stays, tell whoever hosts it. Nothing was written to your tenant.`;
}
