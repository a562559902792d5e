#!/usr/bin/env bash
# Checks that the default configuration of the simulator is bit-identical to an earlier commit's:
# compiles that commit's model beside the working tree's (package io.jric.simold) and compares
# RanStats plus a SHA-256 of every cell and UE measurement (KPM indication with UEs, cell and UE
# views, every simulated second) for seeds 1 and 101 over 60 simulated seconds.
# Usage: ran-sim/tools/default-path-check.sh [git-ref, default HEAD] [ticks, default 600]
# Needs: mvn -o -q -pl ran-sim -am compile (proto and ran-sim classes in target/).
set -euo pipefail
ref=${1:-HEAD}; ticks=${2:-600}
root=$(git rev-parse --show-toplevel); work=$(mktemp -d)
mkdir -p "$work/src/io/jric/simold" "$work/classes"
for f in $(git -C "$root" ls-tree --name-only "$ref" ran-sim/src/main/java/io/jric/sim/); do
  case $(basename "$f") in E2*|AperNodeEdge*|RanSimulator*|KpmSubscriptions*|RcControl*|RanFunctions*|SetupOutcome*|package-info*) continue;; esac
  git -C "$root" show "$ref:$f" | sed 's/^package io.jric.sim;/package io.jric.simold;/' > "$work/src/io/jric/simold/$(basename "$f")"
done
pb=$(find ~/.m2 -name 'protobuf-java-3.25.9.jar' | head -1)
cp="$root/proto/target/classes:$root/ran-sim/target/classes:$pb"
javac -d "$work/classes" -cp "$cp" $(find "$work/src" -name '*.java') "$root/ran-sim/tools/DefaultPathCheck.java"
java -cp "$work/classes:$cp" DefaultPathCheck "$ticks"
