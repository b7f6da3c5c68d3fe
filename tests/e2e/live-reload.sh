#!/usr/bin/env bash
# Config edits take effect while the daemon runs: in place (sed -i), by an
# editor's rename-over, broken (kept out, told once), deleted, and on request.
SCENARIO=live-reload
source "$(dirname "$0")/lib.sh"
config=$XDG_CONFIG_HOME/deskbreak/config.toml
log=$XDG_STATE_HOME/deskbreak/deskbreak.log

step "first start copies the commented default, and never touches it again"
rm -f "$config"
start_daemon
cmp -s "$config" "$DESKBREAK_DATA/deskbreak.toml" || fail "the default config was not copied as shipped"
[[ $(json_field interval_seconds) == 3600 ]] || fail "not the default interval"

step "sed -i applies at once"
sed -i 's/^interval = "60m"/interval = "45m"/' "$config"
wait_until 50 field_is interval_seconds 2700 || fail "sed -i edit not applied"

step "an editor's rename-over applies too"
sed 's/^interval = "45m"/interval = "30m"/' "$config" >"$config.swp"
mv "$config.swp" "$config"
wait_until 50 field_is interval_seconds 1800 || fail "rename-over edit not applied"
sed 's/^interval = "30m"/interval = "25m"/' "$config" >"$config.swp"
mv "$config.swp" "$config"
wait_until 50 field_is interval_seconds 1500 || fail "a second rename-over was missed"
before=$(md5sum <"$config")

step "a broken edit keeps the last good config and is told once"
sed -i 's/^interval = "25m"/interval = 25/' "$config"
wait_until 50 grep -q "config.toml:[0-9]*:[0-9]*: schedule.interval = 25 has no unit" "$log" ||
    fail "the problem was not logged as FILE:LINE:COLUMN"
[[ $(json_field interval_seconds) == 1500 ]] || fail "the broken edit was applied"
echo "# the same problem, saved again" >>"$config"
sleep 1
[[ $(grep -c "told the user: .*config.toml" "$log") == 1 ]] || fail "the same problem was told more than once"
set +e
reload_out=$("$DESKBREAK" reload 2>&1)
reload_rc=$?
set -e
[[ $reload_rc == 1 ]] || fail "reload of a broken config did not exit 1"
[[ $reload_out == *"has no unit"* ]] || fail "reload did not name the problem: $reload_out"

step "fixing it applies again"
sed -i 's/^interval = 25$/interval = "20m"/' "$config"
wait_until 50 field_is interval_seconds 1200 || fail "the fix was not applied"

step "a shorter interval that is already exceeded makes the break due now"
sleep 2
sed -i 's/^interval = "20m"/interval = "10s"/' "$config"
wait_until 100 field_is due true || fail "not due after shortening the interval"

step "a deleted config keeps the current settings"
rm "$config"
sleep 1
[[ $(json_field interval_seconds) == 10 ]] || fail "settings changed when the file was deleted"
grep -q "is gone; keeping the current settings" "$log" || fail "the deletion was not logged"
[[ -e $config ]] && fail "the daemon wrote a config the user had deleted"

step "reload on request"
printf '[schedule]\ninterval = "90m"\n' >"$config.new"
mv "$config.new" "$config"
"$DESKBREAK" reload >/dev/null || fail "reload failed"
[[ $(json_field interval_seconds) == 5400 ]] || fail "reload did not apply"
quit_daemon
step "done"
