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
// needs both, so this saves a round trip. Twice: `registrarConfig` may be the copy the browser
// kept (the host sends it `stale-while-revalidate`, README "Hosting it yourself"), which starts
// the first screen at once on a repeated visit; the second is what the host serves now (and
// becomes the browser's copy). If the two differ while the page is still at its start (loading,
// the welcome or the configuration's error page), it loads again with the current one. A page
// that has moved on (the admin clicked "Sign in" within that round trip) checks its copy against
// `registrarCurrentConfig` itself before it redeems the sign-in, and loads again if it changed
// (src/web/config_source.rs, `still_current`): a changed configuration (a removed dashboard
// origin, a new key) never reaches a registration. Each request is given up after 30 s without
// an answer, as src/web/fetch.rs does (never once answered, or a slow module would find its body
// aborted). src/web/config_source.rs takes `registrarConfig` (and words a failure); it asks
// itself if this is missing.
// `read`, when given, reads the body within the same 30 s (the current file's check must end).
function request(file, init, read = (response) => response) {
  const controller = new AbortController();
  const giveUp = setTimeout(() => controller.abort(), 30000);
  return fetch(file, { ...init, credentials: "omit", signal: controller.signal })
    .then(read)
    .finally(() => clearTimeout(giveUp));
}
const seen = (response) => response.text().then((text) => `${response.status}\n${text}`);
window.registrarConfig = request("config.json", { cache: "default" });
window.registrarConfig.catch(() => {}); // read by the module; no unhandled rejection meanwhile
// Registered before the module's own reading: the copy is taken before its body is read.
const used = window.registrarConfig.then((response) => seen(response.clone()), () => null);
window.registrarCurrentConfig = request("config.json", { cache: "reload" }, seen);
window.registrarCurrentConfig.then(async (now) => {
  const before = await used;
  const atStart = document.querySelector("#starting, #loading, #welcome, #config-error");
  // Only a file the host serves (200) replaces the kept copy: an error answer may not be stored
  // by the browser, and reloading would then find the kept copy again, and again.
  if (before !== null && before !== now && now.startsWith("200\n") && atStart) location.reload();
}, () => {});

// The page's German words, beside config.json too, when the browser prefers German: the first
// of its languages the page knows, as core/src/wizard/language.rs picks it (a dashboard's start
// or config.json may still choose otherwise; the module then asks itself, or drops this answer).
// index.html names the file and its integrity, "name,integrity" (scripts/post-build.sh).
const germanWords = document.querySelector("meta[name=registrar-german-words]")?.content.split(",");
const known = (navigator.languages ?? []).map((tag) => tag.trim().toLowerCase().split(/[-_]/)[0])
  .find((language) => language === "en" || language === "de");
if (germanWords?.length === 2 && known === "de") {
  window.registrarGermanWords = request(germanWords[0], { integrity: germanWords[1] });
  window.registrarGermanWords.catch(() => {}); // read by the module, which says a failure
}

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
