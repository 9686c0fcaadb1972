"""Turns a JMH JSON result file of sampled latencies (mode SampleTime) into the Markdown table used in BENCHMARKS.md.

Each row: the benchmark (with its parameters), the median (p50) of all samples, the range of the per-iteration
medians, p90, p99, p99.9, the JMH score (mean) with its 99.9 % confidence half-width, the min – max of all samples,
the number of samples, and the unit.

usage: /usr/bin/python3 jmh-latency-table.py RESULT.json
"""
import json
import sys


def fmt(v):
    v = float(v)
    if v != v:
        return "n/a"
    if abs(v) >= 1e4:
        return "{:,.0f}".format(v)
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.2f" % v


def median(hist):
    """The median of one iteration's histogram [[value, count], ...]."""
    pairs = sorted(hist)
    n = sum(c for _, c in pairs)
    seen = 0
    for v, c in pairs:
        seen += c
        if seen * 2 >= n:
            return v
    return float("nan")


def main(path):
    with open(path) as f:
        results = json.load(f)
    print("| benchmark | p50 | per-iteration p50 | p90 | p99 | p99.9 | mean ± error (99.9 %) | min – max | samples | unit |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        m = r["primaryMetric"]
        if r.get("mode") != "sample":
            continue
        name = r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]
        if r.get("params"):
            name += " (" + ", ".join("%s=%s" % kv for kv in r["params"].items()) + ")"
        p = m["scorePercentiles"]
        its = [median(it) for fork in m.get("rawDataHistogram", []) for it in fork]
        per_it = (fmt(min(its)) + " – " + fmt(max(its))) if its else "n/a"
        samples = sum(c for fork in m.get("rawDataHistogram", []) for it in fork for _, c in it)
        print("| %s | %s | %s | %s | %s | %s | %s ± %s | %s – %s | %s | %s |" % (
            name, fmt(p["50.0"]), per_it, fmt(p["90.0"]), fmt(p["99.0"]), fmt(p["99.9"]),
            fmt(m["score"]), fmt(m["scoreError"]), fmt(p["0.0"]), fmt(p["100.0"]), "{:,}".format(samples),
            m["scoreUnit"]))


if __name__ == "__main__":
    main(sys.argv[1])
