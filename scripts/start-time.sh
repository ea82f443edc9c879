#!/usr/bin/env bash
# Start-up of the release build against the simulator serving N items: the plain download of
# getPlus (curl), the time until the sale screen shows with no saved lists (cold) and with the
# lists saved by the start before (warm), and the till's peak RSS (VmHWM) a few seconds after
# it is ready (SETTLE seconds, default 8: the fresh lists of a warm start loaded behind it). Medians of RUNS starts.
# Each start is timed twice: from outside, until tmux shows the sale screen (this includes tmux
# drawing it and this script polling every 10 ms: the floor line gives that share, timed the
# same way on a program that prints at once), and by the till itself, from its first
# instruction to its first ready frame drawn (the log's "the ready till drawn").
#
#   cargo build --release && scripts/start-time.sh 100000 5
#   SIM_ARGS="--link-mbps 100" scripts/start-time.sh 100000 5   # over a 100 Mbit/s line
#
# Needs tmux and curl. Prints one line per measure; the README's performance table comes from it.
set -euo pipefail
N=${1:-100000}
RUNS=${2:-5}
BIN=$(realpath "${BIN:-target/release/kash-pos}")
# A session of its own: another run (or another tmux user) does not meet this one.
SESSION=kash-start-$$
PORT=${PORT:-18787}
DIR=$(mktemp -d)
trap 'kill "$SIM" 2>/dev/null || true; tmux kill-session -t "$SESSION" 2>/dev/null || true; tmux kill-session -t "$SESSION-hold" 2>/dev/null || true; rm -rf "$DIR"' EXIT
# One tmux server for the whole run: a start does not wait for a server to start.
tmux new-session -d -s "$SESSION-hold" "sleep 100000"
mkdir -p "$DIR/home"

# shellcheck disable=SC2086 # SIM_ARGS is a list of flags
"$BIN" sim --addr "127.0.0.1:$PORT" --items "$N" ${SIM_ARGS:-} >"$DIR/sim.log" 2>&1 &
SIM=$!
URL="http://127.0.0.1:$PORT/workers/getPlus.php?idboutique=demo&key=demo&format=json"
for _ in $(seq 1 600); do curl -fso /dev/null "$URL" && break; sleep 0.1; done
cat >"$DIR/config.toml" <<TOML
[kash]
base_url = "http://127.0.0.1:$PORT"
shop_id = "demo"
api_key = "demo"
[pos]
language = "en"
TOML

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now_ms() { date +%s%3N; }

download() {
  for _ in $(seq 1 "$RUNS"); do
    curl -so /dev/null -w '%{time_total}\n' "$URL" | awk '{printf "%d\n", $1 * 1000}'
  done | median
}

# Until the sale screen shows in the session, from `t0`: prints the ms.
shown() {
  local t0=$1
  while ! tmux capture-pane -p -t "$SESSION" 2>/dev/null | grep -q 'Basket — empty'; do
    sleep 0.01
    if (($(now_ms) - t0 > 120000)); then echo "no sale screen after 120 s" >&2; break; fi
  done
  echo $(($(now_ms) - t0))
}

# The floor: a program that prints the sale screen's line at once, timed as a start is.
floor() {
  local t0
  for _ in $(seq 1 "$RUNS"); do
    t0=$(now_ms)
    tmux new-session -d -s "$SESSION" -x 120 -y 40 "printf 'Basket — empty'; sleep 60"
    shown "$t0"
    tmux kill-session -t "$SESSION"
    sleep 0.2
  done | median
}

# One start: prints "ms_to_ready peak_rss_kib till_ms"; the journal decides cold or warm.
start() {
  local journal=$1
  local t0 pid ready
  t0=$(now_ms)
  tmux new-session -d -s "$SESSION" -x 120 -y 40 \
    "HOME=$DIR/home KASH_POS_LOG=kash_pos::app::runner=debug $BIN --config $DIR/config.toml --journal $journal"
  ready=$(shown "$t0")
  pid=$(tmux list-panes -t "$SESSION" -F '#{pane_pid}')
  sleep "${SETTLE:-8}"
  local rss own
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  tmux kill-session -t "$SESSION"
  sleep 0.5
  own=$(cat "$DIR"/home/.local/state/kash-pos/kash-pos.log.* 2>/dev/null |
    sed -n 's/.*since_start_ms=\([0-9]*\).*the ready till drawn.*/\1/p; s/.*the ready till drawn.*since_start_ms=\([0-9]*\).*/\1/p' | tail -1)
  echo "$ready $rss ${own:-0}"
}

echo "items: $N, getPlus body: $(curl -s "$URL" | wc -c) bytes"
echo "plain download (curl), median ms: $(download)"
echo "floor (tmux shows a line printed at once), median ms: $(floor)"
: >"$DIR/cold" ; : >"$DIR/warm"
for i in $(seq 1 "$RUNS"); do
  rm -f "$DIR/journal-$i.db"*
  start "$DIR/journal-$i.db" >>"$DIR/cold"
  start "$DIR/journal-$i.db" >>"$DIR/warm"
done
echo "cold start to the sale screen, median ms: $(cut -d' ' -f1 "$DIR/cold" | median)"
echo "cold start, the till's own time to its ready frame, median ms: $(cut -d' ' -f3 "$DIR/cold" | median)"
echo "cold start peak RSS, median MiB: $(cut -d' ' -f2 "$DIR/cold" | median | awk '{printf "%.0f", $1/1024}')"
echo "warm start to the sale screen, median ms: $(cut -d' ' -f1 "$DIR/warm" | median)"
echo "warm start, the till's own time to its ready frame, median ms: $(cut -d' ' -f3 "$DIR/warm" | median)"
echo "warm start peak RSS, median MiB: $(cut -d' ' -f2 "$DIR/warm" | median | awk '{printf "%.0f", $1/1024}')"
