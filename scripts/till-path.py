#!/usr/bin/env python3
"""The till path on the shared basket data, exactly as a new shop would take it.

For each data set: write a catalog CSV as a shop exports it (no stock column; categories only
where the variant says so), `xsell import catalog`, `xsell import orders` of the training
orders (every order that is not a test order of ../shared/basket-data/README.md's split),
`xsell mine` with its defaults, then every evaluation case through one `xsell recommend
--stdin` (the cart, the customer when the shop knows them, the case's time), scored as the
README says: hit@1/3/5 and MRR@5 over the top 5.

A NAME of the form `shop:DIR` takes DIR/orders.csv and DIR/catalog.csv (as `xsell demo
generate --profile wholesale` writes them) and cuts the cases by the same split rule.

Usage: scripts/till-path.py XSELL_BINARY DATA_DIR WORK_DIR [--only NAME,...] [--json FILE]
       [--stock] [--min-hit3 NAME=VALUE,...] [--check-eval]

--min-hit3 fails (exit 1) when a data set's hit@3 falls below its floor: CI holds the
figures of the README to it. --check-eval also runs `xsell eval --catalog` on the same orders
and catalog and fails unless its "engine at the till" row gives the same figures: the row
`xsell eval` prints is then what a shop gets.
"""

import csv
import hashlib
import json
import os
import subprocess
import sys
import time

DATASETS = {
    # name: (orders file, cases file, catalog source, with categories)
    "groceries": ("groceries.orders.csv", "reference/groceries.cases.jsonl", None, False),
    "bakery": ("bakery.orders.csv", "reference/bakery.cases.jsonl", None, False),
    "tafeng": ("tafeng/tafeng.orders.csv", "tafeng/reference/tafeng.cases.jsonl",
               "tafeng/tafeng.catalog.csv", False),
    "tafeng-categories": ("tafeng/tafeng.orders.csv", "tafeng/reference/tafeng.cases.jsonl",
                          "tafeng/tafeng.catalog.csv", True),
}
TEST_ORDERS = {
    "groceries": "reference/groceries.test_orders.txt",
    "bakery": "reference/bakery.test_orders.txt",
    "tafeng": "tafeng/reference/tafeng.test_orders.txt",
    "tafeng-categories": "tafeng/reference/tafeng.test_orders.txt",
}
def sku_of(label):
    """A basket label as a till's SKU (no spaces), its name kept as the product's name."""
    return label.replace(" ", "_")


# The most different SKUs one `recommend --stdin` query may hold (MAX_CART in
# src/cli/recommend.rs).
MAX_CART = 100

# Shops' exports without dates still need a day on each order for the till.
NO_DATE = "2026-01-01T12:00:00"


def run(cmd, log, **kw):
    """Runs a command under /usr/bin/time -v; returns (stdout, seconds, peak MB)."""
    timed = ["/usr/bin/time", "-v"] + cmd
    start = time.monotonic()
    p = subprocess.run(timed, capture_output=True, text=True, **kw)
    secs = time.monotonic() - start
    peak = 0.0
    for line in p.stderr.splitlines():
        if "Maximum resident set size" in line:
            peak = int(line.split(":")[1]) / 1024.0
    with open(log, "a") as f:
        f.write("$ %s\n%s\n" % (" ".join(cmd), p.stderr))
    if p.returncode != 0:
        sys.exit("%s failed (exit %d):\n%s" % (" ".join(cmd), p.returncode, p.stderr[-2000:]))
    return p.stdout, secs, peak


def split_cases(orders_path):
    """The split of ../shared/basket-data/README.md: (test order ids, cases)."""
    orders = {}
    with open(orders_path, newline="") as src:
        for row in csv.DictReader(src):
            o = orders.setdefault(row["order_id"], {"ts": None, "customer": None, "skus": set()})
            o["skus"].add(row["sku"])
            if row["customer_id"]:
                o["customer"] = row["customer_id"]
            if row["ts"] and (o["ts"] is None or row["ts"] < o["ts"]):
                o["ts"] = row["ts"]
    digest = lambda text: int(hashlib.sha256(text.encode()).hexdigest(), 16)
    if all(o["ts"] for o in orders.values()):
        key = lambda i: (orders[i]["ts"], (0, int(i), "") if i.isdigit() else (1, 0, i))
    else:
        key = lambda i: digest("0:" + i)
    ids = sorted(orders, key=key)
    test_ids = ids[len(ids) - round(0.2 * len(ids)):]
    cases = []
    for i in test_ids:
        items = sorted(orders[i]["skus"])
        if len(items) < 2:
            continue
        hidden = items[digest("0:" + i + ":hide") % len(items)]
        cases.append({"order_id": i, "customer": orders[i]["customer"], "ts": orders[i]["ts"],
                      "cart": [s for s in items if s != hidden], "hidden": hidden})
    return set(test_ids), cases


