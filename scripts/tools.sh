# shellcheck shell=bash
# Installs what building and testing M365 Registrar needs, and skips what is already there.
# Sourced by scripts/start and scripts/test; every step is idempotent.
#
# Why each tool is pinned or fetched the way it is: see "Toolchain" in README.md.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"   # 0.22 needs a newer rustc than the machine's toolchain
BINARYEN_VERSION="132.0.0" # Debian's wasm-opt 108 silently breaks the app: never use it
TERSER_VERSION="5.51.4"    # minifies the wasm-bindgen glue (scripts/post-build.sh)
CARGO_DENY_VERSION="0.20.2" # needs rustc 1.88 or later; builds with the machine's 1.95
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else
  echo "error: '$*' needs root; run it as root or install sudo" >&2; return 1; fi; }
# `env` inside as_root: sudo would drop a variable set in front of it.
apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The wasm-bindgen version Cargo.lock resolved; Trunk and the test runner must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust() {
  have rustup || { echo "error: install Rust with rustup (https://rustup.rs); Debian's rustc is too old" >&2; return 1; }
  have cc || { step "installing a C compiler (some crates build C)"; apt_install gcc libc6-dev; }
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # scripts/test checks formatting.
  if ! rustup component list --installed | grep -q '^rustfmt'; then
    step "adding rustfmt"
    rustup component add rustfmt
  fi
}

# scripts/test runs clippy with warnings as errors.
ensure_clippy() {
  rustup component list --installed | grep -q '^clippy' && return
  step "adding clippy"
  rustup component add clippy
}

# scripts/test checks licences, duplicate versions and sources with cargo-deny (deny.toml).
# Measured on 2 cores: about 6 minutes to install, once.
ensure_cargo_deny() {
  if have cargo-deny && cargo deny --version | grep -q " $CARGO_DENY_VERSION\$"; then return; fi
  step "installing cargo-deny $CARGO_DENY_VERSION (about 6 minutes, once)"
  cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
}

ensure_trunk() {
  if have trunk && trunk --version | grep -q " $TRUNK_VERSION\$"; then return; fi
  # --debug builds the same app bytes in a quarter of the install time (measured: ~5 min vs ~20).
  step "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --debug
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if [ -z "$want" ]; then echo "error: no wasm-bindgen in Cargo.lock" >&2; return 1; fi
  if have wasm-bindgen && wasm-bindgen --version | grep -q " $want\$" \
     && have wasm-bindgen-test-runner; then return; fi
  # No --locked: the CLI's own lock file names a crate version the registry no longer serves.
  step "installing wasm-bindgen-cli $want (a couple of minutes, once)"
  cargo install wasm-bindgen-cli --version "$want" --debug --force
}

# wasm-opt and the glue's minifier: npm packages in .tools/, installed together (a second
# `npm install --no-save` would remove the first).
ensure_wasm_opt() {
  if [ -x "$TOOLS/node_modules/.bin/wasm-opt" ] \
     && "$TOOLS/node_modules/.bin/wasm-opt" --version | grep -q "version ${BINARYEN_VERSION%%.*}" \
     && grep -q "\"version\": \"$TERSER_VERSION\"" "$TOOLS/node_modules/terser/package.json" 2>/dev/null; then return; fi
  have npm || { step "installing node and npm"; apt_install nodejs npm; }
  step "installing wasm-opt (npm binaryen $BINARYEN_VERSION) and terser $TERSER_VERSION into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --loglevel=error \
    "binaryen@$BINARYEN_VERSION" "terser@$TERSER_VERSION"
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  step "installing Debian's chromium and chromium-driver"
  apt_install chromium chromium-driver
}

# The hosting tests serve the build with Debian's nginx, run as this user on a loopback port
# (tests/e2e/hosting.rs). Where systemd runs, Debian also starts its own service on port 80;
# the tests do not use it.
ensure_nginx() {
  [ -x /usr/sbin/nginx ] && return
  step "installing Debian's nginx-light (the hosting tests serve the build with it)"
  apt_install nginx-light
}

# The core's certificate tests check what it builds with the openssl command line, an
# implementation that is not ours.
ensure_openssl() {
  have openssl && return
  step "installing openssl (the certificate tests check our files with it)"
  apt_install openssl
}

