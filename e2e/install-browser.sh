#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright's own browser download
# does not work here). A no-op when it is already installed.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then echo "chromium is missing: run as root, or: sudo apt-get install chromium" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q chromium