def prepare(data, name, work, stock):
    if name.startswith("shop:"):
        shop = name[len("shop:"):]
        orders_file = os.path.join(shop, "orders.csv")
        catalog_src = os.path.join(shop, "catalog.csv")
        with_categories = True
        test, shop_cases = split_cases(orders_file)
        cases_file = os.path.join(work, "cases.jsonl")
        with open(cases_file, "w") as out:
            for c in shop_cases:
                out.write(json.dumps(c) + "\n")
    else:
        orders_file, cases_file, catalog_src, with_categories = DATASETS[name]
        test = set(open(os.path.join(data, TEST_ORDERS[name])).read().split())
    catalog = os.path.join(work, "catalog.csv")
    train = os.path.join(work, "train.orders.csv")
    skus = {}
    customers = set()
    with open(os.path.join(data, orders_file), newline="") as src, \
            open(train, "w", newline="") as out:
        r = csv.DictReader(src)
        w = csv.writer(out)
        w.writerow(["order_id", "customer_id", "sku", "qty", "unit_price", "ts"])
        for row in r:
            skus.setdefault(row["sku"], row["unit_price"])
            if row["order_id"] in test:
                continue
            if row["customer_id"]:
                customers.add(row["customer_id"])
            w.writerow([row["order_id"], row["customer_id"], sku_of(row["sku"]), row["qty"],
                        row["unit_price"], row["ts"] or NO_DATE])
    with open(catalog, "w", newline="") as out:
        w = csv.writer(out)
        # --stock: the same catalog with a stock figure, to compare with the shop that has one.
        extra = ["1000"] if stock else []
        w.writerow(["sku", "name", "category", "price"] + (["stock"] if stock else []))
        if catalog_src:
            with open(os.path.join(data, catalog_src), newline="") as src:
                for row in csv.DictReader(src):
                    w.writerow([row["sku"], row["name"],
                                row["category"] if with_categories else "", row["price"]] + extra)
        else:
            # Baskets without prices: every product at one price, as the engine sees them.
            assert len({sku_of(s) for s in skus}) == len(skus), "two labels, one SKU"
            for label in sorted(skus):
                w.writerow([sku_of(label), label, "", "1.00"] + extra)
    queries = os.path.join(work, "queries.jsonl")
    cases = []
    with open(os.path.join(data, cases_file)) as src, open(queries, "w") as out:
        for line in src:
            case = json.loads(line)
            case["cart"] = [sku_of(s) for s in case["cart"]]
            case["hidden"] = sku_of(case["hidden"])
            cases.append(case)
            # A till asks with at most MAX_CART different SKUs (src/cli/recommend.rs):
            # the largest wholesale baskets are asked with their first 100.
            q = {"cart": case["cart"][:MAX_CART], "k": 5,
                 "customer": case["customer"] if case["customer"] in customers else None,
                 # Without a time, the day the training orders got: never the clock's.
                 "at": case["ts"] or NO_DATE}
            out.write(json.dumps(q) + "\n")
    return catalog, train, queries, cases, os.path.join(data, orders_file)


def score(cases, answers):
    hits = [0, 0, 0]
    mrr = 0.0
    empty = 0
    short = 0
    for case, ans in zip(cases, answers):
        if "error" in ans:
            sys.exit("the till refused a case: %s" % ans["error"])
        skus = [i["sku"] for i in ans["items"]][:5]
        if not skus:
            empty += 1
        if len(skus) < 5:
            short += 1
        if case["hidden"] in skus:
            rank = skus.index(case["hidden"]) + 1
            for i, k in enumerate((1, 3, 5)):
                if rank <= k:
                    hits[i] += 1
            mrr += 1.0 / rank
    n = len(cases)
    return {"cases": n, "hit1": hits[0] / n, "hit3": hits[1] / n, "hit5": hits[2] / n,
            "mrr": mrr / n, "empty": empty / n, "short": short / n}


