#!/usr/bin/env bash
# Install Debian's headless Chromium and its driver for the end-to-end browser test, when missing.
# Called by `make test`. Needs root (CI and developer machines run as root) and the Debian mirror.
# Skipped (with a message) where apt-get is absent or we are not root, so `make test` still runs;
# the browser test then skips itself, naming the reason.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: apt-get not found; install chromium and chromium-driver yourself" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-browser: not root and no password-less sudo; the browser test will be skipped" >&2
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
