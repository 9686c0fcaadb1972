"""Turns a JMH JSON result file of FanOutBenchmark (latency and rate) into the transport x subscribers table of
BENCHMARKS.md ("Fan-out by transport").

Each row: transport, subscribers, p50, p90, p95, p99, p99.9 and max of `latency` (µs, all samples), its sample count,
and `rate` (events/s delivered to every subscriber: median of the iterations, min - max) with frames/s (events/s x
subscribers). Either benchmark may be missing from the file; its columns then read n/a.

usage: /usr/bin/python3 jmh-fanout-table.py RESULT.json
"""
import json
import sys

ORDER = ["websocket", "jakarta", "sse-jdk", "sse-servlet"]


def fmt(v):
    v = float(v)
    if v != v:
        return "n/a"
    if abs(v) >= 1e4:
        return "{:,.0f}".format(v)
    if abs(v) >= 100:
        return "{:,.0f}".format(v)
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.2f" % v


def median(values):
    s = sorted(values)
    n = len(s)
    if n == 0:
        return float("nan")
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def main(path):
    with open(path) as f:
        results = json.load(f)
    rows = {}
    for r in results:
        name = r["benchmark"].rsplit(".", 1)[-1]
        params = r.get("params", {})
        key = (params.get("transport", "websocket"), int(params.get("subscribers", "0")))
        row = rows.setdefault(key, {})
        m = r["primaryMetric"]
        if name == "latency":
            p = m["scorePercentiles"]
            row["latency"] = (p["50.0"], p["90.0"], p["95.0"], p["99.0"], p["99.9"], p["100.0"],
                              sum(c for fork in m.get("rawDataHistogram", []) for it in fork for _, c in it))
        elif name == "rate":
            its = [v for fork in m.get("rawData", []) for v in fork]
            row["rate"] = (median(its), min(its), max(its))
    print("| transport | subscribers | p50 µs | p90 µs | p95 µs | p99 µs | p99.9 µs | max µs | samples "
          "| events/s to all (min – max) | frames/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    nan = float("nan")
    for key in sorted(rows, key=lambda k: (ORDER.index(k[0]) if k[0] in ORDER else 99, k[1])):
        transport, n = key
        lat = rows[key].get("latency", (nan, nan, nan, nan, nan, nan, 0))
        rate = rows[key].get("rate", (nan, nan, nan))
        print("| %s | %s | **%s** | %s | %s | **%s** | %s | %s | %s | %s (%s – %s) | %s |" % (
            transport, "{:,}".format(n), fmt(lat[0]), fmt(lat[1]), fmt(lat[2]), fmt(lat[3]), fmt(lat[4]),
            fmt(lat[5]), "{:,}".format(lat[6]), fmt(rate[0]), fmt(rate[1]), fmt(rate[2]), fmt(rate[0] * n)))


if __name__ == "__main__":
    main(sys.argv[1])
