#!/usr/bin/env python3
"""Times Borgelt's fpgrowth (PyPI pyfim) on an orders CSV: loads the baskets once, then
mines `repeat` times and prints `ITEMSETS MEDIAN_SECONDS`. With --once it loads and mines
once and prints nothing (the whole-command run for hyperfine).

Usage: mining-pyfim-time.py ORDERS.csv MIN_COUNT [REPEAT | --once]
"""
import csv
import statistics
import sys
import time

import fim


def load(path):
    baskets = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            baskets.setdefault(row["order_id"], set()).add(row["sku"].strip())
    return [sorted(b) for b in baskets.values()]


def main():
    path, count = sys.argv[1], int(sys.argv[2])
    once = len(sys.argv) > 3 and sys.argv[3] == "--once"
    tx = load(path)
    if once:
        fim.fpgrowth(tx, target="s", supp=-count, report="a")
        return
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    times, n = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        sets = fim.fpgrowth(tx, target="s", supp=-count, report="a")
        times.append(time.perf_counter() - start)
        n = len(sets)
        del sets
    print(n, statistics.median(times))


if __name__ == "__main__":
    main()
