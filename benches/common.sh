# Shared by benches/load.sh and benches/soak.sh (sourced from the repository root): wrk
# installed, release binaries built, a temporary work folder removed on exit with the server
# started in it, and helpers to pick a port and wait for a server.

if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

cargo build --release --quiet --bin talksearch --example gen_corpus
# TALKSEARCH_BIN runs another build (an earlier commit's) on the same corpus and load, to compare
# two builds side by side in one session.
bin=${TALKSEARCH_BIN:-target/release/talksearch}
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits up to a minute for BASE/healthz; prints the server log and fails if it never answers.
wait_healthy() {
  for _ in $(seq 1 600); do
    curl -sf "$1/healthz" >/dev/null && return 0
    sleep 0.1
  done
  cat "$work/serve.log"
  return 1
}
