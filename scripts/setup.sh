#!/usr/bin/env bash
# Installs what the build and tests need, from package registries only (crates.io, PyPI,
# npm, the Go module proxy, Debian). Idempotent and fast when everything is already there.
#
#   scripts/setup.sh wasm          wasm32 target + wasm-bindgen-cli at the version in Cargo.lock
#   scripts/setup.sh chromium      Debian's chromium (for the browser tests)
#   scripts/setup.sh venv          .venv with python/requirements-dev.txt (or maturin + pytest)
#   scripts/setup.sh go            Go modules of the differential oracle (tests/oracle)
#   scripts/setup.sh npm DIR       `npm ci` in DIR when its lockfile changed since the last run
#   scripts/setup.sh fuzz          the nightly toolchain and cargo-fuzz (for `make fuzz` only)
#   scripts/setup.sh twiggy        twiggy (for `make bench-wasm BREAKDOWN=1` only)
#
# Several components may be given at once: `scripts/setup.sh wasm chromium npm wasm`.
# Deliberately not used: wasm-pack and `npx playwright install` (they download from outside
# the registries), Debian's binaryen (its wasm-opt 108 produces modules that fail to load).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf 'setup: %s\n' "$*"; }

# The version of a crate locked in Cargo.lock (the first `[[package]]` of that name).
locked_version() {
    awk -v name="$1" '
        $0 == "name = \"" name "\"" { found = 1; next }
        found && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' "$ROOT/Cargo.lock"
}

setup_wasm() {
    if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        say "wasm32-unknown-unknown target already installed"
    else
        say "rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
    local want have=""
    want="$(locked_version wasm-bindgen)"
    if [ -z "$want" ]; then
        echo "setup: wasm-bindgen is not in Cargo.lock" >&2
        exit 1
    fi
    if command -v wasm-bindgen >/dev/null 2>&1; then
        have="$(wasm-bindgen --version | awk '{print $2}')"
    fi
    if [ "$have" = "$want" ]; then
        say "wasm-bindgen-cli $want already installed"
    else
        # No --locked: the CLI's lockfile pins a crate version the registry does not serve.
        say "cargo install wasm-bindgen-cli --version $want (had: ${have:-none}; takes a few minutes)"
        cargo install wasm-bindgen-cli --version "$want" --force
    fi
}

apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ] && ! apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=1
    fi
    say "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

setup_chromium() {
    if [ -x /usr/bin/chromium ]; then
        say "chromium already installed ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
    else
        apt_install chromium
    fi
}

setup_venv() {
    local py="${PYTHON:-python3}"
    if [ -x .venv/bin/python ]; then
        say ".venv already exists"
    else
        say "$py -m venv .venv"
        "$py" -m venv .venv
    fi
    local req=python/requirements-dev.txt stamp=.venv/.kubetoken-requirements
    if [ -f "$req" ]; then
        # The stamp covers every requirements file (requirements-dev.txt includes the others).
        local want
        want="$(cat python/requirements*.txt)"
        if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
            say ".venv is up to date with python/requirements*.txt"
        else
            say ".venv/bin/pip install -r $req"
            .venv/bin/pip install --quiet --disable-pip-version-check -r "$req"
            printf '%s' "$want" >"$stamp"
        fi
    else
        if .venv/bin/python -c 'import maturin, pytest' 2>/dev/null; then
            say ".venv already has maturin and pytest"
        else
            say ".venv/bin/pip install 'maturin>=1.16' pytest"
            .venv/bin/pip install --quiet --disable-pip-version-check 'maturin>=1.16' pytest
        fi
    fi
}

setup_go() {
    if ! command -v go >/dev/null 2>&1; then
        apt_install golang-go
    fi
    say "go mod download (tests/oracle; a no-op when the module cache has it)"
    (cd tests/oracle && go mod download)
}

setup_fuzz() {
    if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
        say "nightly toolchain already installed"
    else
        say "rustup toolchain install nightly --profile minimal"
        rustup toolchain install nightly --profile minimal
    fi
    if cargo fuzz --version >/dev/null 2>&1; then
        say "cargo-fuzz already installed ($(cargo fuzz --version))"
    else
        say "cargo install cargo-fuzz --locked (takes a few minutes)"
        cargo install cargo-fuzz --locked
    fi
}

setup_twiggy() {
    if command -v twiggy >/dev/null 2>&1; then
        say "twiggy already installed ($(twiggy --version))"
    else
        say "cargo install twiggy --locked (takes a few minutes)"
        cargo install twiggy --locked
    fi
}

setup_npm() {
    local dir="$1"
    if [ ! -f "$dir/package-lock.json" ]; then
        echo "setup: $dir/package-lock.json not found" >&2
        exit 1
    fi
    local stamp="$dir/node_modules/.kubetoken-lock"
    if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
        say "$dir/node_modules is up to date with its package-lock.json"
    else
        say "npm ci in $dir"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        cp "$dir/package-lock.json" "$stamp"
    fi
}

if [ "$#" -eq 0 ]; then
    sed -n '2,15p' "${BASH_SOURCE[0]}"
    exit 2
fi

while [ "$#" -gt 0 ]; do
    case "$1" in
        wasm) setup_wasm ;;
        chromium) setup_chromium ;;
        venv) setup_venv ;;
        go) setup_go ;;
        fuzz) setup_fuzz ;;
        twiggy) setup_twiggy ;;
        npm)
            if [ "$#" -lt 2 ]; then
                echo "setup: npm needs a directory" >&2
                exit 2
            fi
            setup_npm "$2"
            shift
            ;;
        *)
            echo "setup: unknown component $1 (wasm, chromium, venv, go, fuzz, twiggy, npm DIR)" >&2
            exit 2
            ;;
    esac
    shift
done
