#!/usr/bin/env bash
# Starting at login: the command line toggle, and the daemon applying
# [startup] autostart once and respecting the user's later "off".
SCENARIO=autostart
source "$(dirname "$0")/lib.sh"
entry=$XDG_CONFIG_HOME/autostart/deskbreak.desktop

step "autostart on writes a valid XDG autostart entry"
"$DESKBREAK" autostart on >/dev/null || fail "autostart on failed"
[[ -f $entry ]] || fail "no entry at $entry"
desktop-file-validate "$entry" || fail "the entry does not validate"
grep -qx "Exec=$DESKBREAK" "$entry" || grep -qx "Exec=\"$DESKBREAK\"" "$entry" || fail "Exec does not point at the binary"
[[ $("$DESKBREAK" autostart status) == on* ]] || fail "status does not say on"
step "autostart off removes it"
"$DESKBREAK" autostart off >/dev/null || fail "autostart off failed"
[[ -e $entry ]] && fail "the entry is still there"
[[ $("$DESKBREAK" autostart status) == off* ]] || fail "status does not say off"

step "the daemon with autostart = true turns it on once, and says so"
write_config <<'TOML'
[startup]
autostart = true
TOML
start_daemon
[[ -f $entry ]] || fail "the daemon did not create the entry"
grep -q "autostart turned on" "$XDG_STATE_HOME/deskbreak/deskbreak.log" || fail "the log does not say so"
quit_daemon
step "a later off is respected by the next start"
"$DESKBREAK" autostart off >/dev/null
start_daemon
[[ -e $entry ]] && fail "the daemon turned autostart on again against the user's off"
[[ $(grep -c "autostart turned on" "$XDG_STATE_HOME/deskbreak/deskbreak.log") == 1 ]] || fail "said more than once"
quit_daemon

step "autostart = false turns it off at start"
"$DESKBREAK" autostart on >/dev/null
write_config <<'TOML'
[startup]
autostart = false
TOML
start_daemon
[[ -e $entry ]] && fail "autostart = false left the entry in place"
quit_daemon
step "done"
