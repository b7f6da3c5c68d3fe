#!/usr/bin/env bash
# The config watch outlives what happens to the files: the config folder deleted and
# made again, routine files edited in place (the same inode) and new routine files are
# all picked up by the running daemon, with no `deskbreak reload`.
SCENARIO=watches
source "$(dirname "$0")/lib.sh"
dir=$XDG_CONFIG_HOME/deskbreak
config=$dir/config.toml
routines=$dir/routines
log=$XDG_STATE_HOME/deskbreak/deskbreak.log

# reloads_listing NAME: the last "routines reloaded" line of the log lists NAME.
last_reload() { grep "routines reloaded:" "$log" | tail -n 1; }
reload_count() { grep -c "routines reloaded:" "$log" || true; }
listed() { [[ $(last_reload) == *" $1"* || $(last_reload) == *" $1,"* ]]; }
not_listed() { [[ $(last_reload) != *" $1,"* && $(last_reload) != *" $1" ]]; }
reloads_past() { (($(reload_count) > $1)); }

printf '[schedule]\ninterval = "45m"\n' >"$config"
start_daemon
[[ $(json_field interval_seconds) == 2700 ]] || fail "the config was not applied at start"

step "the config folder deleted, then made again with a changed config: applied"
rm -rf "$dir"
wait_until 50 grep -q "is gone; keeping the current settings" "$log" || fail "the deletion was not seen"
mkdir "$dir"
printf '[schedule]\ninterval = "40m"\n' >"$config"
wait_until 50 field_is interval_seconds 2400 || fail "the recreated config was not applied"
step "and edits in the new folder are seen: in place, then by rename-over"
printf '[schedule]\ninterval = "35m"\n' >"$config"
wait_until 50 field_is interval_seconds 2100 || fail "an in-place edit of the new config was missed"
printf '[schedule]\ninterval = "30m"\n' >"$config.new"
mv "$config.new" "$config"
wait_until 50 field_is interval_seconds 1800 || fail "a rename-over in the new folder was missed"

step "a config naming a routine that does not exist yet is kept out"
printf '[schedule]\ninterval = "30m"\n[break]\nroutine = "mine"\n' >"$config"
wait_until 50 grep -q 'break.routine: no routine named "mine"' "$log" || fail "the unknown routine was not reported"
[[ $(json_field routine) == desk-break ]] || fail "the config naming a missing routine was applied"

step "a new routine file (and its folder) is picked up, and the config applies then"
mkdir "$routines"
cat >"$routines/mine.toml" <<'TOML'
name = "mine"
title = "Mine"
[[step]]
exercise = "chin-tuck"
seconds = 40
TOML
wait_until 50 field_is routine mine || fail "the new routine was not picked up: $(last_reload)"
listed mine || fail "the new routine is not in the log's list: $(last_reload)"

step "an in-place append to the routine file is reloaded (same inode)"
inode=$(stat -c %i "$routines/mine.toml")
before=$(reload_count)
printf 'bogus = 1\n' >>"$routines/mine.toml"
wait_until 50 reloads_past "$before" || fail "the appended routine was not reloaded"
wait_until 50 grep -q "mine.toml:[0-9]*:1: unknown key 'bogus'" "$log" || fail "the appended error was not reported"
not_listed mine || fail "the broken routine is still listed: $(last_reload)"
[[ $(stat -c %i "$routines/mine.toml") == "$inode" ]] || fail "the edit was not in place"

step "rewriting the routine file in place (truncate and write) is reloaded too"
before=$(reload_count)
cat >"$routines/mine.toml" <<'TOML'
name = "mine"
title = "Mine again"
[[step]]
exercise = "chin-tuck"
seconds = 30
TOML
wait_until 50 reloads_past "$before" || fail "the rewritten routine was not reloaded"
wait_until 50 listed mine || fail "the fixed routine is not listed: $(last_reload)"
[[ $(stat -c %i "$routines/mine.toml") == "$inode" ]] || fail "the rewrite was not in place"

step "a second new routine file is listed"
sed 's/"mine"/"second"/' "$routines/mine.toml" >"$routines/second.toml"
wait_until 50 listed second || fail "the second routine was not picked up: $(last_reload)"

quit_daemon
step "done"
