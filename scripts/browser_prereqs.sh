#!/usr/bin/env bash
# What the browser tests need besides Python: the system Chromium (Playwright may not download
# its own browser on a closed network) and CJK fonts so Chinese pages render in screenshots.
# As root on Debian/Ubuntu it installs them; anywhere else it stops with one line saying what to install,
# before any test has run.
set -euo pipefail

have_chromium() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }
# grep -c reads the whole list: grep -q would stop early and, under pipefail, fc-list's SIGPIPE would
# make the fonts look missing on a machine with many fonts.
have_cjk_fonts() { [ "$(fc-list 2>/dev/null | grep -ci "Noto Sans CJK" || true)" -gt 0 ]; }
missing() {
  echo "The browser tests need Chromium and CJK fonts: run 'sudo apt-get install chromium fonts-noto-cjk' (Debian/Ubuntu), then 'make test' again." >&2
  exit 1
}

if have_chromium && have_cjk_fonts; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium and CJK fonts for the browser tests (apt-get)…"
  # A failed download (no mirror reachable) ends in the one line below, not in apt's own error alone.
  apt-get update -qq || missing
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null || missing
  have_chromium && have_cjk_fonts && exit 0
fi
missing
