#!/usr/bin/env bash
# Soak: search load at high concurrency on `talksearch serve` while a writer creates, edits,
# renames, moves, breaks, fixes and deletes posts in the watched folder; then checks that
# nothing failed and that the index matches a clean rebuild of the folder.
#
#   benches/soak.sh [POSTS] [SECONDS] [CONNECTIONS]   (defaults: 2000 posts, 120 s, 64)
#
# Loopback only, bounded in time. Fails (exit 1) on any non-2xx answer or socket error, a
# panic in the server's log, or an index that differs from the clean rebuild. Installs wrk
# from Debian's packages if it is missing.
set -euo pipefail
posts=${1:-2000}
seconds=${2:-120}
connections=${3:-64}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

# shellcheck source=benches/common.sh
source benches/common.sh

target/release/examples/gen_corpus "$work/posts" "$posts" >/dev/null
# Text for new and edited posts: more posts of the same generator, outside the folder.
target/release/examples/gen_corpus "$work/all" $((posts + 300)) >/dev/null
mkdir -p "$work/staging"
find "$work/all" -name '*.md' | sort | tail -n 300 | xargs -I{} mv {} "$work/staging/"
rm -rf "$work/all"

port=$(free_port)
base="http://127.0.0.1:$port"
$bin serve --posts "$work/posts" --index "$work/index" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
wait_healthy "$base"

echo "soak: $posts posts, ${seconds}s, $connections connections, query mix of benches/mix.lua"
python3 benches/soak_writer.py "$work/posts" "$work/staging" "$seconds" &
writer=$!
load=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s -s benches/mix.lua "$base" | grep '^RESULT' | sed 's/^RESULT //')
wait "$writer"
echo "load: $load"

# Wait for the last re-index: the status stops changing.
previous=""
for _ in $(seq 1 120); do
  now=$(curl -sf "$base/status")
  if [ "$now" = "$previous" ]; then break; fi
  previous=$now
  sleep 1
done
status=$(curl -sf "$base/status")
echo "served: $status" | cut -c1-300

failed=0
errors=$(echo "$load" | sed -E 's/.*errors ([0-9]+).*/\1/')
if [ "$errors" != 0 ]; then echo "FAIL: $errors failed requests"; failed=1; fi
if grep -q "panicked" "$work/serve.log"; then echo "FAIL: the server panicked"; grep -m3 panicked "$work/serve.log"; failed=1; fi

# A clean rebuild of the same folder, and the same questions asked of both.
clean=$($bin index --posts "$work/posts" --index "$work/clean" --rebuild 2>/dev/null || true)
echo "clean: $clean" | head -1
python3 - "$status" "$clean" <<'EOF' || failed=1
import json, re, sys
served = json.loads(sys.argv[1])
m = re.match(r"(\d+) posts: .*; (\d+) documents", sys.argv[2])
posts, documents = int(m.group(1)), int(m.group(2))
if served["errors"]:
    print("FAIL: posts still failing in the server:", served["errors"][:3]); sys.exit(1)
if (served["posts"], served["documents"]) != (posts, documents):
    print(f"FAIL: served {served['posts']} posts / {served['documents']} documents, clean build {posts} / {documents}")
    sys.exit(1)
print(f"match: {posts} posts, {documents} documents, {served['talks']} talks")
EOF
# Every match of each query, paged through, from both indexes (ranking may differ: the served
# index still counts deleted documents in its word statistics until segments merge).
cport=$(free_port)
$bin serve --posts "$work/posts" --index "$work/clean" --addr "127.0.0.1:$cport" --no-watch 2>>"$work/serve.log" &
clean_server=$!
wait_healthy "http://127.0.0.1:$cport"
python3 - "$base" "http://127.0.0.1:$cport" <<'EOF' || failed=1
import json, sys, urllib.parse, urllib.request
def matches(base, q):
    ids, offset = set(), 0
    while True:
        url = f"{base}/search?q={urllib.parse.quote(q)}&limit=100&offset={offset}"
        d = json.load(urllib.request.urlopen(url))
        ids.update(h["id"] for h in d["hits"])
        offset += 100
        if offset >= min(d["total"], 10_000):
            return d["total"], ids
bad = 0
queries = ["asyncio", "garbage collection", "pandas", "kubernetes", "observability", "data pipelines", "speaker:rao"]
for q in queries:
    a, b = matches(sys.argv[1], q), matches(sys.argv[2], q)
    if a != b:
        print(f"FAIL: {q!r}: served {a[0]} matches, clean build {b[0]}; {len(a[1] ^ b[1])} ids differ")
        bad = 1
if not bad:
    print(f"same matches for {len(queries)} queries")
sys.exit(bad)
EOF
kill "$clean_server" 2>/dev/null || true
if [ "$failed" = 0 ]; then echo "soak passed"; else echo "soak FAILED"; exit 1; fi
