#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml, and bench/counter/Trunk.toml for the yardstick, which
# is built as the app is). Trunk starts a stage's hooks all at once (trunk 0.21
# src/hooks.rs, `spawn_hooks`), so the steps that must follow each other are this one script:
# 1. release builds: the names the page's module and its glue share shortened, and the exports
#    nothing calls removed (scripts/minify-names.mjs: glue 7.0 → 4.6 KB gzip, module −4.7 KB),
#    then the wasm-bindgen glue of the page and of the worker minified by terser (Trunk's own
#    minifier leaves the ES module wasm-bindgen writes whole: 54.6 KB, 9.2 KB gzip; terser
#    24.6 KB, 7.0 KB gzip before the names), the page's integrity values in index.html written
#    again, and the two files named anew from their final bytes;
# 2. the German words named by their hash, checked against the name and integrity the module
#    holds, and both written into index.html for the starter;
# 3. the SHA-384 of the registration worker's module written into its loader, which fetches the
#    module with that integrity (Trunk gives a worker's files no hash and no integrity);
# 4. release builds: every file but the configuration also written compressed beside itself
#    (`name.gz`, gzip -9; `name.br`, brotli 11) for hosts that serve them (README "Hosting it
#    yourself"). config.json has none: it is the file a host edits.
set -euo pipefail
# A failing command inside $(...) stops the build too, where its value is assigned to a
# variable (as an argument of another command, its failure would be lost: every such value is
# assigned first).
shopt -s inherit_errexit
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
  local encoded
  encoded="$(printf '%b' "$escaped" | base64 -w0)"
  printf 'sha384-%s' "$encoded"
}

# Renames `file` (`<name>-<hash><suffix>`, a name Trunk gave from its bytes before this hook
# changed them) by its bytes now, in index.html too: browsers keep a hashed name for a year
# (`immutable`), so a name must never stand for other bytes, as it would after a change to this
# hook, terser or wasm-opt alone. The first 16 hex digits of its SHA-256, as Trunk's 64-bit hash.
named_by_content() {
  local file="$1" suffix="$2" old new
  old="$(basename "$file")"
  new="${old%"$suffix"}"
  new="${new%-*}-$(sha256sum "$file" | cut -c1-16)$suffix"
  grep -qF "./$old" "$dir/index.html" || { echo "error: index.html does not name $old" >&2; exit 1; }
  mv "$file" "$dir/$new"
  sed -i "s|\./$old|./$new|g" "$dir/index.html"
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
    if grep -qF "$before" "$dir/index.html"; then
      module_before="$(integrity "$module")"
      grep -qF "$module_before" "$dir/index.html" || { echo "error: no integrity of $module in index.html" >&2; exit 1; }
      node "$scripts/minify-names.mjs" "$wasm_opt" "$module" "$glue"
      after="$(integrity "$module")"
      sed -i "s|$module_before|$after|" "$dir/index.html"
      "$terser" "$glue" --module --compress --mangle --output "$glue.min"
      mv "$glue.min" "$glue"
      after="$(integrity "$glue")"
      sed -i "s|$before|$after|" "$dir/index.html"
      named_by_content "$module" _bg.wasm
      named_by_content "$glue" .js
    else
      "$terser" "$glue" --compress --mangle --output "$glue.min"
      mv "$glue.min" "$glue"
    fi
  done
fi

# The German words (core/src/wizard/words/file.rs): named by their hash, so browsers keep them as
# Trunk's hashed files; the module fetches that name with its own copy of the integrity, so the
# two must be the file's or German pages would fall back to English. index.html tells
# static/app-loader.js both, for its early request.
words="$dir/words-de.json"
if grep -qF "sha384-OF-THE-GERMAN-WORDS" "$dir/index.html"; then
  [ -f "$words" ] || { echo "error: index.html asks for the German words, but $words is missing" >&2; exit 1; }
  rust="$scripts/../core/src/wizard/words/file.rs"
  name="words-de-$(sha384sum "$words" | cut -c1-16).json"
  words_integrity="$(integrity "$words")"
  grep -qF "\"$name\"" "$rust" && grep -qF "\"$words_integrity\"" "$rust" || {
    echo "error: static/words-de.json is not the file $rust names: \`cargo test -p registrar-core words\` says how to write them again" >&2
    exit 1
  }
  # No space: Trunk leaves the attribute's value unquoted.
  sed -i "s|sha384-OF-THE-GERMAN-WORDS|$name,$words_integrity|" "$dir/index.html"
  mv "$words" "$dir/$name"
fi

# The app's build has a worker; the yardstick's (bench/counter) has none.
loader="$dir/registration-worker-loader.js"
placeholder="sha384-OF-THE-WORKER-MODULE"
if [ -f "$loader" ]; then
  grep -qF "$placeholder" "$loader" || { echo "error: no $placeholder in $loader" >&2; exit 1; }
  worker_integrity="$(integrity "$dir/registration-worker_bg.wasm")"
  sed -i "s|$placeholder|$worker_integrity|" "$loader"
fi

if $release; then
  node "$scripts/precompress.mjs" "$dir"
fi
