#!/usr/bin/env bash
# Runs every test of the reactor on a fresh machine: installs what the tests need, then `mvn verify` (with the API
# compatibility check and the style check), then the release dry run (signed, licensed artifacts with complete
# metadata, made with a throwaway key; nothing is deployed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prerequisites.sh
mvn -B -ntp verify "$@"
bash scripts/release-dry-run.sh --online
