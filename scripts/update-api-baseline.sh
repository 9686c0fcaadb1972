#!/usr/bin/env bash
# Rebuilds api-baseline/: the published jars of one release (a tag or commit), against which japicmp checks every
# published module in `mvn verify` (see api-baseline/README.md).
#
#   scripts/update-api-baseline.sh <tag-or-commit>   every published module's jar as it was at that commit
#   scripts/update-api-baseline.sh --new <artifactId> an empty baseline for a module published for the first time
#
# The commit is built in a temporary clone, so the work tree and its git state are left alone.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/api-baseline"

empty_jar() { # $1: target file. A jar holding only a manifest, with fixed timestamps (reproducible).
  python3 - "$1" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    info = zipfile.ZipInfo("META-INF/MANIFEST.MF", date_time=(2026, 11, 28, 0, 0, 0))
    z.writestr(info, "Manifest-Version: 1.0\r\nCreated-By: scripts/update-api-baseline.sh (no API yet)\r\n\r\n")
PY
}

if [ "${1:-}" = "--new" ]; then
  [ -n "${2:-}" ] || { echo "usage: $0 --new <artifactId>" >&2; exit 2; }
  empty_jar "$out/$2.jar"
  echo "api-baseline/$2.jar: empty baseline (every class of $2 counts as new)"
  exit 0
fi

rev="${1:?usage: $0 <tag-or-commit> | --new <artifactId>}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/src"
git -C "$work/src" checkout -q "$rev"
cd "$work/src"
# The published modules of that commit: those with a .published marker (the BOM has no classes).
mapfile -t modules < <(find . -mindepth 2 -maxdepth 2 -name .published -printf '%h\n' | sed 's|^\./||' | sort)
[ ${#modules[@]} -gt 0 ] || { echo "no published module found at $rev" >&2; exit 1; }
mvn -B -q package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -Djapicmp.skip -Dbenchmarks.smoke.skip \
    -pl "$(IFS=,; echo "${modules[*]}")"
rm -f "$out"/*.jar
for m in "${modules[@]}"; do
  artifact="$(basename "$m")"
  jar="$(find "$m/target" -maxdepth 1 -name "$artifact-*.jar" ! -name '*-sources.jar' ! -name '*-javadoc.jar' \
        ! -name '*-tests.jar' | head -1)"
  cp "$jar" "$out/$artifact.jar"
  echo "api-baseline/$artifact.jar <- $jar"
done
echo "$(git rev-parse HEAD)" > "$out/COMMIT"
echo "Baseline: $rev ($(cat "$out/COMMIT")). Next: remove the japicmp <excludes> of the breaks it shipped (pom.xml)."
