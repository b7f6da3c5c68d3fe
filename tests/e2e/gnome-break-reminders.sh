#!/usr/bin/env bash
# GNOME's own movement break reminders (GNOME 48+) against a stand-in schema: when they
# are on, the daemon tells the user once that there will be two reminders, and never
# changes the setting; a later start does not tell again.
: "${DESKBREAK_TEST_SCHEMAS:?set to the folder of the compiled stand-in schema}"
SCENARIO=gnome-break-reminders
source "$(dirname "$0")/lib.sh"

export XDG_CURRENT_DESKTOP=GNOME GSETTINGS_SCHEMA_DIR=$DESKBREAK_TEST_SCHEMAS GSETTINGS_BACKEND=keyfile
keyfile=$XDG_CONFIG_HOME/glib-2.0/settings/keyfile
write_config <<'TOML'
[startup]
autostart = false
TOML
log=$XDG_STATE_HOME/deskbreak/deskbreak.log
told() { grep -c "told the user once: You will get two break reminders" "$log" || true; }
# read_as on|off N: the daemon has read GNOME's setting as on (or off) N times so far.
read_as() {
    local pattern="GNOME.s own movement break reminders: $1"
    [[ $(grep -c "$pattern" "$log") == "$2" ]]
}

step "GNOME's movement breaks on: told once"
gsettings set org.gnome.desktop.break-reminders selected-breaks "['movement', 'eyesight']"
before=$(sha256sum "$keyfile")
start_daemon
wait_until 50 read_as on 1 || fail "the daemon did not read GNOME's setting"
[[ $(told) == 1 ]] || fail "not told about the two reminders"
wait_until 50 test "$(dunstctl count displayed)" -ge 1 || fail "no notification"
dunstctl close-all # what is closed goes into dunst's history, where its text can be read
dunstctl history | grep -q "You will get two break reminders" || fail "the notification says something else"
[[ $(sha256sum "$keyfile") == "$before" ]] || fail "the daemon changed the user's GNOME settings"
quit_daemon

step "a second start does not tell again"
start_daemon
wait_until 50 read_as on 2 || fail "the second start did not read GNOME's setting"
[[ $(told) == 1 ]] || fail "told again on the second start"
quit_daemon

step "off: nothing to tell"
rm -f "$XDG_STATE_HOME/deskbreak/told-gnome-break-reminders"
gsettings set org.gnome.desktop.break-reminders selected-breaks "['eyesight']"
start_daemon
wait_until 50 read_as off 1 || fail "the daemon did not read the setting as off"
[[ $(told) == 1 ]] || fail "told with GNOME's movement breaks off"
quit_daemon
step "done"