# The hand-off tests open the app's sealed bundle (JWE) with npm `jose`, a JOSE implementation
# that is not ours, as a vendor's backup server would: tests/jose/decrypt.mjs. Installed into
# tests/jose/node_modules at the exact version tests/jose/package.json pins.
ensure_jose() {
  local dir="$ROOT/tests/jose" want have_version
  want="$(sed -n 's/^ *"jose": *"\([^"]*\)".*/\1/p' "$dir/package.json")"
  have_version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$dir/node_modules/jose/package.json" 2>/dev/null || true)"
  if [ -n "$want" ] && [ "$have_version" = "$want" ]; then return; fi
  have npm || { step "installing node and npm"; apt_install nodejs npm; }
  step "installing npm jose $want into tests/jose/ (the sealed bundle's independent check)"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error
}

# The end-to-end tests run axe-core (https://github.com/dequelabs/axe-core), an accessibility
# engine that is not ours, in each screen they walk through: tests/e2e/a11y.rs. Installed into
# tests/axe/node_modules at the exact version tests/axe/package.json pins.
ensure_axe() {
  local dir="$ROOT/tests/axe" want have_version
  want="$(sed -n 's/^ *"axe-core": *"\([^"]*\)".*/\1/p' "$dir/package.json")"
  # The top-level "version" only (its scripts have a "version" too).
  have_version="$(sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$dir/node_modules/axe-core/package.json" 2>/dev/null || true)"
  if [ -n "$want" ] && [ "$have_version" = "$want" ]; then return; fi
  have npm || { step "installing node and npm"; apt_install nodejs npm; }
  step "installing npm axe-core $want into tests/axe/ (the screens' accessibility check)"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error
}

ensure_lockfile() {
  # Cargo.lock is committed; this only matters for a checkout that lost it.
  [ -f "$ROOT/Cargo.lock" ] || (cd "$ROOT" && cargo generate-lockfile)
  (cd "$ROOT" && cargo fetch --quiet)
}

# Release build of the app into dist/, optimised by the current wasm-opt.
build_app() {
  step "building the app (trunk build --release)"
  (cd "$ROOT" && trunk build --release --offline)
}

# Warnings are errors, for the native targets (core, sandbox, tests) and for the app, whose
# code only compiles for wasm32.
check_clippy() {
  step "clippy, warnings as errors: the workspace, every target"
  (cd "$ROOT" && cargo clippy --offline --workspace --all-targets -- -D warnings)
  step "clippy, warnings as errors: the app for wasm32, its browser tests (tests/web.rs) too"
  (cd "$ROOT" && cargo clippy --offline --target wasm32-unknown-unknown -p m365-registrar --lib --bins --tests -- -D warnings)
}

# Licences, duplicate versions and sources of every crate in Cargo.lock (deny.toml). Not the
# advisories: their database cannot be fetched here (README, "What the test command checks").
check_dependencies() {
  step "cargo deny: licences, duplicate versions, sources (deny.toml)"
  (cd "$ROOT" && cargo deny --offline --locked check licenses bans sources)
}

ensure_build_tools() { ensure_rust; ensure_wasm_target; ensure_lockfile; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt; }

# What a browser downloads for the first screen, gzip -9: a figure to watch, not a test. The
# registration worker (downloaded from the click on "Sign in") and the redirect and relay pages' scripts are
# listed apart.
print_download_size() {
  local total=0 later=0 size file
  step "download size of the first screen (gzip -9)"
  for file in "$ROOT"/dist/index.html "$ROOT"/dist/*.js "$ROOT"/dist/*_bg.wasm "$ROOT"/dist/*.css; do
    [ -f "$file" ] || continue
    case "$file" in */redirect.js|*/relay.js|*/registration-worker*) continue ;; esac
    size=$(gzip -9c "$file" | wc -c)
    total=$((total + size))
    printf '  %7d B  %s\n' "$size" "${file#"$ROOT"/}"
  done
  printf '  %7d B  total\n' "$total"
  for file in "$ROOT"/dist/words-de-*.json; do
    [ -f "$file" ] || continue
    size=$(gzip -9c "$file" | wc -c)
    printf '  %7d B  %s, fetched too when the page speaks German (%d B)\n' "$size" "${file#"$ROOT"/}" "$((total + size))"
  done
  step "downloaded from the click on Sign in: the registration worker (gzip -9)"
  for file in "$ROOT"/dist/registration-worker*; do
    [ -f "$file" ] || continue
    case "$file" in *.gz|*.br) continue ;; esac # the pre-compressed copies
    size=$(gzip -9c "$file" | wc -c)
    later=$((later + size))
    printf '  %7d B  %s\n' "$size" "${file#"$ROOT"/}"
  done
  printf '  %7d B  total\n' "$later"
}
