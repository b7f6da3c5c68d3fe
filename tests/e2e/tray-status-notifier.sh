#!/usr/bin/env bash
# The tray as KDE Plasma, waybar and GNOME's AppIndicator extension show it: a
# StatusNotifierItem, registered with org.kde.StatusNotifierWatcher on the session bus.
# A stand-in watcher (tests/support/sni-watcher.py) plays the panel. The daemon must say
# it has a tray, register its item, and the item must answer as a host reads it: the
# tooltip, the status, a drawn icon, a menu; Activate (a left click) opens the status
# window. Runs under with-sway.sh (Qt on wayland) or with-xvfb.sh + with-dunst.sh (Qt on
# xcb, no XEmbed tray host).
#
#   tray-status-notifier.sh               with the stand-in watcher on the bus
#   tray-status-notifier.sh --no-watcher  without one: no tray, and doctor says why
watcher=1
if [[ ${1:-} == --no-watcher ]]; then
    watcher=0
    shift
fi
SCENARIO=tray-status-notifier-${DESKBREAK_TEST_COMPOSITOR:-x11}-${QT_QPA_PLATFORM:-default}
((watcher)) || SCENARIO+=-no-watcher
source "$(dirname "$0")/lib.sh"
support=$(cd "$(dirname "$0")/../support" && pwd)
# dbus-python and GLib's bindings are Debian's, for Debian's python.
dbus_python=/usr/bin/python3

write_config <<'TOML'
[schedule]
interval = "30m"
[startup]
autostart = false
TOML

# The status window, visible: xdotool on X11; on sway, sway's own view of its windows.
status_window_shown() {
    if [[ $QT_QPA_PLATFORM == wayland ]]; then
        swaymsg -t get_tree | python3 -c '
import json, sys
def names(node):
    yield node.get("name")
    for child in node.get("nodes", []) + node.get("floating_nodes", []):
        yield from names(child)
sys.exit(0 if "deskbreak" in names(json.load(sys.stdin)) else 1)'
    else
        [[ -n $(xdotool search --onlyvisible --name '^deskbreak$' 2>/dev/null) ]]
    fi
}

if ((!watcher)); then
    step "no StatusNotifierWatcher on the bus: no tray, and doctor says why"
    start_daemon
    [[ $(json_field tray_available) == false ]] || fail "a tray was reported with no watcher"
    run_doctor
    [[ $(doctor_says tray available) == false ]] || fail "doctor reports a tray with no watcher"
    reason=$(doctor_says tray rejected:status-notifier-item)
    [[ $reason == *"no StatusNotifierWatcher"* ]] ||
        fail "doctor does not say the watcher is missing (status-notifier-item: '$reason')"
    hint=$(doctor_says tray hint)
    [[ $hint == *StatusNotifierItem* && $hint == *"open deskbreak again"* ]] ||
        fail "doctor's hint names neither a tray that would work nor the way to the window: '$hint'"
    step "doctor: $reason; hint: $hint"
    quit_daemon
    step "done"
    exit 0
fi

step "the stand-in watcher takes org.kde.StatusNotifierWatcher"
watcher_log=$home/watcher.log
"$dbus_python" "$support/sni-watcher.py" --log "$watcher_log" 2>"$E2E_OUT/$scenario.watcher.err" &
e2e_pids+=($!)
wait_until 100 grep -qx ready "$watcher_log" || fail "the stand-in watcher did not start"

start_daemon
[[ $(json_field tray_available) == true ]] || fail "no tray reported with a watcher and a host"

step "the daemon registers its StatusNotifierItem"
wait_until 100 grep -q '^item ' "$watcher_log" || fail "no RegisterStatusNotifierItem reached the watcher"
read -r _ item_service item_path < <(grep -m 1 '^item ' "$watcher_log")
step "item: $item_service $item_path"

step "the item answers as a host reads it"
item=$("$dbus_python" - "$item_service" "$item_path" <<'PY'
import json, sys
import dbus
bus = dbus.SessionBus()
props = dbus.Interface(bus.get_object(sys.argv[1], sys.argv[2]), dbus.PROPERTIES_IFACE)
p = props.GetAll("org.kde.StatusNotifierItem")
pixmaps = [(int(w), int(h), bytes(data)) for w, h, data in p["IconPixmap"]]
_, _, tip_title, tip_text = p["ToolTip"]
ok = [len(d) == w * h * 4 and w > 0 for w, h, d in pixmaps]
# ARGB32 in network byte order: the first byte of each pixel is its alpha.
drawn = [any(d[i] for i in range(0, len(d), 4)) for _, _, d in pixmaps]
print(json.dumps({
    "status": str(p["Status"]),
    "tooltip": str(tip_title) + "\n" + str(tip_text),
    "menu": str(p["Menu"]),
    "sizes": " ".join(f"{w}x{h}" for w, h, _ in pixmaps),
    "pixmaps_ok": "yes" if ok and all(ok) else "no",
    "pixmaps_drawn": "yes" if drawn and all(drawn) else "no",
}))
PY
) || fail "the item did not answer Properties.GetAll"
item_field() { python3 -c 'import json, sys; print(json.loads(sys.argv[2])[sys.argv[1]])' "$1" "$item"; }
[[ $(item_field status) == Active ]] || fail "the item's Status is '$(item_field status)', not Active"
tooltip=$(item_field tooltip)
[[ $(json_field state) == sitting && $tooltip == "deskbreak"*"Sitting "*" next break at "*"(in "* ]] ||
    fail "the tooltip does not tell the sitting time: '$tooltip'"
[[ $(item_field pixmaps_ok) == yes ]] || fail "IconPixmap is empty or malformed ($(item_field sizes))"
[[ $(item_field pixmaps_drawn) == yes ]] || fail "IconPixmap is blank ($(item_field sizes))"
step "icon sizes: $(item_field sizes)"

step "the item's menu has the tray's actions"
menu=$(item_field menu)
layout=$(dbus-send --session --print-reply --dest="$item_service" "$menu" \
    com.canonical.dbusmenu.GetLayout int32:0 int32:-1 array:string:label) ||
    fail "the menu at $menu did not answer GetLayout"
for label in "Start break now" "Skip this break" "Quit deskbreak"; do
    grep -q "string \"$label\"" <<<"$layout" || fail "the menu has no '$label'"
done

step "doctor names the tray backend"
run_doctor
[[ $(doctor_says tray backend) == status-notifier-item ]] ||
    fail "doctor's tray backend is '$(doctor_says tray backend)', not status-notifier-item"

step "Activate (a left click) opens the status window"
status_window_shown && fail "a status window is up before the click"
dbus-send --session --print-reply --dest="$item_service" "$item_path" \
    org.kde.StatusNotifierItem.Activate int32:0 int32:0 >/dev/null || fail "Activate was refused"
wait_until 100 status_window_shown || fail "no status window after Activate"

quit_daemon
wait_until 50 grep -q "^gone $item_service " "$watcher_log" ||
    fail "the watcher did not see the item go with the daemon"
step "done"
