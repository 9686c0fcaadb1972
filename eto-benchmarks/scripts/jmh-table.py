"""Turns a JMH JSON result file into the Markdown table used in BENCHMARKS.md.

Each row: the benchmark (with its parameters), the median of the measurement iterations, the JMH score with its
99.9 % confidence half-width, the min–max of the iterations, and the unit. Secondary results (records/s, the gc
profiler's allocation) get rows of their own.

usage: /usr/bin/python3 jmh-table.py RESULT.json
"""
import json
import sys


def fmt(v):
    v = float(v)
    if v != v:
        return "n/a"
    if abs(v) >= 1e5:
        return "%.3g" % v
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 1:
        return "%.2f" % v
    return "%.3g" % v


def row(name, m, unit=None):
    p = m.get("scorePercentiles", {})
    raw = [x for fork in m.get("rawData", []) for x in fork]
    lo = min(raw) if raw else p.get("0.0", float("nan"))
    hi = max(raw) if raw else p.get("100.0", float("nan"))
    return "| %s | %s | %s ± %s | %s – %s | %s |" % (
        name, fmt(p.get("50.0", m["score"])), fmt(m["score"]), fmt(m["scoreError"]), fmt(lo), fmt(hi),
        unit or m["scoreUnit"])


def main():
    results = json.load(open(sys.argv[1]))
    print("| benchmark | median | score ± error (99.9 %) | min – max | unit |")
    print("|---|---|---|---|---|")
    for r in results:
        name = r["benchmark"].replace("org.eto4j.benchmarks.", "")
        params = r.get("params") or {}
        shown = {k: v for k, v in params.items()
                 if (k == "threads") or (k == "records" and "randomRecords" in name and "Scaling" not in name)
                 or (k == "scalingRecords" and "Scaling" in name)}
        label = name + ("" if not shown else " (" + ", ".join("%s=%s" % kv for kv in sorted(shown.items())) + ")")
        print(row(label, r["primaryMetric"]))
        for key, m in sorted((r.get("secondaryMetrics") or {}).items()):
            if key in ("records", "gc.alloc.rate.norm", "gc.count"):
                print(row(label + " :" + key, m, "records/s" if key == "records" else None))


if __name__ == "__main__":
    main()
