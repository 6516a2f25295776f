# Shared by scripts/run and scripts/test: install what is missing, nothing more.
# shellcheck shell=bash

# Debian/Ubuntu packages needed to build the desktop app (Tauri 2 on WebKitGTK 4.1), and the
# Japanese font its Japanese UI is shown in.
BUILD_PACKAGES="build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev fonts-noto-cjk"
# And to test it: a virtual display, the WebKit WebDriver, screenshots, PDF tools.
TEST_PACKAGES="xvfb xauth x11-utils webkit2gtk-driver imagemagick poppler-utils qpdf"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_toolchains() {
  if ! command -v cargo >/dev/null; then
    echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
  if ! command -v node >/dev/null; then install_packages nodejs npm; fi
  local major minor
  IFS=. read -r major minor _ <<<"$(node --version | tr -d v)"
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "Node.js $(node --version) is too old: the UI build needs 20.19 or newer." >&2
    exit 1
  fi
}

# Installs the UI's npm packages exactly as locked, when they changed.
ensure_ui_deps() {
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    echo "==> Installing the UI's npm packages"
    (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_ui() {
  echo "==> Building the UI"
  (cd ui && npm run --silent build >/dev/null)
}
