#!/usr/bin/env bash
# Command line end to end (parse, compute, write) on a 10^6-row daily CSV, timed with hyperfine.
# Skipped, with a message, when examples/eto-cli/target/eto-cli.jar has not been built.
#
# usage: eto-benchmarks/scripts/cli-end-to-end.sh   (after building eto-benchmarks and examples/eto-cli)
# env:   ROWS (default 1000000), RUNS (default 5), CLI_JAR (default examples/eto-cli/target/eto-cli.jar)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cli="${CLI_JAR:-$root/examples/eto-cli/target/eto-cli.jar}"
jar="$root/eto-benchmarks/target/benchmarks.jar"
rows=${ROWS:-1000000}
runs=${RUNS:-5}

if [[ ! -f "$cli" ]]; then
  echo "cli-end-to-end: SKIPPED — $cli is absent (build examples/eto-cli first)"
  exit 0
fi
if [[ ! -f "$jar" ]]; then
  echo "cli-end-to-end: $jar is missing; build it first: mvn -B -q -pl eto-benchmarks -am verify" >&2
  exit 1
fi
if ! command -v hyperfine >/dev/null; then
  echo "cli-end-to-end: installing Debian's hyperfine" >&2
  apt-get install -y hyperfine >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$jar" org.eto4j.benchmarks.Workloads csv "$rows" "$work/in.csv"
echo "input: $rows rows, $(du -h "$work/in.csv" | cut -f1)"
hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/cli.md" --export-json "$root/eto-benchmarks/target/cli-end-to-end.json" \
  "java -jar $cli daily --latitude 50.8 --elevation 100 --input $work/in.csv --output $work/out.csv"
cat "$work/cli.md"
echo "rows/s at the mean: $(/usr/bin/python3 -c "import json; r=json.load(open('$root/eto-benchmarks/target/cli-end-to-end.json'))['results'][0]; print('%.3g (mean %.3f s ± %.3f s, median %.3f s)' % ($rows / r['mean'], r['mean'], r['stddev'], r['median']))")"
