#!/usr/bin/env bash
# Email import compared with mu and notmuch (issue 8): one generated Maildir
# of realistic complaints (`naskah bench-data --maildir`), indexed RUNS times
# by each tool into a fresh home, on the same machine in the same run.
# Prints messages/s, peak RSS and CPU time (user + system) of each run, the
# medians (with CPU per message) and the ratios. Wall-clock figures depend
# on what else runs on the machine: compare the CPU times too.
# Manual: nothing in CI runs it.
#
#   scripts/mail-compare.sh                    # 10,000 messages, 3 runs each
#   MESSAGES=2000 RUNS=5 scripts/mail-compare.sh
#   KEEP=1 scripts/mail-compare.sh             # keep the scratch directory
#   BIN=/path/to/naskah scripts/mail-compare.sh # a binary built before
#
# Needs mu (Debian maildir-utils), notmuch and GNU time; as root it
# installs the missing ones with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${MESSAGES:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}

missing=()
command -v mu >/dev/null || missing+=(maildir-utils)
command -v notmuch >/dev/null || missing+=(notmuch)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "missing: ${missing[*]} — install them (apt-get install ${missing[*]}) or run as root" >&2
		exit 1
	fi
	echo "== installing ${missing[*]} with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q "${missing[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/naskah-mail-compare.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$WORK"' EXIT; fi
MD=$WORK/Maildir
if [ -z "${BIN:-}" ]; then
	BIN=$WORK/naskah
	go build -tags sqlite_fts5 -o "$BIN" ./cmd/naskah
fi
"$BIN" bench-data --maildir "$MD" --messages "$MESSAGES" --seed "$SEED"
echo "== $(nproc) cores; $(mu --version | head -1); $(notmuch --version); scratch $WORK"
cat "$MD"/cur/* "$MD"/new/* >/dev/null # every tool starts with the files in the page cache

# measure NAME COMMAND...: runs COMMAND under GNU time, appends
# "seconds maxrss_kb" to $WORK/NAME.runs and prints the run.
measure() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$WORK/time.out" "$@" >"$WORK/$name.log" 2>&1 || {
		echo "$name failed:" >&2
		tail -20 "$WORK/$name.log" >&2
		exit 1
	}
	local secs kb user sys cpu
	read -r secs kb user sys <"$WORK/time.out"
	cpu=$(echo "$user + $sys" | bc -l)
	echo "$secs $kb $cpu" >>"$WORK/$name.runs"
	printf '  %-8s run %d: %6.2f s  %7.0f msgs/s  peak RSS %4d MB  CPU %5.2f s\n' "$name" "$run" "$secs" \
		"$(echo "$MESSAGES / $secs" | bc -l)" $((kb / 1024)) "$cpu"
}

for run in $(seq 1 "$RUNS"); do
	echo "== run $run/$RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
	measure naskah "$BIN" import --data "$WORK/naskah-$run" --profile bkad-kalbar "$MD"

	mu init --muhome="$WORK/mu-$run" --maildir="$MD" --my-address=pengaduan@kalbarprov.go.id >/dev/null
	measure mu mu index --muhome="$WORK/mu-$run"

	mkdir -p "$WORK/notmuch-$run/db"
	cat >"$WORK/notmuch-$run/config" <<EOF
[database]
path=$WORK/notmuch-$run/db
mail_root=$MD
[user]
name=Pengaduan
primary_email=pengaduan@kalbarprov.go.id
[new]
tags=unread;inbox;
[maildir]
synchronize_flags=false
EOF
	NOTMUCH_CONFIG=$WORK/notmuch-$run/config measure notmuch notmuch new
done

# median FILE COLUMN
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== median of $RUNS runs, $MESSAGES messages"
for t in naskah mu notmuch; do
	s=$(median "$WORK/$t.runs" 1)
	kb=$(median "$WORK/$t.runs" 2)
	cpu=$(median "$WORK/$t.runs" 3)
	rate=$(echo "$MESSAGES / $s" | bc -l)
	eval "rate_$t=$rate"
	printf '  %-8s %6.2f s  %7.0f msgs/s  peak RSS %5.1f MB  CPU %5.2f s (%4.0f µs/msg)\n' "$t" "$s" "$rate" \
		"$(echo "$kb / 1024" | bc -l)" "$cpu" "$(echo "$cpu * 1000000 / $MESSAGES" | bc -l)"
done
printf '  naskah/mu      %.2fx (target >= 2)\n' "$(echo "$rate_naskah / $rate_mu" | bc -l)"
printf '  naskah/notmuch %.2fx (target >= 3)\n' "$(echo "$rate_naskah / $rate_notmuch" | bc -l)"
echo "  (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); other work on the machine slows every tool)"
