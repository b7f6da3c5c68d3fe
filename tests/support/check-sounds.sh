#!/usr/bin/env bash
# Checks that the committed chimes are exactly what their script makes, so that a change
# to one without the other is caught. Usage: check-sounds.sh SOUNDS_DIR
set -euo pipefail
dir=${1:?usage: check-sounds.sh SOUNDS_DIR}
out=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-sounds.XXXXXX")
trap 'rm -rf "$out"' EXIT
python3 "$dir/generate.py" "$out"
status=0
for made in "$out"/*.wav; do
    name=$(basename "$made")
    if ! cmp -s "$made" "$dir/$name"; then
        echo "$dir/$name differs from what generate.py makes (run it and commit the result)" >&2
        status=1
    fi
done
names() { (cd "$1" && printf '%s\n' *.wav | sort); }
shipped=$(names "$dir")
made=$(names "$out")
[[ $shipped == "$made" ]] || { echo "shipped: $shipped; made: $made" >&2; status=1; }
((status)) || echo "sounds: $(wc -w <<<"$made") chimes match generate.py"
exit "$status"
