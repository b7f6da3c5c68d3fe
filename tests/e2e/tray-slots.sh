#!/usr/bin/env bash
# The tray icon in the slots trayer really gives it: 22x30 on a top panel and 30x22 on a
# side panel. The ring's roundness is measured in screenshots of the icon's own window;
# then the live tooltip and the menu with its header line are shown and photographed.
SCENARIO=tray-slots
source "$(dirname "$0")/lib.sh"

write_config <<'TOML'
[startup]
autostart = false
TOML

tray_pid=""
# start_panel EDGE: trayer on that edge, 32 px thick.
start_panel() {
    local align=right
    [[ $1 == left ]] && align=top
    trayer --edge "$1" --align "$align" --widthtype pixel --width 96 --heighttype pixel --height 32 \
        --transparent false --SetDockType true --expand false >/dev/null 2>&1 &
    tray_pid=$!
    e2e_pids+=("$tray_pid")
    wait_until 50 xwininfo -name panel || fail "trayer did not start"
}
stop_panel() { kill "$tray_pid" 2>/dev/null || true; wait "$tray_pid" 2>/dev/null || true; }
icon_in_slot() {
    local line
    line=$(xwininfo -root -tree | grep '("deskbreak" "deskbreak")' | grep -E " $1\+[0-9]+\+[0-9]+ ") || return 1
    icon_id=$(awk '{print $1}' <<<"$line")
}
# measure PNG: the ring against the slot's background, as "box WxH centre DX,DY spread S".
measure() {
    local size
    size=$(identify -format '%w %h' "$1")
    convert "$1" -depth 8 rgb:- | python3 -c '
import math, sys
w, h = map(int, sys.argv[1:3])
data = sys.stdin.buffer.read()
px = lambda x, y: data[3 * (y * w + x):3 * (y * w + x) + 3]
bg = px(0, 0)
ink = lambda x, y: sum(abs(a - b) for a, b in zip(px(x, y), bg)) > 90
pts = [(x, y) for y in range(h) for x in range(w) if ink(x, y)]
xs = [p[0] for p in pts]; ys = [p[1] for p in pts]
bw, bh = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
cx, cy = (max(xs) + min(xs) + 1) / 2, (max(ys) + min(ys) + 1) / 2
edges = []
for i in range(32):
    a = 2 * math.pi * i / 32
    r, edge = 0.0, 0.0
    while True:
        x, y = int(math.floor(cx + r * math.cos(a))), int(math.floor(cy + r * math.sin(a)))
        if not (0 <= x < w and 0 <= y < h):
            break
        if ink(x, y):
            edge = r
        r += 0.25
    edges.append(edge)
spread = (max(edges) - min(edges)) / (sum(edges) / len(edges))
print("box %dx%d centre %.1f,%.1f spread %.3f" % (bw, bh, cx - w / 2, cy - h / 2, spread))
' $size
}
# check_round PNG: as wide as high, in the middle, a circle.
check_round() {
    local m
    m=$(measure "$1")
    step "$1: $m"
    python3 - "$m" <<'PY' || fail "the ring is not round in its slot: $m"
import sys
f = sys.argv[1].split()
bw, bh = map(int, f[1].split("x"))
dx, dy = map(float, f[3].split(","))
spread = float(f[5])
ok = abs(bw - bh) <= 1 and abs(dx) <= 1 and abs(dy) <= 1 and spread < 0.15 and bw >= 18
sys.exit(0 if ok else 1)
PY
}

start_panel top
start_input
start_daemon
wait_until 50 field_is tray_available true || fail "no tray host seen"
"$DESKBREAK" break >/dev/null || fail "break was refused" # the full green ring
wait_until 30 field_is state break || fail "no break"

for edge in top left; do
    slot=22x30
    [[ $edge == left ]] && slot=30x22
    if [[ $edge == left ]]; then
        stop_panel
        start_panel left
    fi
    step "a $edge panel gives a $slot slot"
    wait_until 100 icon_in_slot "$slot" || fail "no $slot slot: $(xwininfo -root -tree | grep deskbreak)"
    sleep 1.5 # drawn
    import -window "$icon_id" "$E2E_OUT/tray-slot-$slot.png"
    check_round "$E2E_OUT/tray-slot-$slot.png"
done

step "the tooltip, made as it shows"
"$DESKBREAK" break >/dev/null 2>&1 || true
window=$(xdotool search --limit 1 --name '^deskbreak: Desk break$') || fail "no break window"
press "$window" Escape # back to sitting
wait_until 30 field_is state sitting || fail "the break did not end"
eval "$(xwininfo -id "$icon_id" | awk '/Absolute upper-left X/ {print "x="$4} /Absolute upper-left Y/ {print "y="$4}')"
stop_input
before=$(xdotool search --onlyvisible --class deskbreak | sort)
xdotool mousemove $((x + 15)) $((y + 11))
tooltip_up() { [[ -n $(comm -13 <(echo "$before") <(xdotool search --onlyvisible --class deskbreak | sort)) ]]; }
wait_until 50 tooltip_up || fail "no tooltip on the icon"
sleep 0.3
shoot_root tray-tooltip
step "the menu, with its header line first"
xdotool click 3
sleep 1
shoot_root tray-menu
xdotool key Escape
quit_daemon
step "done"
