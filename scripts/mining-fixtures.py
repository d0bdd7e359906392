#!/usr/bin/env python3
"""Cut small real subsets of the basket data into tests/fixtures/mining/ and write what
mlxtend mines from them, so that the exactness tests run without the full data.

Usage (from the repo root): python3 scripts/mining-fixtures.py [BASKET_DATA_DIR]
Needs: pip install mlxtend pandas
"""
import csv
import json
import os
import sys

import pandas as pd
import warnings

from mlxtend.frequent_patterns import association_rules, fpgrowth
from mlxtend.preprocessing import TransactionEncoder

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "basket-data")
OUT = os.path.join(ROOT, "tests", "fixtures", "mining")
ORDERS = 300

# (source file, fixture name, [(min count, max len)], min count for the rules file)
CASES = [
    ("groceries.orders.csv", "groceries300", [(2, None), (3, None), (2, 2)], 3),
    ("bakery.orders.csv", "bakery300", [(1, None), (2, None)], 1),
]


def cut(src, dst, n):
    """The rows of the first n orders (by first appearance), unchanged, and their baskets."""
    keep, baskets = [], {}
    with open(src, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        oid, sku = header.index("order_id"), header.index("sku")
        for row in reader:
            if row[oid] not in baskets:
                if len(baskets) == n:
                    continue
                baskets[row[oid]] = set()
            baskets[row[oid]].add(row[sku].strip())
            keep.append(row)
    with open(dst, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(keep)
    return [sorted(b) for b in baskets.values()]


def one_hot(baskets):
    te = TransactionEncoder()
    return pd.DataFrame(te.fit(baskets).transform(baskets), columns=te.columns_)


def support_for(count, n):
    # mlxtend keeps single items with count/n >= s and longer sets with
    # count >= ceil(s * n). count/n itself can land a hair above count in s * n and make
    # ceil demand count + 1; half a basket below is unambiguous for both tests.
    return (count - 0.5) / n


def write_itemsets(df, n, path):
    rows = sorted(
        (sorted(items), int(round(s * n))) for items, s in zip(df["itemsets"], df["support"])
    )
    rows.sort(key=lambda r: (len(r[0]), r[0]))
    with open(path, "w", encoding="utf-8") as f:
        for items, count in rows:
            f.write(json.dumps({"items": items, "count": count}, ensure_ascii=False) + "\n")
    return len(rows)


def main():
    # mlxtend divides by zero in metrics we do not use (certainty of sure rules).
    warnings.simplefilter("ignore", RuntimeWarning)
    os.makedirs(OUT, exist_ok=True)
    for src, name, thresholds, rule_count in CASES:
        baskets = cut(os.path.join(DATA, src), os.path.join(OUT, f"{name}.orders.csv"), ORDERS)
        df, n = one_hot(baskets), len(baskets)
        for count, max_len in thresholds:
            sets = fpgrowth(df, min_support=support_for(count, n), use_colnames=True, max_len=max_len)
            suffix = f".c{count}" + (f".len{max_len}" if max_len else "")
            k = write_itemsets(sets, n, os.path.join(OUT, f"{name}{suffix}.jsonl"))
            print(f"{name}{suffix}: {n} baskets, {k} itemsets")
        sets = fpgrowth(df, min_support=support_for(rule_count, n), use_colnames=True)
        rules = association_rules(sets, num_itemsets=n, metric="confidence", min_threshold=0.0)
        rules = rules[rules["consequents"].apply(len) == 1]
        lines = sorted(
            (sorted(a), next(iter(c)), round(sa * n), round(sc * n), round(s * n), conf, lift)
            for a, c, sa, sc, s, conf, lift in zip(
                rules["antecedents"],
                rules["consequents"],
                rules["antecedent support"],
                rules["consequent support"],
                rules["support"],
                rules["confidence"],
                rules["lift"],
            )
        )
        path = os.path.join(OUT, f"{name}.c{rule_count}.rules.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for a, c, ac, cc, k, conf, lift in lines:
                f.write(json.dumps({
                    "antecedent": a, "consequent": c, "antecedent_count": ac,
                    "consequent_count": cc, "count": k, "confidence": conf, "lift": lift,
                }, ensure_ascii=False) + "\n")
        print(f"{name}.c{rule_count}.rules: {len(lines)} rules")


if __name__ == "__main__":
    main()
