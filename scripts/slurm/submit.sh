#!/bin/bash
# Submits a dcsite run as a Slurm job array of N shards and a merge that runs when all of
# them have succeeded; prints the two job ids.
#   scripts/slurm/submit.sh SCENARIO OUTDIR N [dcsite run options, e.g. --draws 1000000]
# DCSITE=/path/to/dcsite to use a binary that is not on PATH (it is passed to the jobs).
set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n '2,5p' "$0" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
scenario=$1
out=$2
n=$3
shift 3
mkdir -p "$out"
array=$(sbatch --parsable --export=ALL --array="1-$n" --chdir="$PWD" \
    "$here/shard.sbatch" "$scenario" "$out" "$@")
merge=$(sbatch --parsable --export=ALL --dependency="afterok:$array" --chdir="$PWD" \
    "$here/merge.sbatch" "$out" "$n")
echo "array $array merge $merge"
