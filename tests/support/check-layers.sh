#!/usr/bin/env bash
# Checks the layers by their #include lines: core includes nothing of platform, ui or
# app; ui includes no backend (of platform/ only the ports) and nothing of app; platform
# includes nothing of ui or app, and the ports include no backend. POSIX headers only in
# platform (app and ui go through platform/System.h). No wall-clock read in app or ui: time
# comes from the injected core::Clock. Usage: SRC_DIR.
# Prints each breach as FILE:LINE: RULE and exits 1 if there is any.
set -euo pipefail
src=${1:?usage: check-layers.sh SRC_DIR}
cd "$src"

ports='platform/(Autostart|CuePlayer|HoldDetector|IdleSource|Notifier|SessionMonitor)\.h'
breaches=0

# check LAYER_DIR PATTERN RULE [FILES...]: every include in the files matching PATTERN
# is a breach of RULE.
check() {
    local dir=$1 pattern=$2 rule=$3
    shift 3
    [[ -d $dir ]] || return 0
    local files=("$@")
    ((${#files[@]})) || mapfile -t files < <(find "$dir" -name '*.h' -o -name '*.cpp' | sort)
    ((${#files[@]})) || return 0
    local hit
    while IFS= read -r hit; do
        echo "$hit: $rule"
        breaches=$((breaches + 1))
    done < <(grep -HnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[\"<]($pattern)" "${files[@]}" || true)
}

check core 'platform/|ui/|app/' "core includes nothing of platform, ui or app"
check platform 'ui/|app/' "platform includes nothing of ui or app"
check ui 'app/' "ui includes nothing of app"
posix='unistd\.h|sys/|csignal|signal\.h|fcntl\.h|pwd\.h'
check app "$posix" "app makes no POSIX call itself (platform/System.h)"
check ui "$posix" "ui makes no POSIX call itself"
# ui: of platform/, the ports only.
if [[ -d ui ]]; then
    while IFS= read -r hit; do
        header=$(sed -E 's/.*#[[:space:]]*include[[:space:]]*["<]([^">]*).*/\1/' <<<"${hit#*:*:}")
        if ! [[ $header =~ ^$ports$ ]]; then
            echo "$hit: ui includes no backend (of platform/ only the ports)"
            breaches=$((breaches + 1))
        fi
    done < <(grep -rHnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]platform/' ui || true)
fi
# The ports themselves: Qt and the core only.
port_files=()
for f in platform/Autostart.h platform/CuePlayer.h platform/IdleSource.h platform/Notifier.h platform/SessionMonitor.h; do
    [[ -f $f ]] && port_files+=("$f")
done
((${#port_files[@]})) &&
    check platform 'platform/|ui/|app/' "a port includes no backend" "${port_files[@]}"

# Time through core::Clock: no direct reading of the wall clock in app or ui.
clock_reads='(QDateTime::currentDateTime(Utc)?|QDate::currentDate|QTime::currentTime|QDateTime::currentMSecsSinceEpoch|QDateTime::currentSecsSinceEpoch|std::chrono::system_clock)\b'
for dir in app ui; do
    [[ -d $dir ]] || continue
    while IFS= read -r hit; do
        echo "$hit: $dir reads time through core::Clock only"
        breaches=$((breaches + 1))
    done < <(grep -rHnE "$clock_reads" "$dir" | grep -vE '^[^:]*:[0-9]+:[[:space:]]*//' || true)
done

if ((breaches)); then
    echo "$breaches breach(es) of the layers" >&2
    exit 1
fi
echo "layers: ok"
