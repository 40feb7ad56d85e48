#!/usr/bin/env bash
# HTTP load on `talksearch serve` over a synthetic corpus, driven by wrk with the query mix of
# benches/mix.lua at 1, 8 and 64 connections. Prints requests/s and p50/p99/p99.9 latency per
# level, and the server's resident memory.
#
#   benches/load.sh [POSTS] [SECONDS]      (defaults: 10000 posts, 15 seconds per level)
#   TALKSEARCH_BIN=/tmp/talksearch-before benches/load.sh ...   (another build, same load)
#
# Installs wrk from Debian's packages if it is missing. The corpus and index go to a temporary
# folder that is removed at the end.
set -euo pipefail
posts=${1:-10000}
seconds=${2:-15}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

# shellcheck source=benches/common.sh
source benches/common.sh

target/release/examples/gen_corpus "$work/posts" "$posts"
port=$(free_port)
$bin serve --posts "$work/posts" --index "$work/index" --addr "127.0.0.1:$port" --no-watch \
  2>"$work/serve.log" &
server=$!
wait_healthy "http://127.0.0.1:$port"

echo "posts $posts, ${seconds}s per level, query mix of benches/mix.lua"
for connections in 1 8 64; do
  threads=$(( connections < 2 ? 1 : 2 ))
  line=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s -s benches/mix.lua \
    "http://127.0.0.1:$port" | grep '^RESULT' | sed 's/^RESULT //')
  echo "connections $connections: $line"
done
echo "server resident memory: $(( $(ps -o rss= -p "$server") / 1024 )) MiB"
