#!/usr/bin/env bash
# campaign.sh - runs fuzz targets for a while each and prints what they did.
#
#   bash tests/fuzz/campaign.sh [-b BUILD] [--cpu] TARGET[,TARGET...]|all MINUTES
#
# BUILD is a build folder configured with -DFL_FUZZ=ON (default: build-fuzz beside this tree).
# Each target runs MINUTES minutes at the lowest priority (nice 19, or $FL_FUZZ_NICE), one after
# the other; with --cpu, until it has had MINUTES minutes of processor time, however long that
# takes on a busy machine (libFuzzer's own limit counts the wall clock). It runs on its
# corpus BUILD/fuzz/corpus/TARGET (made first by make_corpus.py when missing), which keeps every
# input that found new coverage. After a finding the target starts again for the time left, so
# a long campaign reports all it finds; each is kept as BUILD/fuzz/found/TARGET-crash-*, -leak-*,
# -timeout-* or -oom-*. One line per target:
#   target  minutes  cpu-min  executions  exec/s  cov  ft  corpus  findings/kinds
# minutes is the wall-clock time it took, cpu-min the processor time the target's processes had
# in it (less than minutes when other work shared the cores: see --cpu).
# cov is the code edges reached, ft libFuzzer's features (edges with hit counts, comparisons),
# corpus the inputs kept; findings counts every input that failed, kinds the different failures
# among them (the broken promise's place in the target, or the sanitizer's summary line); they
# are listed in BUILD/fuzz/log/TARGET.kinds. The full log of each run is BUILD/fuzz/log/TARGET.log.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build-fuzz"
if [ "${1:-}" = "-b" ]; then
    build=$(cd "$2" && pwd) || exit 2
    shift 2
fi
cpu_mode=0
if [ "${1:-}" = "--cpu" ]; then
    cpu_mode=1
    shift
fi
if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
    echo "usage: campaign.sh [-b BUILD] [--cpu] TARGET[,TARGET...]|all MINUTES" >&2
    exit 2
fi
what=$1
seconds=$(awk -v m="$2" 'BEGIN { printf "%d", m * 60 }')

if [ "$what" = all ]; then
    targets=$(cd "$build" && ls fuzz_* 2>/dev/null | grep -v '\.' | sed 's/^fuzz_//')
else
    targets=${what//,/ }
fi
[ -n "$targets" ] || { echo "campaign.sh: no fuzz targets in $build (configure with -DFL_FUZZ=ON and build)" >&2; exit 2; }

corpus="$build/fuzz/corpus"
found="$build/fuzz/found"
logs="$build/fuzz/log"
mkdir -p "$corpus" "$found" "$logs"

printf '%-12s %7s %7s %12s %8s %6s %7s %7s %8s\n' target minutes cpu-min executions exec/s cov ft \
    corpus findings/kinds
# The processor time (user + system, in seconds) of this shell's finished children so far, in
# $cpu_now (times must run in this shell, not in a $(...) subshell, which has no children yet).
child_cpu() {
    times >"$logs/.times.$$"
    cpu_now=$(tail -1 "$logs/.times.$$" | awk '{ t = 0
        for (i = 1; i <= 2; i++) { split($i, a, /m/); sub(/s$/, "", a[2]); t += a[1] * 60 + a[2] }
        printf "%d", t }')
    rm -f "$logs/.times.$$"
}
status=0
for t in $targets; do
    bin="$build/fuzz_$t"
    if [ ! -x "$bin" ]; then
        echo "campaign.sh: $bin is not built" >&2
        status=2
        continue
    fi
    if [ ! -d "$corpus/$t" ] || [ -z "$(ls -A "$corpus/$t")" ]; then
        python3 "$here/make_corpus.py" --root "$root" --out "$corpus" $( [ -x "$build/frontline" ] && echo --frontline "$build/frontline") "$t" >/dev/null
    fi
    dict=
    case $t in
        scenario | round | workshop) dict="-dict=$here/xml.dict" ;;
        expr | route) dict="-dict=$here/expr.dict" ;;
        lexicon) dict="-max_len=4096" ;; # building a lexicon costs about 5 ms a KB
    esac
    # One libFuzzer process at a time for the time left; a finding ends a process (its input is
    # kept in found/), and the next one goes on from the corpus. A finding that comes back at
    # once (the same input, as when a seed itself crashes) stops the target.
    start=$(date +%s)
    child_cpu
    cpu0=$cpu_now
    : >"$logs/$t.log"
    : >"$logs/$t.kinds"
    execs=0 findings=0 last=""
    while :; do
        if [ $cpu_mode = 1 ]; then
            child_cpu
            left=$(( seconds - (cpu_now - cpu0) ))
        else
            left=$(( seconds - ($(date +%s) - start) ))
        fi
        [ "$left" -gt 0 ] || break
        UBSAN_OPTIONS=print_stacktrace=1 timeout -k 30 $((left + 300)) nice -n "${FL_FUZZ_NICE:-19}" "$bin" \
            -max_total_time="$left" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 $dict \
            -artifact_prefix="$found/$t-" "$corpus/$t" >"$logs/$t.run" 2>&1
        cat "$logs/$t.run" >>"$logs/$t.log"
        n=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$logs/$t.run" | tail -1)
        execs=$((execs + ${n:-0}))
        # (a slow unit is written too, but it is no finding: the run goes on after it)
        art=$(sed -nE 's/.*Test unit written to (.*-(crash|leak|timeout|oom)-.*)$/\1/p' \
            "$logs/$t.run" | tail -1)
        if [ -z "$art" ]; then
            # --cpu: the wall-clock limit came before the processor time; go on from the corpus
            # (a run that executed nothing would only loop: stop)
            [ $cpu_mode = 1 ] && [ "${n:-0}" -gt 0 ] && continue
            break
        fi
        findings=$((findings + 1))
        # the kind of finding: the broken promise (fuzz.h) or the sanitizer's summary and place
        grep -aoE -m1 '^fuzz: [^ ]+:[0-9]+:|^SUMMARY: [A-Za-z]+: [^ ]+( [^ ]+)?' "$logs/$t.run" \
            >>"$logs/$t.kinds"
        [ "$art" = "$last" ] && break
        last=$art
    done
    rm -f "$logs/$t.run"
    took=$(( $(date +%s) - start ))
    child_cpu
    cpu=$(awk -v s="$((cpu_now - cpu0))" 'BEGIN { printf "%.1f", s / 60 }')
    # The last status line: "#N  REDUCE|NEW|pulse|DONE  cov: C ft: F corp: N/SIZE ..."
    line=$(grep -aE '^#[0-9]+[[:space:]]+[A-Z]+ +cov: ' "$logs/$t.log" | tail -1)
    cov=$(sed -E 's/.* cov: ([0-9]+).*/\1/' <<<"$line")
    ft=$(sed -E 's/.* ft: ([0-9]+).*/\1/' <<<"$line")
    corp=$(sed -E 's/.* corp: ([0-9]+).*/\1/' <<<"$line")
    rate=$(( took > 0 ? execs / took : 0 ))
    kinds=$(sort -u "$logs/$t.kinds" | grep -c . || true)
    wall=$(awk -v s="$took" 'BEGIN { printf "%.1f", s / 60 }')
    printf '%-12s %7s %7s %12s %8s %6s %7s %7s %8s\n' "$t" "$wall" "$cpu" "$execs" "$rate" \
        "${cov:-?}" "${ft:-?}" "${corp:-?}" "$findings/$kinds"
    [ "$findings" -gt 0 ] && status=1
done
exit $status
