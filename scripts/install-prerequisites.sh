#!/usr/bin/env bash
# Installs the system packages the test suite needs when they are missing (idempotent; needs root or sudo).
# - maven: the build.
# - chromium, chromium-driver: the web app's browser tests drive a real headless Chromium through
#   /usr/bin/chromedriver (Debian packages; nothing is downloaded at test time).
set -euo pipefail
need=()
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  need+=(chromium chromium-driver)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
