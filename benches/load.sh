#!/usr/bin/env bash
# HTTP load on `talksearch serve` over a synthetic corpus, driven by wrk with the query mix of
# benches/mix.lua at 1, 8 and 64 connections. Prints requests/s and p50/p99/p99.9 latency per
# level, and the server's resident memory.
#
#   benches/load.sh [POSTS] [SECONDS]      (defaults: 10000 posts, 15 seconds per level)
#
# Installs wrk from Debian's packages if it is missing. The corpus and index go to a temporary
# folder that is removed at the end.
set -euo pipefail
posts=${1:-10000}
seconds=${2:-15}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

cargo build --release --quiet --bin talksearch --example gen_corpus
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

target/release/examples/gen_corpus "$work/posts" "$posts"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/talksearch serve --posts "$work/posts" --index "$work/index" --addr "127.0.0.1:$port" --no-watch \
  2>"$work/serve.log" &
server=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/serve.log"; exit 1; }

echo "posts $posts, ${seconds}s per level, query mix of benches/mix.lua"
for connections in 1 8 64; do
  threads=$(( connections < 2 ? 1 : 2 ))
  line=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s -s benches/mix.lua \
    "http://127.0.0.1:$port" | grep '^RESULT' | sed 's/^RESULT //')
  echo "connections $connections: $line"
done
echo "server resident memory: $(( $(ps -o rss= -p "$server") / 1024 )) MiB"
