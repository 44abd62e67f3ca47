#!/usr/bin/env bash
# Compares `npm run bench` figures of commits, interleaved so that a machine getting busier or
# quieter affects each commit alike; prints the median of each figure per commit and the ratio of
# the last commit's median to the first's.
#
#   bash test/bench/ab.sh <rev> <rev> [...]       e.g. bash test/bench/ab.sh HEAD~5 HEAD
#   ROUNDS=3 BENCH_ONLY=overhead,serve bash test/bench/ab.sh main my-branch
#
# Each commit is checked out in its own worktree (sharing this checkout's node_modules) and built;
# the worktrees and their results stay under $AB_DIR (default: a new folder in the temp dir).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$#" -ge 2 ] || { echo "usage: bash test/bench/ab.sh <rev> <rev> [...]" >&2; exit 2; }
rounds="${ROUNDS:-3}"
only="${BENCH_ONLY:-}"
dir="${AB_DIR:-$(mktemp -d -t skilldock-ab-XXXXXX)}"
repo="$(pwd)"
trees=()
for rev in "$@"; do
  sha="$(git rev-parse --short "$rev")"
  tree="$dir/$sha"
  if [ ! -d "$tree" ]; then
    git worktree add --force --detach "$tree" "$sha" >/dev/null
    ln -s "$repo/node_modules" "$tree/node_modules"
    (cd "$tree" && npx electron-vite build >/dev/null)
  fi
  trees+=("$tree")
done
for round in $(seq 1 "$rounds"); do
  for tree in "${trees[@]}"; do
    name="$(basename "$tree")"
    (cd "$tree" && BENCH_ONLY="$only" bash test/support/with-keyring.sh \
      npx vitest run --config test/bench/vitest.bench.config.mts >"$dir/$name-$round.log" 2>&1 || true)
    cp "$tree/test/bench/results/latest.json" "$dir/$name-$round.json"
    echo "round $round: $name done" >&2
  done
done
python3 - "$dir" "${trees[@]}" <<'PY'
import glob, json, os, statistics, sys
out, names = sys.argv[1], [os.path.basename(t) for t in sys.argv[2:]]
values = {}
for name in names:
    for path in sorted(glob.glob(f'{out}/{name}-*.json')):
        for fig in json.load(open(path))['figures']:
            values.setdefault(fig['name'], {}).setdefault(name, []).append(fig['value'])
            ref = fig.get('reference')
            if ref:
                values.setdefault('reference: ' + ref['name'], {}).setdefault(name, []).append(ref['value'])
print('figure'.ljust(80), *[n.rjust(12) for n in names], 'last/first'.rjust(11))
for figure, per in values.items():
    med = [statistics.median(per[n]) if n in per else float('nan') for n in names]
    ratio = f'{med[-1] / med[0]:.3f}' if med[0] else '-'
    print(figure[:80].ljust(80), *[f'{m:12.3f}' for m in med], ratio.rjust(11))
print(f'\nruns and logs: {out}')
PY
