#!/usr/bin/env bash
# Byte-for-byte comparison of everything the shipped examples produce, for restructurings that
# must not change behaviour (issue 13).
#
#   scripts/compare-outputs.sh record DIR     build the release binary, write every output to DIR
#   scripts/compare-outputs.sh diff A B       compare two recorded directories
#   scripts/compare-outputs.sh check BASE     record into a temporary directory and diff with BASE
#
# `record` runs, from the repository root: `run --draws 2000 --report` of every examples/*.toml
# (with its --json document), `sensitivity` of every example, `portfolio` of xiaomi-portfolio,
# `explain` of two sites (text and --json), shards 1/2 and 2/2 of one example and their `merge`,
# `validate`, `sites` and `latency` (to standard output and to a file). The standard output
# and error of each command are kept beside its files.
# DCSITE_BIN=path skips the build and records that binary (e.g. one built from an older commit).
#
# `diff` ignores only what differs between identical runs: `wall_time_s` (summary.json, --json
# documents, report.html's "wall time") and the absolute path of the output directory, which is
# replaced by <OUT> when recording. Everything else, plots included, must be identical.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    sed -n '2,10p' "$0" >&2
    exit 2
}

binary() {
    if [ -n "${DCSITE_BIN:-}" ]; then
        echo "$DCSITE_BIN"
        return
    fi
    cargo build --release --locked --quiet >&2
    echo "${CARGO_TARGET_DIR:-$PWD/target}/release/dcsite"
}

# One command: its files go to $out/<name>/, its output streams to $out/<name>.{stdout,stderr}.
step() {
    local name=$1
    shift
    local rc=0
    "$BIN" "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr" || rc=$?
    echo "$rc" >"$OUT/$name.rc"
}

# Masks the two things allowed to differ, in every text file under $1.
normalise() {
    local f
    while IFS= read -r -d '' f; do
        if grep -Iq . "$f" 2>/dev/null || [ ! -s "$f" ]; then
            sed -i -E \
                -e "s#$OUT#<OUT>#g" \
                -e 's/("wall_time_s": ?)[0-9.eE+-]+/\1<T>/g' \
                -e 's#(<dt>wall time</dt><dd>)[0-9.]+ s#\1<T> s#g' \
                "$f"
        fi
    done < <(find "$1" -type f -print0)
}

record() {
    OUT=$(realpath -m "$1")
    rm -rf "$OUT"
    mkdir -p "$OUT"
    BIN=$(realpath "$(binary)")
    local ex name
    for ex in examples/*.toml; do
        name=$(basename "$ex" .toml)
        step "run-$name" run "$ex" --draws 2000 --quiet --report --out "$OUT/run-$name"
        step "run-json-$name" run "$ex" --draws 2000 --quiet --no-plots --json --out "$OUT/run-json-$name"
        step "sensitivity-$name" sensitivity "$ex" --out "$OUT/sensitivity-$name"
        step "validate-$name" validate "$ex"
    done
    step portfolio-xiaomi portfolio examples/xiaomi-portfolio.toml --out "$OUT/portfolio-xiaomi"
    step explain-singapore explain examples/xiaomi-overseas.toml singapore
    step explain-frankfurt-json explain examples/xiaomi-overseas.toml frankfurt --json
    step shard-1 run examples/google-asia.toml --draws 2000 --quiet --shard 1/2 --out "$OUT/shard-1"
    step shard-2 run examples/google-asia.toml --draws 2000 --quiet --shard 2/2 --out "$OUT/shard-2"
    step merge merge "$OUT/shard-1" "$OUT/shard-2" --out "$OUT/merge"
    step merge-report report "$OUT/merge"
    step sites sites
    mkdir -p "$OUT/latency-in"
    printf 'id,lat,lon,country\nberlin,52.52,13.40,DE\nsingapore,1.35,103.82,SG\nsao-paulo,-23.55,-46.63,BR\n' \
        >"$OUT/latency-in/from.csv"
    printf 'id,lat,lon\ntokyo,35.68,139.69\nashburn,39.04,-77.49\n' >"$OUT/latency-in/to.csv"
    step latency latency --from "$OUT/latency-in/from.csv" --to "$OUT/latency-in/to.csv"
    step latency-file latency --from "$OUT/latency-in/from.csv" --to "$OUT/latency-in/to.csv" \
        --out "$OUT/latency-in/rtt.csv"
    normalise "$OUT"
    echo "recorded $(find "$OUT" -type f | wc -l) files in $OUT"
}

compare() {
    if diff -r "$1" "$2" >/dev/null; then
        echo "identical: $(find "$1" -type f | wc -l) files ($1 = $2)"
    else
        diff -r "$1" "$2" | head -60
        echo "DIFFERENT: $1 != $2" >&2
        return 1
    fi
}

case "${1:-}" in
    record) [ $# = 2 ] || usage; record "$2" ;;
    diff) [ $# = 3 ] || usage; compare "$2" "$3" ;;
    check)
        [ $# = 2 ] || usage
        base=$(realpath "$2")
        new=$(mktemp -d /tmp/dcsite-compare.XXXXXX)
        record "$new"
        compare "$base" "$new"
        rm -rf "$new"
        ;;
    *) usage ;;
esac
