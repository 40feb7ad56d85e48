#!/usr/bin/env bash
# `talksearch index` beside its floor: Tantivy alone indexing the same synthetic posts, one
# document a post (title and body), with the same analyzer, writer threads and memory budget
# (examples/tantivy_baseline.rs). The two run alternately, RUNS times each, each into a new
# index; for each, the best wall time with that run's CPU time, the highest peak memory, and the
# ratios of talksearch to the baseline.
#
#   benches/index_baseline.sh [POSTS] [RUNS]      (defaults: 10000 posts, 3 runs each)
#   TALKSEARCH_BIN=/tmp/talksearch-before benches/index_baseline.sh ...   (another build)
#
# Absolute times vary from hour to hour on a shared machine: compare the ratio, or two builds
# in one run, never figures from another day.
set -euo pipefail
posts=${1:-10000}
runs=${2:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
if [ ! -x /usr/bin/time ]; then
  echo "index_baseline: /usr/bin/time (GNU time) is needed to measure CPU time and peak memory" >&2
  exit 1
fi
cargo build --release --quiet --bin talksearch --example gen_corpus --example tantivy_baseline
bin=${TALKSEARCH_BIN:-target/release/talksearch}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/gen_corpus "$work/posts" "$posts"

# Runs a command into a new index folder; appends "wall cpu peak_kib" to the file $1.
measure() {
  local into=$1
  shift
  rm -rf "$work/index"
  if ! /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>&1; then
    cat "$work/out" >&2
    exit 1
  fi
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$into"
}

for _ in $(seq 1 "$runs"); do
  measure "$work/baseline" target/release/examples/tantivy_baseline "$work/posts" "$work/index"
  measure "$work/talksearch" "$bin" index --posts "$work/posts" --index "$work/index"
done

# The best wall time and its run's CPU, and the highest peak memory, of a file of runs.
best() { sort -n "$1" | head -1 | awk '{ printf "%s %s", $1, $2 }'; echo " $(sort -k3 -n "$1" | tail -1 | awk '{ print $3 }')"; }
read -r bw bc bm <<<"$(best "$work/baseline")"
read -r tw tc tm <<<"$(best "$work/talksearch")"
printf '%-22s %8s %8s %10s\n' "$posts posts, best of $runs" "wall s" "CPU s" "peak MiB"
printf '%-22s %8s %8s %10d\n' "Tantivy alone" "$bw" "$bc" $((bm / 1024))
printf '%-22s %8s %8s %10d\n' "talksearch index" "$tw" "$tc" $((tm / 1024))
awk -v bw="$bw" -v bc="$bc" -v tw="$tw" -v tc="$tc" -v bm="$bm" -v tm="$tm" \
  'BEGIN { printf "%-22s %7.2fx %7.2fx %9.2fx\n", "ratio", tw / bw, tc / bc, tm / bm }'
