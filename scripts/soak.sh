#!/usr/bin/env bash
# Memory over refreshes and CPU at rest, for the release build against the simulator serving
# ITEMS items and ORDERS open orders:
#  1. the till started (saved lists from a first start, so the fresh catalog is loaded behind it
#     and swapped in), its open orders refreshed in the background every second (the real
#     refresh path, `[sync] pending_refresh_secs = 1`); RSS (VmRSS) after the first refresh
#     and after REFRESHES more, counted from the simulator's answers to getPending;
#  2. the same till at rest on the sale screen, refreshes every hour: the CPU it used over
#     IDLE seconds (utime + stime from /proc/PID/stat), and whether the screen changed
#     meanwhile (the clock in the status bar is all that may).
#
#   cargo build --release && scripts/soak.sh 100000 10000
#
# Needs tmux and curl. The catalog lists are loaded at start (and once behind a warm start):
# the till has no periodic refresh of them, so the open orders are the list refreshed here.
set -euo pipefail
ITEMS=${1:-100000}
ORDERS=${2:-10000}
REFRESHES=${REFRESHES:-20}
IDLE=${IDLE:-10}
BIN=$(realpath "${BIN:-target/release/kash-pos}")
SESSION=kash-soak-$$
PORT=${PORT:-$((18000 + $$ % 1000))}
DIR=$(mktemp -d)
trap 'kill "$SIM" 2>/dev/null || true; tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$DIR"' EXIT

"$BIN" sim --addr "127.0.0.1:$PORT" --items "$ITEMS" --orders "$ORDERS" >"$DIR/sim.log" 2>&1 &
SIM=$!
BASE="http://127.0.0.1:$PORT/workers"
Q="idboutique=demo&key=demo&format=json"
for _ in $(seq 1 600); do curl -fso /dev/null "$BASE/getPlus.php?$Q" && break; sleep 0.1; done
config() {
  cat >"$DIR/config.toml" <<TOML
[kash]
base_url = "http://127.0.0.1:$PORT"
shop_id = "demo"
api_key = "demo"
[pos]
language = "en"
[sync]
pending_refresh_secs = $1
TOML
}
pending() { curl -s "$BASE/getPending.php?$Q" | grep -o '"id"' | wc -l; }
echo "items: $ITEMS, open orders served: $ORDERS, getPending body: $(curl -s "$BASE/getPending.php?$Q" | wc -c) bytes"

# The requests the simulator answered: its access counter is not exposed, so the till's own
# log of its requests is read (debug level) from a log directory of this run.
export XDG_STATE_HOME="$DIR/state"
LOG_GLOB="$DIR/state/kash-pos/kash-pos.log.*"
start() {
  tmux new-session -d -s "$SESSION" -x 120 -y 40 \
    "${ENV_EXTRA:-} KASH_POS_LOG=kash_pos=debug XDG_STATE_HOME=$XDG_STATE_HOME $BIN --config $DIR/config.toml --journal $DIR/journal.db"
  local t0
  t0=$(date +%s)
  while ! tmux capture-pane -p -t "$SESSION" 2>/dev/null | grep -q 'Basket — empty'; do
    sleep 0.05
    if (($(date +%s) - t0 > 120)); then echo "no sale screen after 120 s" >&2; exit 1; fi
  done
  PID=$(tmux list-panes -t "$SESSION" -F '#{pane_pid}')
}
refreshes() { cat $LOG_GLOB 2>/dev/null | grep -c 'getPending' || true; }
wait_refreshes() {
  local want=$1 t0
  t0=$(date +%s)
  while (($(refreshes) < want)); do
    sleep 0.2
    if (($(date +%s) - t0 > 600)); then echo "only $(refreshes) refreshes after 600 s" >&2; exit 1; fi
  done
}
swapped() {
  local t0
  t0=$(date +%s)
  while (($(cat $LOG_GLOB 2>/dev/null | grep -c 'catalog built items=' || true) < 2)); do
    sleep 0.2
    if (($(date +%s) - t0 > 300)); then echo "no fresh catalog after 300 s" >&2; exit 1; fi
  done
}
rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }

# A first start saves the lists; the soak runs on the second (warm: the fresh catalog swapped in).
config 3600
start
sleep 3
tmux kill-session -t "$SESSION"
sleep 1
rm -f $LOG_GLOB
config 1
start
# The saved catalog built, the fresh one loaded behind it and swapped in (each build logs
# "catalog built" at debug level), then a first refresh.
swapped
wait_refreshes $(($(refreshes) + 1))
sleep 0.5
first=$(refreshes)
before=$(rss)
series=""
for k in $(seq 1 "$REFRESHES"); do
  wait_refreshes $((first + k))
  series="$series $(($(rss) / 1024))"
done
sleep 1
after=$(rss)
echo "RSS (MiB) after each refresh:$series"
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
echo "RSS after the first refresh: $((before / 1024)) MiB; after $REFRESHES more: $((after / 1024)) MiB ($(awk -v a="$after" -v b="$before" 'BEGIN {printf "%+.1f", (a - b) * 100 / b}') %); peak $((hwm / 1024)) MiB"
tmux kill-session -t "$SESSION"
sleep 1

# At rest: refreshes every hour, on the sale screen, once the fresh catalog is swapped in.
config 3600
rm -f $LOG_GLOB
start
swapped
sleep 2
HZ=$(getconf CLK_TCK)
screen0=$(tmux capture-pane -p -t "$SESSION" | md5sum)
t0=$(cpu_ticks)
sleep "$IDLE"
t1=$(cpu_ticks)
echo "CPU at rest over $IDLE s: $(awk -v t=$((t1 - t0)) -v hz="$HZ" -v s="$IDLE" 'BEGIN {printf "%.2f", t * 100 / hz / s}') % of a core ($((t1 - t0)) ticks of 1/$HZ s)"
[ "$screen0" = "$(tmux capture-pane -p -t "$SESSION" | md5sum)" ] && echo "screen unchanged at rest" || echo "screen changed at rest (the clock)"
echo "pending orders served now: $(pending)"
