#!/usr/bin/env bash
# Mining speed side by side with Borgelt's fpgrowth (PyPI pyfim), in the same run:
#  - in memory: baskets loaded once, then the mining alone timed (pyfim building its
#    result list; xsell collecting every itemset), median of ROUNDS × REPEAT runs, the two
#    interleaved round by round so that a busy machine hurts both alike;
#  - whole command vs whole command with hyperfine, when installed.
# Needs the basket data beside the repo (../shared/basket-data, or $BASKET_DATA).
# ROUNDS (default 3) and REPEAT (default 5) set the number of runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${BASKET_DATA:-$root/../shared/basket-data}"
rounds="${ROUNDS:-3}"
repeat="${REPEAT:-5}"
if [[ ! -f "$data/groceries.orders.csv" ]]; then
    echo "no basket data at $data" >&2
    exit 1
fi
python3 -c 'import fim' 2>/dev/null || python3 -m pip install --quiet pyfim
cd "$root"
cargo build --release --quiet
bin="$(realpath "${CARGO_TARGET_DIR:-target}")/release/xsell"
timer="$root/scripts/mining-pyfim-time.py"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

cases=("groceries 10" "groceries 3" "groceries 2" "bakery 1")
printf '%-10s %5s %9s %9s %12s %12s %7s\n' data count "sets fim" "sets ours" "pyfim s" "xsell s" ratio
for case in "${cases[@]}"; do
    read -r name count <<<"$case"
    csv="$data/$name.orders.csv"
    fim_times=() our_times=() fim_sets="" our_sets=""
    for ((r = 0; r < rounds; r++)); do
        read -r fim_sets t < <(python3 "$timer" "$csv" "$count" "$repeat")
        fim_times+=("$t")
        line="$("$bin" mine --from-csv "$csv" --min-count "$count" --repeat "$repeat" 2>&1 >/dev/null)"
        our_sets="$(sed -E 's/.* ([0-9]+) itemsets.*/\1/' <<<"$line")"
        our_times+=("$(sed -E 's/.*mining ([0-9.]+) s.*/\1/' <<<"$line")")
    done
    fim_med="$(printf '%s\n' "${fim_times[@]}" | median)"
    our_med="$(printf '%s\n' "${our_times[@]}" | median)"
    ratio="$(awk -v a="$fim_med" -v b="$our_med" 'BEGIN {printf "%.1fx", a / b}')"
    printf '%-10s %5s %9s %9s %12.6f %12.6f %7s\n' "$name" "$count" "$fim_sets" "$our_sets" \
        "$fim_med" "$our_med" "$ratio"
    if [[ "$fim_sets" != "$our_sets" ]]; then
        echo "itemset counts differ for $name at $count" >&2
        exit 1
    fi
done
echo "(ratio = pyfim median / xsell median; above 1x means xsell is faster)"

if command -v hyperfine >/dev/null; then
    echo
    echo "Whole command (read the CSV, mine, exit), hyperfine:"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    printf '%-10s %5s %12s %12s %7s\n' data count "pyfim s" "xsell s" ratio
    for case in "${cases[@]}"; do
        read -r name count <<<"$case"
        csv="$data/$name.orders.csv"
        hyperfine --style none --warmup 1 --runs "$((rounds * repeat))" --export-json "$tmp/h.json" \
            -n pyfim "python3 '$timer' '$csv' $count --once" \
            -n xsell "'$bin' mine --from-csv '$csv' --min-count $count" >/dev/null 2>&1
        python3 - "$tmp/h.json" "$name" "$count" <<'PY'
import json, sys
res = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
print(f"{sys.argv[2]:<10} {sys.argv[3]:>5} {res['pyfim']:12.6f} {res['xsell']:12.6f} "
      f"{res['pyfim'] / res['xsell']:6.1f}x")
PY
    done
fi
