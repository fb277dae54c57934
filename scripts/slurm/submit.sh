#!/bin/bash
# Submits a dcsite run to Slurm as a job array of N shards and the jobs that merge them,
# each starting when the jobs before it have succeeded (--dependency=afterok); prints the
# job ids. The merged run directory is OUTDIR/merged.
#   scripts/slurm/submit.sh [--two-phase] SCENARIO OUTDIR N [dcsite run options]
# One phase: array of shards, then one merge that runs the whole confidence pass.
# --two-phase: array of shards, a merge of their first passes, an array of N confidence
# shards, and a final merge of the hit counts (the confidence pass spread too).
# DCSITE=/path/to/dcsite to use a binary that is not on PATH (it is passed to the jobs).
set -euo pipefail
two_phase=0
if [ "${1:-}" = "--two-phase" ]; then
    two_phase=1
    shift
fi
if [ $# -lt 3 ]; then
    sed -n '2,10p' "$0" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
scenario=$1
out=$2
n=$3
shift 3
mkdir -p "$out"
submit() { sbatch --parsable --export=ALL --chdir="$PWD" "$@"; }
array=$(submit --array="1-$n" "$here/shard.sbatch" "$scenario" "$out" "$@")
if [ "$two_phase" = 0 ]; then
    merge=$(submit --dependency="afterok:$array" "$here/merge.sbatch" "$out" "$n")
    echo "array $array merge $merge"
    exit 0
fi
first=$(submit --dependency="afterok:$array" "$here/merge-first-pass.sbatch" "$out" "$n")
conf=$(submit --dependency="afterok:$first" --array="1-$n" "$here/confidence.sbatch" "$out")
merge=$(submit --dependency="afterok:$conf" "$here/merge-confidence.sbatch" "$out" "$n")
echo "array $array first-pass $first confidence $conf merge $merge"
