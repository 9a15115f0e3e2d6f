#!/usr/bin/env bash
# Regenerates examples/profiles/: real profiles of the demo program, captured from a copy
# of examples/ under a different path (/tmp/.../home/alice/src/hotspots), the way a
# colleague's profile arrives with paths that do not exist on this machine.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src="$work/home/alice/src/hotspots"
mkdir -p "$src"
cp -r "$here/examples/go.mod" "$here/examples/hotspots" "$src/"
out="$here/examples/profiles"
mkdir -p "$out"
cd "$src"
go test ./hotspots -run '^$' -bench '^BenchmarkRound$' -benchtime 3s \
  -cpuprofile "$work/cpu.pprof" -memprofile "$work/mem.pprof" -memprofilerate 4096 \
  -mutexprofile "$work/mutex.pprof" -blockprofile "$work/block.pprof" -o "$work/hotspots.test"
cp "$work/cpu.pprof" "$out/hotspots.cpu.pb.gz"
cp "$work/mem.pprof" "$out/hotspots.heap.pb.gz"
cp "$work/mutex.pprof" "$out/hotspots.mutex.pb.gz"
cp "$work/block.pprof" "$out/hotspots.block.pb.gz"
ls -l "$out"
