#!/usr/bin/env bash
# Makes sure /usr/bin/chromium exists for the playground test (gateway/test/playground.test.ts).
# Quiet and does nothing when it is already there; installs Debian's package when running as root
# (as CI does); otherwise stops with instructions instead of half-working.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $CHROMIUM is missing and this is not root, so it cannot be installed here." >&2
  echo "ensure-chromium: install it once with: sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium at $CHROMIUM by hand." >&2
  exit 1
fi

echo "ensure-chromium: installing chromium with apt-get (needed by the playground test)..." >&2
export DEBIAN_FRONTEND=noninteractive
# Output is kept for the error message only: a successful install stays quiet.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { apt-get update && apt-get install -y chromium; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "ensure-chromium: apt-get could not install chromium (see the output above)." >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: the chromium package installed but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed." >&2
