#!/usr/bin/env bash
# Runs every test of the reactor on a fresh machine: installs what the tests need, then `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prerequisites.sh
exec mvn -B -ntp verify "$@"
