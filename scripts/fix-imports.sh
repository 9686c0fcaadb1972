#!/usr/bin/env bash
# Puts the imports of every module under the root pom.xml in eto4j's order (static imports, a blank line, all
# others in ASCII order) and removes unused ones, with Spotless as configured in the root pom.xml; nothing else in
# the files changes. The build checks the same rules in every mvn verify (-Dstyle.check.skip=true skips it).
#
#   scripts/fix-imports.sh                 every module
#   scripts/fix-imports.sh -pl eto-core    one module (any further Maven arguments are passed on)
#
# eto-bom (no parent, no sources) and examples/eto-spring-boot (Spring Boot's parent) do not inherit the
# configuration and are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
projects='!eto-bom,!examples/eto-spring-boot'
if [ "${1:-}" = "-pl" ]; then
  projects="$2"
  shift 2
fi
exec mvn -B -q com.diffplug.spotless:spotless-maven-plugin:3.1.0:apply -pl "$projects" "$@"
