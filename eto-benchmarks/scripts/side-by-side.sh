#!/usr/bin/env bash
# Side by side, one core each: eto4j's batch kernel (JMH) and a plain numpy FAO-56 implementation
# (fao56_numpy.py) on the same records, written once by org.eto4j.benchmarks.Workloads (fixed seed) together
# with eto4j's ETo; numpy's ETo must equal eto4j's to 1e-9 relative. Prints both records/s and the ratio, by
# the wall clock (numpy: median of REPEATS runs; eto4j: JMH) and by CPU time per record (numpy: process time;
# eto4j: thread CPU time, org.eto4j.benchmarks.CpuTime), which other processes on a shared machine hardly disturb.
#
# usage: eto-benchmarks/scripts/side-by-side.sh            (after: mvn -B -q -pl eto-benchmarks -am verify)
# env:   ROWS_LIST   random-record sizes            (default "1000000 10000000")
#        YEARS       years of the 16 station series (default 30)
#        REPEATS     numpy timing repeats           (default 7)
#        JMH_OPTS    JMH options                    (default "-f 1 -wi 3 -i 5")
#        CPU         a core to pin both sides to with taskset (default: none; one thread each either way)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(dirname "$here")"
jar="$module/target/benchmarks.jar"
py=/usr/bin/python3   # Debian's python3 (its numpy), not whatever python3 comes first on PATH
rows_list=${ROWS_LIST:-"1000000 10000000"}
years=${YEARS:-30}
repeats=${REPEATS:-7}
jmh_opts=${JMH_OPTS:-"-f 1 -wi 3 -i 5"}
cpu=${CPU:-}

if [[ ! -f "$jar" ]]; then
  echo "side-by-side: $jar is missing; build it first: mvn -B -q -pl eto-benchmarks -am verify" >&2
  exit 1
fi
if ! "$py" -c 'import numpy' 2>/dev/null; then
  echo "side-by-side: installing Debian's python3-numpy" >&2
  apt-get install -y python3-numpy >&2
fi

# One thread for numpy's math libraries and for the JVM's benchmark thread.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMEXPR_NUM_THREADS=1 VECLIB_MAXIMUM_THREADS=1
pin=()
if [[ -n "$cpu" ]] && command -v taskset >/dev/null; then
  pin=(taskset -c "$cpu")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="$work/results.jsonl"
: > "$results"

measure() { # kind size-or-years file jmh-benchmark jmh-params...
  local kind=$1 size=$2 file=$3 bench=$4
  shift 4
  java -Xmx4g -cp "$jar" org.eto4j.benchmarks.Workloads "$kind" "$size" "$file"
  local numpy_json
  numpy_json="$("${pin[@]}" "$py" "$here/fao56_numpy.py" "$kind" "$file" "$repeats")"
  rm -f "$file"
  # shellcheck disable=SC2086
  "${pin[@]}" java -jar "$jar" "$bench" $jmh_opts -t 1 "$@" -jvmArgsAppend -XX:ActiveProcessorCount=1 \
      -rf json -rff "$work/jmh.json" > "$work/jmh.log" 2>&1 || { cat "$work/jmh.log" >&2; exit 1; }
  local cpu_json
  cpu_json="$("${pin[@]}" java -Xmx4g -XX:ActiveProcessorCount=1 -cp "$jar" org.eto4j.benchmarks.CpuTime "$kind" "$size")"
  "$py" - "$work/jmh.json" "$numpy_json" "$cpu_json" >> "$results" <<'PY'
import json, sys
jmh = json.load(open(sys.argv[1]))[0]
numpy = json.loads(sys.argv[2])
cpu = json.loads(sys.argv[3])
numpy.update({"eto4j_cpu_ns_per_record": cpu["cpu_ns_per_record"], "eto4j_cpu_min": cpu["cpu_ns_per_record_min"],
              "eto4j_cpu_max": cpu["cpu_ns_per_record_max"]})
rec = jmh["secondaryMetrics"]["records"]
num = lambda v: float(v)  # JMH writes "NaN" as a string when the error is undefined
numpy.update({"eto4j_records_per_s": num(rec["score"]), "eto4j_error": num(rec["scoreError"]),
              "eto4j_median": num(rec["scorePercentiles"]["50.0"]), "eto4j_min": num(rec["scorePercentiles"]["0.0"]),
              "eto4j_max": num(rec["scorePercentiles"]["100.0"]), "benchmark": jmh["benchmark"]})
print(json.dumps(numpy))
print(json.dumps(numpy), file=sys.stderr)
PY
}

for rows in $rows_list; do
  if [[ "$rows" == 1000000 ]]; then
    measure random "$rows" "$work/random.bin" 'DailyBatchBenchmark.randomRecords$' -p records="$rows"
  else
    measure random "$rows" "$work/random.bin" 'ScalingBenchmark.randomRecords$' -p scalingRecords="$rows" -p threads=1
  fi
done
measure stations "$years" "$work/stations.bin" 'DailyBatchBenchmark.stationSeries$' -p years="$years" -p records=1000

"$py" - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("%-9s %9s | %-34s | %-38s | %6s | %s" % ("workload", "records", "numpy records/s median [min..max]",
      "eto4j records/s median (score ± error)", "ratio", "max rel. diff"))
bad = False
for r in rows:
    ratio = r["eto4j_median"] / r["records_per_s"]
    print("%-9s %9d | %9.3g [%9.3g..%9.3g]       | %9.3g (%9.3g ± %8.2g)        | %5.2fx | %.2g" % (
        r["kind"], r["rows"], r["records_per_s"], r["records_per_s_min"], r["records_per_s_max"],
        r["eto4j_median"], r["eto4j_records_per_s"], r["eto4j_error"], ratio, r["max_relative_difference"]))
    bad |= not (r["max_relative_difference"] <= 1e-9 and r["finite"])
print()
print("%-9s %9s | %-30s | %-30s | %6s" % ("workload", "records", "numpy CPU ns/record [min..max]",
      "eto4j CPU ns/record [min..max]", "ratio"))
for r in rows:
    print("%-9s %9d | %7.1f [%7.1f..%7.1f]        | %7.1f [%7.1f..%7.1f]        | %5.2fx" % (
        r["kind"], r["rows"], r["cpu_ns_per_record"], r["cpu_ns_per_record_min"], r["cpu_ns_per_record_max"],
        r["eto4j_cpu_ns_per_record"], r["eto4j_cpu_min"], r["eto4j_cpu_max"],
        r["cpu_ns_per_record"] / r["eto4j_cpu_ns_per_record"]))
print("numpy %s, one thread each; ETo compared row by row (limit 1e-9 relative)" % rows[0]["numpy"])
if bad:
    print("side-by-side: numpy and eto4j disagree beyond 1e-9 relative", file=sys.stderr)
    sys.exit(1)
PY
