#!/usr/bin/env bash
# "Open config" never fails silently: clicked in the status window with a stand-in xdg-open
# that finds no application for the file (exit 3), the folder opens instead; when it finds
# none for the folder either, a dialog shows the path to copy. The log says which.
SCENARIO=open-config
source "$(dirname "$0")/lib.sh"

write_config <<'TOML'
[startup]
autostart = false
TOML
export QT_LOGGING_RULES="deskbreak.statuswindow.info=true"
log=$XDG_STATE_HOME/deskbreak/deskbreak.log
config=$XDG_CONFIG_HOME/deskbreak/config.toml
# The stand-in xdg-open: records what it was asked, and opens only what $home/opens lists.
mkdir -p "$home/bin"
asked=$home/asked
: >"$home/opens"
cat >"$home/bin/xdg-open" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >>'$asked'
grep -qxF "\$1" '$home/opens' && exit 0
exit 3
EOF
chmod +x "$home/bin/xdg-open"

button_at() {
    local line
    line=$(grep "status window layout:" "$log" | tail -n 1)
    [[ $line =~ $1\ ([0-9]+),([0-9]+)\ ([0-9]+)x([0-9]+) ]] || return 1
    echo "$((BASH_REMATCH[1] + BASH_REMATCH[3] / 2)) $((BASH_REMATCH[2] + BASH_REMATCH[4] / 2))"
}
click() {
    local xy
    xy=$(button_at "$1") || fail "the status window has no button $1"
    # shellcheck disable=SC2086  # "x y"
    xdotool mousemove --window "$status_window" $xy click 1
}

PATH=$home/bin:$PATH start_daemon
"$DESKBREAK" >/dev/null || fail "the second launch exited $?"
status_window=$(xdotool search --sync --onlyvisible --limit 1 --name '^deskbreak$') || fail "no status window"
wait_until 50 button_at configButton || fail "the status window did not say where its buttons are"

step "no application for the file: its folder opens instead"
echo "$XDG_CONFIG_HOME/deskbreak" >"$home/opens"
click configButton
wait_until 50 grep -q "open config: the file did not open .*exit 3.*; opened its folder" "$log" ||
    fail "the folder was not opened instead: $(grep 'open config' "$log")"
[[ $(cat "$asked") == "$config"$'\n'"$XDG_CONFIG_HOME/deskbreak" ]] || fail "asked: $(cat "$asked")"

step "no application for either: a dialog shows the path to copy"
: >"$home/opens"
: >"$asked"
click configButton
dialog=$(xdotool search --sync --onlyvisible --limit 1 --name '^deskbreak: your config$') ||
    fail "no dialog with the path"
grep -q "open config: neither the file nor its folder opened .*; showed the path to copy" "$log" ||
    fail "the dialog was not logged"
sleep 0.5
shoot_window "$dialog" open-config-dialog
press "$dialog" Escape
wait_until 30 sh -c "! xdotool search --onlyvisible --name '^deskbreak: your config$'" ||
    fail "Escape did not close the dialog"
quit_daemon
step "done"
