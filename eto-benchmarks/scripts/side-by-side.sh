#!/usr/bin/env bash
# Side by side, one core each: eto4j's batch kernels (JMH) and a plain numpy FAO-56 implementation
# (fao56_numpy.py) on the same records, written once by org.eto4j.benchmarks.Workloads (fixed seed) together
# with eto4j's ETo; numpy's ETo must equal eto4j's to 1e-9 relative. Prints the records/s and the ratios, by
# the wall clock (numpy: median of REPEATS runs; eto4j: JMH) and by CPU time per record (numpy: process time;
# eto4j: thread CPU time, org.eto4j.benchmarks.CpuTime), which other processes on a shared machine hardly disturb.
# eto4j is measured twice: with its SIMD kernel (JVM started with --add-modules jdk.incubator.vector) and with
# its scalar kernel (-Dorg.eto4j.core.simd=off; what a JVM without the module runs). For 10^7 records only the
# SIMD kernel is timed with JMH; both are timed by CPU time.
#
# usage: eto-benchmarks/scripts/side-by-side.sh            (after: mvn -B -q -pl eto-benchmarks -am verify)
# env:   ROWS_LIST   random-record sizes            (default "1000000 10000000")
#        YEARS       years of the 16 station series (default 30)
#        REPEATS     numpy timing repeats, at least (default 7)
#        NUMPY_SECONDS  numpy keeps repeating until it has been timed this long (default 10, like JMH's
#                    5 measurement iterations of 2 s), so both sides are timed over comparable windows
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
numpy_seconds=${NUMPY_SECONDS:-10}
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

vector="--add-modules=jdk.incubator.vector"
jmh() { # result-file benchmark jvm-args jmh-params...
  local out=$1 bench=$2 jvm=$3
  shift 3
  # shellcheck disable=SC2086
  "${pin[@]}" java -jar "$jar" "$bench" $jmh_opts -t 1 "$@" -jvmArgsAppend "-XX:ActiveProcessorCount=1 $jvm" \
      -rf json -rff "$out" > "$work/jmh.log" 2>&1 || { cat "$work/jmh.log" >&2; exit 1; }
}

measure() { # kind size-or-years file jmh-benchmark scalar-jmh-benchmark-or-- heap jmh-params...
  local kind=$1 size=$2 file=$3 bench=$4 scalar_bench=$5 heap=$6
  shift 6
  java -Xmx4g -cp "$jar" org.eto4j.benchmarks.Workloads "$kind" "$size" "$file"
  local numpy_json
  numpy_json="$("${pin[@]}" "$py" "$here/fao56_numpy.py" "$kind" "$file" "$repeats" "$numpy_seconds")"
  rm -f "$file"
  jmh "$work/jmh.json" "$bench" "$heap $vector" "$@"
  echo '[]' > "$work/jmh-scalar.json"
  if [[ "$scalar_bench" != - ]]; then
    jmh "$work/jmh-scalar.json" "$scalar_bench" "$heap $vector -Dorg.eto4j.core.simd=off" "$@"
  fi
  local cpu_json cpu_scalar_json
  # shellcheck disable=SC2086
  cpu_json="$("${pin[@]}" java $heap -XX:ActiveProcessorCount=1 "$vector" -cp "$jar" \
      org.eto4j.benchmarks.CpuTime "$kind" "$size" 2>/dev/null)"
  # shellcheck disable=SC2086
  cpu_scalar_json="$("${pin[@]}" java $heap -XX:ActiveProcessorCount=1 -cp "$jar" \
      org.eto4j.benchmarks.CpuTime "$kind" "$size")"
  "$py" - "$work/jmh.json" "$work/jmh-scalar.json" "$numpy_json" "$cpu_json" "$cpu_scalar_json" >> "$results" <<'PY'
import json, sys
numpy = json.loads(sys.argv[3])
num = lambda v: float(v)  # JMH writes "NaN" as a string when the error is undefined
for prefix, path, cpu_arg in (("eto4j", sys.argv[1], sys.argv[4]), ("scalar", sys.argv[2], sys.argv[5])):
    cpu = json.loads(cpu_arg)
    numpy.update({prefix + "_kernel": cpu["kernel"], prefix + "_cpu_ns_per_record": cpu["cpu_ns_per_record"],
                  prefix + "_cpu_min": cpu["cpu_ns_per_record_min"], prefix + "_cpu_max": cpu["cpu_ns_per_record_max"]})
    runs = json.load(open(path))
    if runs:
        rec = runs[0]["secondaryMetrics"]["records"]
        numpy.update({prefix + "_records_per_s": num(rec["score"]), prefix + "_error": num(rec["scoreError"]),
                      prefix + "_median": num(rec["scorePercentiles"]["50.0"]),
                      prefix + "_min": num(rec["scorePercentiles"]["0.0"]),
                      prefix + "_max": num(rec["scorePercentiles"]["100.0"]), prefix + "_benchmark": runs[0]["benchmark"]})
print(json.dumps(numpy))
print(json.dumps(numpy), file=sys.stderr)
PY
}

