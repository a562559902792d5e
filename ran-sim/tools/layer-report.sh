#!/usr/bin/env bash
# Per-layer figures of a simulator preset (docs/evaluation.md, "Simulator options for load balancing").
# Usage: ran-sim/tools/layer-report.sh [preset] [files/s] [measured seconds] [seed]
# Needs: mvn -o -q -pl ran-sim -am compile
set -euo pipefail
root=$(git rev-parse --show-toplevel); work=$(mktemp -d)
pb=$(find ~/.m2 -name 'protobuf-java-3.25.9.jar' | head -1)
cp="$root/proto/target/classes:$root/ran-sim/target/classes:$pb"
javac -d "$work" -cp "$cp" "$root/ran-sim/tools/LayerReport.java"
java -cp "$work:$cp" LayerReport "$@"
