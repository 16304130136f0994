#!/usr/bin/env bash
# The chromium the browser tests drive (libs/testing/src/browser.ts): Debian's package, installed
# with apt-get when it is missing. A no-op when it is there; prints its version either way.
#
# Env: CHROMIUM_PATH (default /usr/bin/chromium): a chromium of your own, which is never installed over.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
log() { echo "[chromium/install.sh] $*" >&2; }
fail() { echo "[chromium/install.sh] ERROR: $*" >&2; exit 1; }

if [[ ! -x "$CHROMIUM" ]]; then
  [[ -n "${CHROMIUM_PATH:-}" ]] && fail "CHROMIUM_PATH=$CHROMIUM is not an executable; unset it to use Debian's chromium, or point it at one"
  if [[ "$(id -u)" != 0 ]]; then
    fail "chromium is not installed at $CHROMIUM. Install it as root: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH to a chromium executable)"
  fi
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install chromium with your system's package manager, or set CHROMIUM_PATH"
  log "installing Debian's chromium (apt-get install -y chromium)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || fail "apt-get update failed"
  apt-get install -y -q chromium >&2 || fail "apt-get install -y chromium failed"
  [[ -x "$CHROMIUM" ]] || fail "apt-get installed chromium, but $CHROMIUM is still missing"
fi

version="$("$CHROMIUM" --version 2>/dev/null)" || fail "$CHROMIUM does not run (--version failed)"
echo "CHROMIUM=$CHROMIUM"
echo "$version"
