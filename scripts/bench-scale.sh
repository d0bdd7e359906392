#!/usr/bin/env bash
# Builds a scaled shop (100,000 products, 100,000 customers, 1,000,000 orders) and measures
# what the README's "Speed" section reports: import, mining, engine load, memory, and the
# round trip of 10,000 recommendation queries through `xsell recommend --stdin`.
#   scripts/bench-scale.sh [DIR]      (default DIR: /tmp/xsell-scale; reuses its store if present)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/xsell-scale}
db=$dir/store.db
cargo build --release --quiet
xsell=target/release/xsell
timed() { /usr/bin/time -f "    %e s wall, peak %M KB" "$@"; }

if [ ! -f "$db" ]; then
  mkdir -p "$dir"
  echo "== generate"
  timed $xsell demo generate --out "$dir" --products 100000 --customers 100000 --orders 1000000
  # The generated catalog names these classes; a catalog import refuses a class without a rate.
  $xsell --db "$db" tax-class food 8
  $xsell --db "$db" tax-class services 8
  for kind in staff catalog customers orders complements bundles; do
    echo "== import $kind"
    timed $xsell --db "$db" import $kind "$dir/$kind.csv"
  done
fi
echo "== mine (defaults: support 0.001, confidence 0.1, up to 3 items)"
timed $xsell --db "$db" mine
echo "== mine (min count 20, confidence 0.05)"
timed $xsell --db "$db" mine --min-count 20 --min-confidence 0.05
echo "== recommend --stdin: load, 10,000 queries, memory"
XSELL_BENCH_DB="$db" cargo bench --quiet --bench recommend_stdin
