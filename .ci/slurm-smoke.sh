#!/usr/bin/env bash
# Slurm smoke test (issue 17): sets up a single-node Slurm cluster from Debian's packages
# (slurmctld, slurmd, munge) in a scratch directory, submits a dcsite run as a job array of
# 2 shards plus the merge that depends on it (scripts/slurm/submit.sh), then the same with
# the two-phase merge (--two-phase: first passes, confidence shards, final merge), waits
# for the jobs, and checks that each merged run directory equals a single run byte for byte
# (CSV, GeoJSON and state files; summary.json but for its wall time). Run as root (or with sudo) on a Debian
# machine with the Rust toolchain; it stops the daemons it started when it ends.
#   bash .ci/slurm-smoke.sh            (about a minute once built)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi
cargo build --release --locked --quiet
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/dcsite"

work=$(mktemp -d /tmp/dcsite-slurm.XXXXXX)
host=$(hostname -s)
pids=()
# Stops the daemons and waits for them to exit before removing the scratch directory:
# slurmctld saves its state into $work/state as it shuts down, so removing it at once
# raced with that write ("Directory not empty").
cleanup() {
    local p _
    for p in "${pids[@]}"; do $SUDO kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do
        for _ in $(seq 100); do
            # Gone, or a zombie of this shell (reaped by the wait below).
            case "$(ps -o stat= -p "$p" 2>/dev/null)" in "" | Z*) break ;; esac
            sleep 0.1
        done
        $SUDO kill -9 "$p" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    $SUDO rm -rf "$work"
}
trap cleanup EXIT

# munge: a fresh key and socket in the scratch directory.
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/log"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 700 "$work/munge"
chmod 400 "$work/munge/munge.key"
$SUDO munged --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/log/munged.log" \
    --seed-file="$work/munge/munged.seed" --force
pids+=("$(cat "$work/munge/munged.pid")")

cpus=$(nproc)
cat >"$work/slurm.conf" <<CONF
ClusterName=dcsite-smoke
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=smoke Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
$SUDO env SLURM_CONF="$SLURM_CONF" slurmctld -D -f "$SLURM_CONF" >"$work/log/ctld.out" 2>&1 &
pids+=($!)
$SUDO env SLURM_CONF="$SLURM_CONF" slurmd -D -f "$SLURM_CONF" >"$work/log/d.out" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
    if sinfo -h -o %t 2>/dev/null | grep -q idle; then break; fi
    sleep 1
done
if ! sinfo -h -o %t | grep -q idle; then
    echo "slurm-smoke: the node never became idle" >&2
    tail -20 "$work"/log/* >&2
    exit 1
fi

scenario=examples/apple-icloud-china.toml
"$BIN" run "$scenario" --draws 2000 --quiet --out "$work/single" >/dev/null
mask() { sed -E 's/("wall_time_s": ?)[0-9.eE+-]+/\1<T>/' "$1"; }
status=0

# Submits the run as 2 shards (one phase, or --two-phase), waits for every job, and
# compares the merged directory with the single run.
smoke() {
    local mode=$1 out="$work/runs-$1" start ids
    start=$(date +%s)
    if [ "$mode" = two-phase ]; then
        ids=$(DCSITE="$BIN" scripts/slurm/submit.sh --two-phase "$scenario" "$out" 2 --draws 2000)
    else
        ids=$(DCSITE="$BIN" scripts/slurm/submit.sh "$scenario" "$out" 2 --draws 2000)
    fi
    echo "slurm-smoke ($mode): submitted $ids"
    local jobs
    jobs=$(echo "$ids" | tr ' ' '\n' | grep -E '^[0-9]+$' | paste -sd,)
    for _ in $(seq 300); do
        if [ -z "$(squeue -h -j "$jobs" 2>/dev/null)" ]; then break; fi
        sleep 1
    done
    if [ ! -f "$out/merged/summary.json" ]; then
        echo "slurm-smoke ($mode): the merge did not finish" >&2
        tail -20 "$work"/log/* dcsite-*.out 2>/dev/null >&2 || true
        status=1
        return
    fi
    local same=1 f name
    for f in "$work/single"/*.csv "$work/single"/*.geojson "$work/single"/state.json; do
        name=$(basename "$f")
        if ! cmp -s "$f" "$out/merged/$name"; then
            echo "slurm-smoke ($mode): $name differs from the single run" >&2
            same=0
        fi
    done
    if ! diff <(mask "$work/single/summary.json") <(mask "$out/merged/summary.json") >/dev/null; then
        echo "slurm-smoke ($mode): summary.json differs from the single run" >&2
        same=0
    fi
    if [ "$same" = 1 ]; then
        echo "slurm-smoke ($mode): 2 shards on Slurm + merge = the single run, byte for byte ($(($(date +%s) - start)) s)"
    else
        status=1
    fi
}
smoke one-phase
smoke two-phase
rm -f dcsite-*.out
exit "$status"
