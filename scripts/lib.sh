# Shared helpers for Tact's scripts (sourced, not run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Each step says when it starts, with the time since the script began (SECONDS), so a long run shows its progress.
say() { printf '\033[1m==> [%02d:%02d] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; }

# Run a long, quiet command (a cold clippy prints nothing for ~11 minutes), saying every minute that it still runs.
#   with_progress "cargo clippy" cargo clippy --workspace ...
with_progress() {
    local what="$1" rc=0
    shift
    # The sleep runs in the background and is waited for, so that the TERM below ends the heartbeat at once
    # (bash defers a signal until a foreground child exits: the sleep would keep the output open a minute more).
    (
        n=0
        trap 'kill "$s" 2>/dev/null; exit 0' TERM
        while :; do
            sleep 60 &
            s=$!
            wait "$s"
            n=$((n + 1))
            printf '    … %s: still running (%d min)\n' "$what" "$n" >&2
        done
    ) &
    local beat=$!
    "$@" || rc=$?
    kill "$beat" 2>/dev/null || true
    wait "$beat" 2>/dev/null || true
    return "$rc"
}

# Debian/Ubuntu packages Tact needs to build, run and test (Tauri's WebKitGTK stack, the WebDriver for end-to-end
# tests, Xvfb). Checked with dpkg first so a warm machine skips apt.
APT_PACKAGES=(
    build-essential pkg-config curl ca-certificates file
    libssl-dev libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
    xvfb xauth webkit2gtk-driver poppler-utils imagemagick
    python3 python3-venv openssl
)

ensure_apt_packages() {
    local missing=()
    for p in "${APT_PACKAGES[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if ((${#missing[@]})); then
        say "Installing system packages: ${missing[*]}"
        local sudo=""
        [[ $(id -u) -ne 0 ]] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

ensure_rust() {
    if ! command -v cargo >/dev/null 2>&1 && [[ -x "$HOME/.cargo/bin/cargo" ]]; then
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if ! command -v cargo >/dev/null 2>&1; then
        say "Installing the Rust toolchain (rustup, stable)"
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt -c clippy
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if command -v rustup >/dev/null 2>&1; then
        rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
        rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
    fi
}

# Node.js 20+ and npm (Vite 8 needs them). Debian 12's own nodejs is 18: too old, so say so clearly.
ensure_node() {
    if ! command -v node >/dev/null 2>&1; then
        say "Installing Node.js from Debian"
        local sudo=""
        [[ $(id -u) -ne 0 ]] && sudo="sudo"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm
    fi
    local major
    major=$(node -p 'process.versions.node.split(".")[0]')
    if ((major < 20)); then
        echo "Node.js $(node --version) is too old: Tact's interface needs Node.js 20 or newer." >&2
        exit 1
    fi
}

# Install the interface's packages exactly as locked, when missing or out of date.
ensure_ui_packages() {
    if [[ ! -d "$ROOT/ui/node_modules" || "$ROOT/ui/package-lock.json" -nt "$ROOT/ui/node_modules/.package-lock.json" ]]; then
        say "Installing the interface's packages (npm ci)"
        (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# The interface must be built before any cargo build of the desktop app: Tauri embeds ui/dist.
# The stamp records a build from the current sources (kept outside ui/dist, which Tauri embeds whole).
UI_STAMP="$ROOT/target/.ui-built"
build_ui() {
    say "Building the interface"
    (cd "$ROOT/ui" && npx vite build --logLevel warn)
    mkdir -p "$(dirname "$UI_STAMP")"
    touch "$UI_STAMP"
}

# Build the interface only when a source is newer than the last build: rewriting ui/dist with the same content
# would make cargo re-embed it and relink the app (about a minute), so an up-to-date tree launches in seconds.
build_ui_if_changed() {
    if [[ -f "$UI_STAMP" && -f "$ROOT/ui/dist/index.html" ]] \
        && [[ -z "$(find "$ROOT/ui/src" "$ROOT/ui/public" "$ROOT/ui/index.html" "$ROOT/ui/package.json" \
            "$ROOT/ui/package-lock.json" "$ROOT"/ui/*.config.* "$ROOT"/ui/tsconfig*.json \
            -newer "$UI_STAMP" -print -quit 2>/dev/null)" ]]; then
        return 0
    fi
    build_ui
}

# The supply-chain checks' tools, pinned, installed once into .tools/ (about 6 minutes cold).
ensure_cargo_tools() {
    export PATH="$ROOT/.tools/bin:$PATH"
    if ! command -v cargo-machete >/dev/null 2>&1; then
        say "Installing cargo-machete"
        with_progress "cargo install cargo-machete" cargo install cargo-machete --version '=0.9.2' --locked --root "$ROOT/.tools" --quiet
    fi
    if ! command -v cargo-deny >/dev/null 2>&1; then
        say "Installing cargo-deny"
        with_progress "cargo install cargo-deny" cargo install cargo-deny --version '=0.20.2' --locked --root "$ROOT/.tools" --quiet
    fi
}

# The independent tools that make test inputs (PyPI, pinned in tests/einvoices/requirements.txt), in a virtual
# environment under .tools/py; TACT_PYTHON points the tests at it.
ensure_python_tools() {
    local venv="$ROOT/.tools/py" req="$ROOT/tests/einvoices/requirements.txt"
    if [[ ! -x "$venv/bin/python" || "$req" -nt "$venv/.installed" ]]; then
        say "Installing the test-input tools from PyPI (factur-x, drafthorse, pypdf, lxml, ofxtools, python-cfonb)"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
        touch "$venv/.installed"
    fi
    export TACT_PYTHON="$venv/bin/python"
}
