#!/usr/bin/env bash
# Mines the full groceries and bakery data at min count 10 with the release binary and
# compares every itemset and count with the reference files (items + count only, in any
# order). Exits non-zero on any difference. Skips (exit 0) when the data is not beside
# the repo: ../shared/basket-data, or $BASKET_DATA.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${BASKET_DATA:-$root/../shared/basket-data}"
if [[ ! -d "$data/reference" ]]; then
    echo "SKIP mining reference check: no basket data at $data"
    exit 0
fi
cd "$root"
cargo build --release --quiet
bin="$(realpath "${CARGO_TARGET_DIR:-target}")/release/xsell"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

status=0
for name in groceries bakery; do
    "$bin" mine --from-csv "$data/$name.orders.csv" --min-count 10 \
        --itemsets-out "$tmp/$name.jsonl"
    python3 - "$name" "$tmp/$name.jsonl" "$data/reference/$name.itemsets.c10.jsonl" <<'PY' || status=1
import json, sys
name, ours_path, ref_path = sys.argv[1:4]

def load(path):
    sets = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            row = json.loads(line)
            key = tuple(sorted(row["items"]))
            if key in sets:
                sys.exit(f"FAIL {name}: {path}:{n} repeats itemset {list(key)}")
            sets[key] = row["count"]
    return sets

ours, ref = load(ours_path), load(ref_path)
missing = sorted(k for k in ref if k not in ours)
extra = sorted(k for k in ours if k not in ref)
wrong = sorted(k for k in ref if k in ours and ours[k] != ref[k])
if missing or extra or wrong:
    print(f"FAIL {name}: {len(ref)} reference itemsets, {len(ours)} mined; "
          f"{len(missing)} missing, {len(extra)} extra, {len(wrong)} with another count")
    for k in missing[:5]:
        print(f"  missing {list(k)} count {ref[k]}")
    for k in extra[:5]:
        print(f"  extra   {list(k)} count {ours[k]}")
    for k in wrong[:5]:
        print(f"  count   {list(k)}: reference {ref[k]}, mined {ours[k]}")
    sys.exit(1)
print(f"OK {name}: {len(ref)} itemsets identical")
PY
done
exit $status
