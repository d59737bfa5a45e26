#!/usr/bin/env bash
# Web app speed on loopback: the sepsis demo case's use-case page and dossier PDF, cold and warm, and 200
# concurrent page requests (bench/WebLoad.java). Needs the demo cohort (`./tollgate demo --no-serve` makes it).
# Usage: bench/web.sh            (PORT=7393 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=tollgate-app/target/tollgate.jar
[ -f "$JAR" ] || ./mvnw -B -q -pl tollgate-app -am package -DskipTests
DEMO=${DEMO:-tollgate-data/demo/sepsis}
[ -f "$DEMO/review.yaml" ] || java -jar "$JAR" demo --no-serve > /dev/null
PORT=${PORT:-7393}
W=$(mktemp -d /tmp/tollgate-web-bench.XXXXXX)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2> /dev/null; rm -rf "$W"; }
trap cleanup EXIT
# The review is recorded into a fresh store first (exit 3 is a NO-GO or REDESIGN verdict, not a failure).
java -jar "$JAR" review "$DEMO" --db "jdbc:h2:file:$W/store" > "$W/review.out" || [ $? -eq 3 ]
RUN=$(sed -n 's/^Stored as run \([0-9a-f-]*\).*/\1/p' "$W/review.out")
CASE=$(sed -n 's/^.* (\([A-Za-z0-9._-]*\))$/\1/p' "$W/review.out" | head -1)
TOLLGATE_ADMIN_PASSWORD=bench-admin-password java -Xmx2g -jar "$JAR" serve --port "$PORT" --db "jdbc:h2:file:$W/store" --uploads "$W/up" > "$W/serve.out" 2>&1 &
PID=$!
for _ in $(seq 100); do grep -q 'web app:' "$W/serve.out" 2> /dev/null && break; sleep 0.2; done
sleep "${WARMUP_SECONDS:-10}"   # the server's start-up warm-up renders the latest run's page and PDF
TOKEN=$(curl -sf -u admin:bench-admin-password -X POST "http://127.0.0.1:$PORT/api/v1/tokens" | sed 's/.*"token":"\([^"]*\)".*/\1/')
echo "run $RUN of $CASE ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
java bench/WebLoad.java "http://127.0.0.1:$PORT" "$TOKEN" "$RUN" "$CASE"
