#!/usr/bin/env bash
# Renders a c360 HTML report in headless Chromium and checks that the screenshot is not blank.
# Usage: scripts/report-screenshot.sh REPORT.html [OUT.png]   (default OUT: next to the report, report.png)
# Installs Debian's chromium when it is missing (needs root and apt). Prints the screenshot's non-white share.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 REPORT.html [OUT.png]" >&2
  exit 2
fi
html="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
png="${2:-${html%.html}.png}"
if ! command -v chromium >/dev/null 2>&1; then
  echo "report-screenshot: installing chromium" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
if ! chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$png" --window-size=1280,4000 "file://$html" >"$profile/chromium.log" 2>&1 || [ ! -s "$png" ]; then
  echo "report-screenshot: chromium wrote no screenshot of $html:" >&2
  tail -20 "$profile/chromium.log" >&2
  exit 1
fi
java "$root/scripts/ImageCheck.java" "$png"
