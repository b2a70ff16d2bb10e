#!/usr/bin/env bash
# Runs every fuzz target for a short, bounded time (FUZZTIME, default 5s)
# on top of its committed seed corpus (testdata/fuzz/<Target>) and prints
# the executions each made. Fails on the first target that finds a crash;
# the failing input is written to that package's testdata/fuzz/<Target>.
#
#   scripts/fuzz.sh              # all targets, 5 s each
#   FUZZTIME=1m scripts/fuzz.sh  # longer, e.g. before a release
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZTIME=${FUZZTIME:-5s}
# Few workers: each one first replays the whole corpus, which with 5 s
# runs would otherwise take most of the time.
TAGS=${TAGS:-sqlite_fts5}
targets=(
	"./letters FuzzParseNumberFormat"
	"./letters FuzzParseHolidaysCSV"
	"./letters FuzzNormalizeTrackingCode"
	"./letters FuzzParsePeriod"
	"./letters FuzzParseScopes"
	"./letters FuzzMailSettings"
	"./letters/profile FuzzParse"
	"./mail FuzzParse"
	"./store FuzzFTSQuery"
	"./letters/web FuzzIntakeForm"
	"./letters/web FuzzAPILetter"
	"./templates FuzzRows"
)
# deadlineFlake reports whether a failed run is Go 1.26's fuzz coordinator
# race at the -fuzztime boundary (go.dev/issue/75804, fixed in Go 1.27): a
# bare "context deadline exceeded" with no failing input written and no
# other failure. Such a run is tried once more; anything else fails at once.
deadlineFlake() {
	grep -q 'context deadline exceeded' "$1" &&
		! grep -qE 'Failing input written|panic:|_test\.go:[0-9]+:' "$1"
}
fuzzOnce() { go test -tags "$TAGS" -parallel "${FUZZ_PARALLEL:-2}" -run '^$' -fuzz "^$2\$" -fuzztime "$FUZZTIME" "$1" >"$3" 2>&1; }
for t in "${targets[@]}"; do
	set -- $t
	log=$(mktemp)
	if ! fuzzOnce "$1" "$2" "$log"; then
		if deadlineFlake "$log"; then
			echo "$2: the fuzz coordinator's deadline race (go.dev/issue/75804), no failing input: run again"
			fuzzOnce "$1" "$2" "$log" || { cat "$log"; echo "FAIL $1 $2"; exit 1; }
		else
			cat "$log"
			echo "FAIL $1 $2"
			exit 1
		fi
	fi
	execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
	printf '%-30s %-18s %12s execs in %s\n' "$2" "$1" "${execs:-?}" "$FUZZTIME"
	rm -f "$log"
done