for rows in $rows_list; do
  if [[ "$rows" == 1000000 ]]; then
    measure random "$rows" "$work/random.bin" 'DailyBatchBenchmark.randomRecords$' \
        'DailyBatchScalarBenchmark.randomRecords$' "-Xms2g -Xmx2g" -p records="$rows"
  else
    measure random "$rows" "$work/random.bin" 'ScalingBenchmark.randomRecords$' - "-Xms3g -Xmx3g" \
        -p scalingRecords="$rows" -p threads=1
  fi
done
measure stations "$years" "$work/stations.bin" 'DailyBatchBenchmark.stationSeries$' \
    'DailyBatchScalarBenchmark.stationSeries$' "-Xms2g -Xmx2g" -p years="$years" -p records=1000

"$py" - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def wall(r, p):
    if p + "_median" not in r:
        return "%-36s" % "-"
    return "%9.3g (%9.3g ± %8.2g) %5.2fx" % (r[p + "_median"], r[p + "_records_per_s"], r[p + "_error"],
                                              r[p + "_median"] / r["records_per_s"])
print("records/s, one thread each (eto4j: JMH median (score ± error), ratio to numpy's median)")
print("%-9s %9s | %-34s | %-36s | %-36s | %s" % ("workload", "records", "numpy median [min..max]",
      "eto4j SIMD kernel", "eto4j scalar kernel", "max rel. diff"))
bad = False
for r in rows:
    print("%-9s %9d | %9.3g [%9.3g..%9.3g]       | %s | %s | %.2g" % (
        r["kind"], r["rows"], r["records_per_s"], r["records_per_s_min"], r["records_per_s_max"],
        wall(r, "eto4j"), wall(r, "scalar"), r["max_relative_difference"]))
    bad |= not (r["max_relative_difference"] <= 1e-9 and r["finite"])
print()
print("CPU ns/record median [min..max] (numpy: process time; eto4j: thread CPU time), ratio numpy/eto4j")
print("%-9s %9s | %-28s | %-36s | %-36s" % ("workload", "records", "numpy", "eto4j SIMD kernel",
      "eto4j scalar kernel"))
for r in rows:
    cell = lambda p: "%7.1f [%7.1f..%7.1f] %5.2fx" % (r[p + "_cpu_ns_per_record"], r[p + "_cpu_min"],
                                                       r[p + "_cpu_max"],
                                                       r["cpu_ns_per_record"] / r[p + "_cpu_ns_per_record"])
    print("%-9s %9d | %7.1f [%7.1f..%7.1f]  | %-36s | %-36s" % (
        r["kind"], r["rows"], r["cpu_ns_per_record"], r["cpu_ns_per_record_min"], r["cpu_ns_per_record_max"],
        cell("eto4j"), cell("scalar")))
    if r["eto4j_kernel"] != "simd" or r["scalar_kernel"] != "scalar":
        print("side-by-side: unexpected kernels %s / %s" % (r["eto4j_kernel"], r["scalar_kernel"]), file=sys.stderr)
        bad = True
print("numpy %s, one thread each; ETo compared row by row (limit 1e-9 relative)" % rows[0]["numpy"])
if bad:
    print("side-by-side: numpy and eto4j disagree beyond 1e-9 relative, or a kernel was not the expected one",
          file=sys.stderr)
    sys.exit(1)
PY