def till_path(xsell, data, name, work, stock):
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "store.db")
    for f in os.listdir(work):
        os.remove(os.path.join(work, f))
    log = os.path.join(work, "commands.log")
    catalog, train, queries, cases, orders = prepare(data, name, work, stock)
    base = [xsell, "--db", db]
    _, t_cat, _ = run(base + ["import", "catalog", catalog], log)
    _, t_imp, m_imp = run(base + ["import", "orders", train], log)
    _, t_mine, m_mine = run(base + ["mine"], log)
    with open(queries) as q:
        out, t_rec, m_rec = run(base + ["recommend", "--stdin"], log, stdin=q)
    answers = [json.loads(line) for line in out.splitlines()]
    if len(answers) != len(cases):
        sys.exit("%s: %d answers for %d cases" % (name, len(answers), len(cases)))
    result = score(cases, answers)
    result.update({
        "name": name, "import_s": round(t_cat + t_imp, 2), "import_mb": round(m_imp),
        "mine_s": round(t_mine, 2), "mine_mb": round(m_mine),
        "recommend_s": round(t_rec, 2), "recommend_mb": round(m_rec),
        "store_mb": round(os.path.getsize(db) / 1e6, 1),
        "orders_file": orders, "catalog_file": catalog,
    })
    return result


def eval_row(xsell, result, work):
    """`xsell eval`'s till row on the same orders and catalog: (figures, seconds)."""
    cmd = [xsell, "eval", "--orders", result["orders_file"], "--catalog", result["catalog_file"],
           "--no-tune", "--json"]
    out, secs, _ = run(cmd, os.path.join(work, "commands.log"))
    rows = {r["name"]: r["metrics"] for r in json.loads(out)["rows"]}
    return rows["engine at the till"], secs


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    xsell, data, work = args[:3]
    only = list(DATASETS)
    out_json = None
    floors = {}
    stock = False
    check_eval = False
    rest = args[3:]
    while rest:
        a = rest.pop(0)
        if a == "--only":
            only = rest.pop(0).split(",")
        elif a == "--json":
            out_json = rest.pop(0)
        elif a == "--stock":
            stock = True
        elif a == "--check-eval":
            check_eval = True
        elif a == "--min-hit3":
            floors = {k: float(v) for k, v in
                      (item.split("=") for item in rest.pop(0).split(","))}
        else:
            sys.exit("unknown argument %s" % a)
    results = []
    status = 0
    print("%-18s %6s %6s %6s %6s %6s %6s  %s" % (
        "data", "hit@1", "hit@3", "hit@5", "MRR@5", "empty", "short", "import / mine / recommend"))
    for name in only:
        r = till_path(xsell, data, name, os.path.join(work, name.replace("/", "_")), stock)
        results.append(r)
        print("%-18s %.4f %.4f %.4f %.4f %6.3f %6.3f  %.1f s / %.1f s (%d MB, store %.1f MB) / "
              "%.1f s (%d MB)" % (
                  name, r["hit1"], r["hit3"], r["hit5"], r["mrr"], r["empty"], r["short"],
                  r["import_s"], r["mine_s"], r["mine_mb"], r["store_mb"], r["recommend_s"],
                  r["recommend_mb"]), flush=True)
        if check_eval:
            m, secs = eval_row(xsell, r, os.path.join(work, name.replace("/", "_")))
            same = m["cases"] == r["cases"] and all(
                abs(m[a] - r[b]) < 1e-9
                for a, b in (("hit1", "hit1"), ("hit3", "hit3"), ("hitk", "hit5"), ("mrr", "mrr")))
            print("  xsell eval, engine at the till: %.4f %.4f %.4f %.4f (%.1f s) %s" % (
                m["hit1"], m["hit3"], m["hitk"], m["mrr"], secs,
                "the same" if same else "DIFFERENT"), flush=True)
            if not same:
                status = 1
        if name in floors and r["hit3"] < floors[name]:
            print("  %s: hit@3 %.4f is below its floor %.4f" % (name, r["hit3"], floors[name]))
            status = 1
    if out_json:
        with open(out_json, "w") as f:
            json.dump(results, f, indent=1)
    sys.exit(status)


if __name__ == "__main__":
    main()
