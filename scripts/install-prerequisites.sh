#!/usr/bin/env bash
# Installs the system packages the test suite needs when they are missing (idempotent; needs root or sudo).
# - maven: the build.
# - chromium, chromium-driver: the web app's browser tests drive a real headless Chromium through
#   /usr/bin/chromedriver (Debian packages; nothing is downloaded at test time).
# - nginx, openssl: the web app's proxy test puts the app behind a TLS-terminating nginx (its own process on a
#   temporary configuration; the system's nginx service is neither needed nor started) with a self-signed
#   certificate made by openssl.
set -euo pipefail
need=()
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  need+=(chromium chromium-driver)
fi
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v gpg >/dev/null 2>&1 || need+=(gnupg)  # scripts/release-dry-run.sh signs with a throwaway key
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  # policy-rc.d: the nginx package must not start (or fail to start) its service in a container or CI job.
  policy=/usr/sbin/policy-rc.d
  added_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    added_policy=yes
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" || status=$?
  [ -n "$added_policy" ] && $sudo rm -f "$policy"
  exit "$status"
fi
