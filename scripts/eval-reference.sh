#!/usr/bin/env bash
# Runs `xsell eval` (tuned, release build) on the reference data sets and fails unless the
# popularity row reproduces basket-data/README.md to the digit and the relevance model beats
# every peer of the README's table on hit@3 (the till's own rows: scripts/till-path.py). Usage: scripts/eval-reference.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/basket-data}"
if [[ ! -d "$data" ]]; then
    echo "note: $data not found, nothing to check" >&2
    exit 0
fi
cargo build --release --quiet
bin="$(realpath "${CARGO_TARGET_DIR:-target}")/release/xsell"
status=0
check='
import json, sys
name, want, peer = sys.argv[1], [float(x) for x in sys.argv[2:6]], float(sys.argv[6])
r = json.load(sys.stdin)
rows = {row["name"]: row["metrics"] for row in r["rows"]}
pop = [round(rows["popularity"][k], 3) for k in ("hit1", "hit3", "hitk", "mrr")]
eng = rows["model alone"]
ok = pop == want and eng["hit3"] > peer and all(
    eng["hit3"] > m["hit3"] for n, m in rows.items()
    if not n.startswith(("model alone", "engine at the till")))
verdict = "ok" if ok else "FAILED"
print("%s: popularity %s (README %s); model hit@3 %.3f (best README peer %s) %s"
      % (name, pop, want, eng["hit3"], peer, verdict))
sys.exit(0 if ok else 1)
'
# name  popularity hit@1 hit@3 hit@5 MRR@5  best peer hit@3
while read -r name h1 h3 h5 mrr peer; do
    json="$("$bin" eval --orders "$data/$name.orders.csv" --json --no-till)"
    python3 -c "$check" "$name" "$h1" "$h3" "$h5" "$mrr" "$peer" <<<"$json" || status=1
done <<'TABLE'
groceries .071 .176 .253 .131 .197
bakery .291 .505 .588 .402 .519
TABLE
exit $status
