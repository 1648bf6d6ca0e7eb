// Shortens the names a wasm-bindgen module and its glue share, and drops exports nothing calls.
// Run by scripts/post-build.sh on release builds, on the glue as wasm-bindgen wrote it (before
// terser) and the module as Trunk's `wasm-opt -Oz` left it.
//
// 1. wasm-bindgen names each import `__wbg_<name>_<16 hex digits>` and its module
//    "./<crate>_bg.js": 181 imports in the page, about 10 KB of the module and as much of the glue
//    that an encoder cannot shrink (the digits are a hash). Binaryen's
//    `--minify-imports-and-exports-and-modules` renames them (and the exports) to one or two
//    letters and prints the mapping (binaryen src/passes/MinifyImportsAndExports.cpp), which this
//    script writes into the glue: the object keys of its imports, the module's name, and each
//    `wasm.<export>` it calls.
// 2. Leptos depends on server_fn, which depends on wasm-streams, whose three classes
//    (IntoUnderlyingSource, IntoUnderlyingSink, IntoUnderlyingByteSource) are `#[wasm_bindgen]`
//    exports: the linker must keep them and all they call, though only a server function's
//    streamed body uses them and this app has none. Removed with binaryen's `--remove-exports`
//    before the module is optimised again; the glue's classes stay (their methods would call
//    nothing: never called).
// Measured on the page (README "Download size"): module 175.1 → 170.4 KB gzip, glue 7.0 → 4.6.
//
//   node scripts/minify-names.mjs <wasm-opt> <module_bg.wasm> <glue.js>
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { execFileSync } from "node:child_process";

const [wasmOpt, module, glue] = process.argv.slice(2);
const fail = (why) => {
  console.error(`error: ${glue}: ${why}`);
  process.exit(1);
};

const UNCALLED_EXPORTS = "*intounderlying*";
const mapping = JSON.parse(
  execFileSync(wasmOpt, [
    module,
    "--remove-exports", `--pass-arg=remove-exports@${UNCALLED_EXPORTS}`,
    "-Oz",
    "--minify-imports-and-exports-and-modules",
    "-o", `${module}.min`,
  ], { encoding: "utf8", maxBuffer: 1 << 26 }),
);

const identifier = (name) => name.replace(/[$]/g, "\\$");
const token = (name) => new RegExp(`(?<![\\w$])${identifier(name)}(?![\\w$])`, "g");
let text = readFileSync(glue, "utf8");

// Every import comes from one module, the glue's own; binaryen names it "a".
const modules = new Set(mapping.imports.map(([from]) => from));
if (modules.size !== 1) fail(`expected the imports of one module, found ${[...modules].join(", ")}`);
const [from] = modules;
const key = `"${from}": import0`;
if (text.split(key).length !== 2) fail(`expected ${key} once`);
text = text.replace(key, () => `"a": import0`);

for (const [, name, short] of mapping.imports) {
  const found = text.match(token(name))?.length ?? 0;
  if (found !== 1) fail(`import ${name} appears ${found} times, expected once (its key)`);
  text = text.replace(token(name), () => short);
}
for (const [name, short] of mapping.exports) {
  text = text.replace(new RegExp(`(?<![\\w$])wasm\\.${identifier(name)}(?![\\w$])`, "g"), () => `wasm.${short}`);
}

const removed = /intounderlying/;

// What the module now asks for and offers, read from the module itself (not the mapping): every
// import a key of the glue's "a" object, every export the glue calls there.
// The import object's keys are its lines indented by 8 spaces, as wasm-bindgen writes it.
const imports = text.slice(text.indexOf("const import0 = {"), text.indexOf(`"a": import0`));
const compiled = new WebAssembly.Module(readFileSync(`${module}.min`));
for (const { module: from, name } of WebAssembly.Module.imports(compiled)) {
  if (from !== "a") fail(`the module imports from ${from}, not "a"`);
  if (!new RegExp(`^ {8}${identifier(name)}: `, "m").test(imports)) fail(`no import ${name} in the glue`);
}
const offered = new Set(WebAssembly.Module.exports(compiled).map(({ name }) => name));
for (const [, name] of text.matchAll(/(?<![\w$])wasm\.([\w$]+)/g)) {
  if (!offered.has(name) && !removed.test(name)) fail(`calls wasm.${name}, which the module does not export`);
}

writeFileSync(glue, text);
renameSync(`${module}.min`, module);
