#!/usr/bin/env bash
# Whole-process benchmarks of glosa against references measured in the same run: a plain
# Aho-Corasick scan of 2,000 phrases (the practical limit of glossary matching), typos, and
# wc -w. Prints medians and ratios.
#
#   bash ../shared/tools/make-bench-corpus.sh      # once: builds /tmp/glosa-bench
#   bash scripts/bench.sh [RUNS]                   # default 5 runs
#
# Needs: a release build (cargo build --release --examples), GNU time, taskset; typos on PATH
# (cargo install typos-cli) for the typos columns.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
CORPUS=${GLOSA_BENCH_CORPUS:-/tmp/glosa-bench}
G=target/release/glosa
AC=target/release/examples/ac_scan
cargo build --release --quiet --examples
[ -d "$CORPUS/prose" ] || { echo "no corpus at $CORPUS (run make-bench-corpus.sh)"; exit 2; }
BIG=${TMPDIR:-/tmp}/glosa-bench-prose.txt
[ -f "$BIG" ] || cat "$CORPUS"/prose/part-0{1,2,3,4}.txt > "$BIG"
MB=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$BIG")

# median wall seconds of a command, run RUNS times (timed in Python: millisecond resolution)
TIMING=$(mktemp)
trap 'rm -f "$TIMING"' EXIT
median() {
  python3 - "$RUNS" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
t = []
for _ in range(runs):
    s = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t.append(time.perf_counter() - s)
print(f"{statistics.median(t):.4f}")
PY
}
peak_kb() { /usr/bin/time -f "%M" -o "$TIMING" "$@" > /dev/null 2>&1 || true; tail -1 "$TIMING"; }
rate() { python3 -c "print(f'{$MB/$1:.1f}')"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

echo "corpus: $BIG ($MB MB), $RUNS runs, medians; one core (taskset -c 0) unless said"
ac=$(median taskset -c 0 "$AC" "$CORPUS/patterns/glossary-es.txt" "$BIG")
gl=$(median taskset -c 0 "$G" check --format json "$BIG")
wc=$(median taskset -c 0 wc -w "$BIG")
g2=$(median "$G" check -j 2 --format json "$BIG")
printf '%-44s %8s s %8s MB/s\n' "glosa check --format json" "$gl" "$(rate "$gl")"
printf '%-44s %8s s %8s MB/s\n' "glosa check --format json, 2 threads" "$g2" "$(rate "$g2")"
printf '%-44s %8s s %8s MB/s  glosa/AC = %s\n' "Aho-Corasick scan, 2,000 phrases" "$ac" "$(rate "$ac")" "$(ratio "$ac" "$gl")"
printf '%-44s %8s s %8s MB/s\n' "wc -w" "$wc" "$(rate "$wc")"
if command -v typos > /dev/null; then
  ty=$(median taskset -c 0 typos --threads 1 "$BIG")
  printf '%-44s %8s s %8s MB/s  glosa/typos = %s\n' "typos" "$ty" "$(rate "$ty")" "$(ratio "$ty" "$gl")"
fi
echo "peak memory, glosa on the big file: $(peak_kb "$G" check --format json "$BIG") KB; on part-01 (28 MB): $(peak_kb "$G" check --format json "$CORPUS/prose/part-01.txt") KB"

TREE="$CORPUS/tree"
g1=$(median "$G" check -j 1 --format short "$TREE")
g2=$(median "$G" check -j 2 --format short "$TREE")
printf '%-44s %8s s (1 thread) %8s s (2 threads)\n' "glosa, 20,000-file tree" "$g1" "$g2"
if command -v typos > /dev/null; then
  t1=$(median typos --threads 1 "$TREE")
  t2=$(median typos --threads 2 "$TREE")
  printf '%-44s %8s s (1 thread) %8s s (2 threads)  glosa/typos = %s / %s\n' "typos, same tree" "$t1" "$t2" "$(ratio "$t1" "$g1")" "$(ratio "$t2" "$g2")"
fi
echo "peak memory, glosa on the tree: $(peak_kb "$G" check --format short "$TREE") KB"

one=$(median "$G" check "$CORPUS/small/one.md")
mapfile -t ten < "$CORPUS/lists/precommit-10.txt"
pc=$(median "$G" check --force-exclude "${ten[@]}")
printf '%-44s %8s s\n' "start-up: one 8 KB file" "$one" "pre-commit: 10 files" "$pc"
one1=$(median "$G" check -j 1 "$CORPUS/small/one.md")
printf '%-44s %8s s\n' "start-up: one 8 KB file, one thread" "$one1"
det_on=$(median taskset -c 0 "$G" check --format json "$CORPUS/prose/part-01.txt")
det_off=$(median taskset -c 0 "$G" check --lang es --format json "$CORPUS/prose/part-01.txt")
printf '%-44s %8s s (auto) %8s s (--lang es)\n' "language detection, prose part-01" "$det_on" "$det_off"
