// The download-size benchmark: what a browser fetches for the first screen, raw, gzip -9 and
// brotli -q 11 (what a host that compresses, or serves pre-compressed files, sends), and what
// loads later. Reads a built dist/; prints Markdown tables. Node's own zlib, nothing installed.
//
//   node bench/size.mjs [dist-folder]
import { appendFileSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { brotliCompressSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";

// Downloaded only when needed: the worker from the click on "Sign in", the redirect and relay
// pages inside the sign-in windows, the configuration template never.
const later = (name) =>
  /^registration-worker/.test(name) || /^(redirect|relay)\./.test(name) || name === "config.example.json";
// What the page itself fetches; config.json is the deployment's (the template stands in).
const page = (name) => /\.(html|js|wasm|css)$/.test(name) && !later(name);

function sizes(file) {
  const bytes = readFileSync(file);
  return {
    raw: bytes.length,
    gzip: execFileSync("gzip", ["-9c", file], { maxBuffer: 1 << 30 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const kb = (n) => (n / 1000).toFixed(1);
function table(title, names) {
  const rows = names.map((name) => ({ name, ...sizes(join(dist, name)) }));
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
  console.log(`\n${title}\n`);
  console.log("| file | raw KB | gzip KB | brotli KB |\n|---|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.name} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  console.log(`| **total** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.brotli)}** |`);
  return total;
}

// `name.gz` and `name.br` (scripts/post-build.sh) are `name` as a host sends it, measured here.
const files = readdirSync(dist)
  .filter((name) => statSync(join(dist, name)).isFile() && !/\.(gz|br)$/.test(name))
  .sort();
const first = files.filter(page);
if (!first.some((name) => name.endsWith(".wasm"))) {
  console.error(`${dist} holds no page module: build it first (trunk build --release).`);
  process.exit(1);
}
// The configuration the page fetches at startup: the deployment's own; the template's size here.
const firstScreen = table("First screen (decimal KB; config.example.json stands in for config.json)",
  [...first, "config.example.json"]);
const worker = table("Later (the worker from the click on Sign in; redirect and relay in the sign-in windows)",
  files.filter((name) => later(name) && name !== "config.example.json"));
const budget = 150;
console.log(`\nFirst screen gzip: ${kb(firstScreen.gzip)} KB (budget ${budget} KB, ceiling 200 KB).`);
// A page that speaks German also fetches its words (core/src/wizard/words/file.rs), named by
// their hash: words-de-<hash>.json.
const germanFile = files.find((name) => /^words-de-[0-9a-f]+\.json$/.test(name));
if (!germanFile) {
  console.error(`${dist} holds no words-de-<hash>.json: build it with scripts/post-build.sh (trunk build).`);
  process.exit(1);
}
const germanWords = sizes(join(dist, germanFile));
console.log(`In German, the first screen also fetches ${germanFile}: ${kb(germanWords.gzip)} KB gzip, ` +
  `${kb(germanWords.brotli)} KB brotli (first screen ${kb(firstScreen.gzip + germanWords.gzip)} KB gzip).`);

// scripts/bench's one table: its rows go to the file BENCH_SUMMARY names.
if (process.env.BENCH_SUMMARY) {
  const module = sizes(join(dist, first.find((name) => name.endsWith(".wasm"))));
  const met = firstScreen.gzip <= budget * 1000 ? "met" : "**not met**";
  appendFileSync(process.env.BENCH_SUMMARY,
    `| first screen, gzip / brotli | ${kb(firstScreen.gzip)} KB / ${kb(firstScreen.brotli)} KB (the module ${kb(module.gzip)} KB gzip) | ${budget} KB gzip: ${met} |\n` +
    `| first screen in German, gzip (its words fetched beside it) | ${kb(firstScreen.gzip + germanWords.gzip)} KB | |\n` +
    `| later, gzip: the worker from "Sign in", the redirect and relay pages | ${kb(worker.gzip)} KB | |\n`);
}
