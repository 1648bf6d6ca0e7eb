#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): writes the SHA-384 of the registration worker's module
# into its loader, which fetches the module with that integrity (Trunk gives a worker's files no
# hash and no integrity). Coreutils only: no openssl needed to build.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk build, as the post_build hook of Trunk.toml}"
module="$dir/registration-worker_bg.wasm"
loader="$dir/registration-worker-loader.js"
placeholder="sha384-OF-THE-WORKER-MODULE"
hex="$(sha384sum "$module" | cut -d' ' -f1)"
# Hex to bytes with bash's printf (\xHH escapes), then base64, as SRI wants
# (https://www.w3.org/TR/SRI/).
escaped=""
for ((i = 0; i < ${#hex}; i += 2)); do escaped+="\\x${hex:i:2}"; done
digest="sha384-$(printf '%b' "$escaped" | base64 -w0)"
grep -q "$placeholder" "$loader" || { echo "error: no $placeholder in $loader" >&2; exit 1; }
sed -i "s|$placeholder|$digest|" "$loader"
