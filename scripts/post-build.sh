#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml, and bench/counter/Trunk.toml for the yardstick, which
# is built as the app is). Trunk starts a stage's hooks all at once (trunk 0.21
# src/hooks.rs, `spawn_hooks`), so the steps that must follow each other are this one script:
# 1. release builds: the names the page's module and its glue share shortened, and the exports
#    nothing calls removed (scripts/minify-names.mjs), then the wasm-bindgen glue of the page
#    and of the worker minified by terser
#    (Trunk's own minifier left the ES module wasm-bindgen writes whole, measured: 54.6 KB,
#    9.2 KB gzip; minified by terser 24.6 KB, 7.0 KB gzip), and the page's integrity values in
#    index.html written again for the changed files;
# 2. the SHA-384 of the registration worker's module written into its loader, which fetches the
#    module with that integrity (Trunk gives a worker's files no hash and no integrity);
# 3. release builds: every file but the configuration also written compressed beside itself
#    (`name.gz`, gzip -9; `name.br`, brotli 11) for hosts that serve them (README "Hosting it
#    yourself"). config.json has none: it is the file a host edits.
set -euo pipefail
shopt -s inherit_errexit # a failing command inside $(...) stops the build too
dir="${TRUNK_STAGING_DIR:?run by trunk build, as the post_build hook of Trunk.toml}"
scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The pinned terser scripts/tools.sh installs: another version would give other bytes under
# the same hashed name, which browsers keep for a year.
terser="$scripts/../.tools/node_modules/.bin/terser"
wasm_opt="$scripts/../.tools/node_modules/.bin/wasm-opt"
release=false
[ "${TRUNK_PROFILE:-}" = release ] && release=true

# A file's Subresource Integrity value (https://www.w3.org/TR/SRI/): hex to bytes with bash's
# printf (\xHH escapes), then base64. Coreutils only.
integrity() {
  local hex escaped="" i
  hex="$(sha384sum "$1" | cut -d' ' -f1)"
  for ((i = 0; i < ${#hex}; i += 2)); do escaped+="\\x${hex:i:2}"; done
  printf 'sha384-%s' "$(printf '%b' "$escaped" | base64 -w0)"
}

if $release; then
  for tool in "$terser" "$wasm_opt"; do
    [ -x "$tool" ] || { echo "error: no $tool: run scripts/start or scripts/test once (they install it)" >&2; exit 1; }
  done
  # Each module's glue beside it: the page's is an ES module whose integrity index.html
  # carries (Trunk's minifier gives up on it, so it arrives as wasm-bindgen wrote it, which
  # scripts/minify-names.mjs needs); a worker's is a classic script (wasm-bindgen's no-modules)
  # whose global stays named, already minified by Trunk, its names left long.
  for module in "$dir"/*_bg.wasm; do
    glue="${module%_bg.wasm}.js"
    [ -f "$glue" ] || continue
    before="$(integrity "$glue")"
    if grep -q "$before" "$dir/index.html"; then
      module_before="$(integrity "$module")"
      grep -q "$module_before" "$dir/index.html" || { echo "error: no integrity of $module in index.html" >&2; exit 1; }
      node "$scripts/minify-names.mjs" "$wasm_opt" "$module" "$glue"
      sed -i "s|$module_before|$(integrity "$module")|" "$dir/index.html"
      "$terser" "$glue" --module --compress --mangle --output "$glue.min"
      mv "$glue.min" "$glue"
      sed -i "s|$before|$(integrity "$glue")|" "$dir/index.html"
    else
      "$terser" "$glue" --compress --mangle --output "$glue.min"
      mv "$glue.min" "$glue"
    fi
  done
fi

# The German words' integrity, for static/app-loader.js to fetch them with (the module holds
# the same value: core/src/wizard/words/file.rs, checked against the file by a test).
words="$dir/words-de.json"
if [ -f "$words" ]; then
  grep -q "sha384-OF-THE-GERMAN-WORDS" "$dir/index.html" || { echo "error: no sha384-OF-THE-GERMAN-WORDS in index.html" >&2; exit 1; }
  sed -i "s|sha384-OF-THE-GERMAN-WORDS|$(integrity "$words")|" "$dir/index.html"
fi

# The app's build has a worker; the yardstick's (bench/counter) has none.
loader="$dir/registration-worker-loader.js"
placeholder="sha384-OF-THE-WORKER-MODULE"
if [ -f "$loader" ]; then
  grep -q "$placeholder" "$loader" || { echo "error: no $placeholder in $loader" >&2; exit 1; }
  sed -i "s|$placeholder|$(integrity "$dir/registration-worker_bg.wasm")|" "$loader"
fi

if $release; then
  node "$scripts/precompress.mjs" "$dir"
fi
