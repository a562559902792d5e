#!/usr/bin/env bash
# Kill -9 and full-restart drill of a two-process grid (docs/reliability.md, issue 13 item 13).
# Starts ric-1 and ric-2 (./ric run, loopback, authentication off, stores under a scratch directory),
# installs hello-xapp, creates 5 A1 guard-rail policies and sets an operator guard rail through ric-2, then:
#   1. kill -9 ric-1, restart it: it joins ric-2 and serves everything;
#   2. kill -9 both; start ric-1 ALONE first (it served none of the writes): everything is back;
#      then ric-2 joins;
#   3. kill -9 both; start ric-2 alone first: everything is back; then ric-1 joins.
# Each check reads the xApps and the policies through the process just started and prints them.
# Needs: a built tree (./ric builds itself), curl. Takes about 3 minutes. Exit 0 when nothing was lost.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/jric-drill.XXXXXX")"
export RIC_JAVA_OPTS="${RIC_JAVA_OPTS:--Xms512m -Xmx512m}"
declare -A pid
port_of() { [ "$1" = 1 ] && echo 8080 || echo 8081; }
start() {
  local n=$1 http; http=$(port_of "$n")
  "$here/ric" run --set grid.instance="ric-$n" --set e2.port=$((36420 + n)) --set http.port="$http" \
    --set grid.discoveryPort=$((47499 + n)) --set grid.communicationPort=$((47099 + n)) \
    --set grid.addresses=127.0.0.1:47500..47501 --set grid.backups=1 \
    --set xapps.storeDir="$work/ric-$n/xapps" --set a1.storeDir="$work/ric-$n/a1" \
    --set grid.workDir="$work/ric-$n/grid" --set xapps.gateway.port=-1 \
    --set a1.auth=off --set admin.auth=off >"$work/ric-$n.log" 2>&1 &
  pid[$n]=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$http/a1-p/healthcheck" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "drill: ric-$n did not come up; log: $work/ric-$n.log" >&2; exit 1
}
kill9() { kill -9 "${pid[$1]}" 2>/dev/null || true; wait "${pid[$1]}" 2>/dev/null || true; }
check() {
  local n=$1 http; http=$(port_of "$n")
  local xapps policies
  xapps=$(curl -sf "http://127.0.0.1:$http/ric/v1/xapps" | grep -o '"name":"hello-xapp"' | wc -l)
  policies=$(curl -sf "http://127.0.0.1:$http/A1-P/v2/policytypes/jric.guardrails.v1/policies" | grep -o 'drill-[0-9]' | sort -u | wc -l)
  local rails
  rails=$(curl -sf "http://127.0.0.1:$http/ric/v1/guardrails" | grep -o '00f110:000004009' | wc -l)
  echo "drill: $2: ric-$n serves hello-xapp x$xapps, $policies/5 A1 policies, operator guard rail x$rails"
  [ "$xapps" -ge 1 ] && [ "$policies" -eq 5 ] && [ "$rails" -ge 1 ] || { echo "drill: LOST STATE ($2); logs in $work" >&2; exit 1; }
}
trap 'for n in 1 2; do kill -9 "${pid[$n]:-0}" 2>/dev/null || true; done' EXIT

"$here/ric" --help >/dev/null   # builds first if needed, so that the starts below are timed on a built tree
start 1; start 2
"$here/ric" xapp --url http://127.0.0.1:8081 install "$here/xapps/hello-xapp/xapp.json" --jar "$here/xapps/hello-xapp/target/hello-xapp.jar" \
  >/dev/null
for i in 1 2 3 4 5; do
  curl -sf -X PUT -H 'Content-Type: application/json' \
    -d "{\"scope\":\"00f110:00000400$i\",\"txPowerMaxDbm\":4$i}" \
    "http://127.0.0.1:8081/A1-P/v2/policytypes/jric.guardrails.v1/policies/drill-$i" >/dev/null
done
curl -sf -X PUT -H 'Content-Type: application/json' -d '{"txPowerMaxDbm":39}' \
  "http://127.0.0.1:8081/ric/v1/guardrails/00f110:000004009" >/dev/null
check 2 "written through ric-2"
sleep 1   # the mirrors write asynchronously (milliseconds); kill -9 must not race the last write
kill9 1; start 1; check 1 "ric-1 killed and restarted next to ric-2"
kill9 1; kill9 2; start 1; check 1 "full restart, ric-1 alone first"
start 2; check 2 "ric-2 joined"
kill9 1; kill9 2; start 2; check 2 "full restart, ric-2 alone first"
start 1; check 1 "ric-1 joined"
echo "drill: nothing lost (scratch: $work)"
