#!/usr/bin/env bash
# The benchmark: a real single-node KRaft broker on a free port (data in a temporary directory), then for
# each service a pre-loaded backlog, a raw-consumer baseline, the service's throughput, end-to-end latency
# and, for fraud-detector, query latency. Prints a table and writes bench/results/latest.json.
# See README.md "Performance".
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
Usage: bench/run.sh [--quick] [options]
  --quick               a short run (1M records per service, about 8 minutes in all, 10 with --plain)
  --build               rebuild the jars even if they exist
  --keep                keep the temporary directory (broker data, service state, logs)
  -h, --help            this help
Further options go to the harness (java -jar bench/target/bench.jar --help), e.g.
  --records N, --services purchase-aggregator,fraud-detector, --profile DIR (async-profiler), --jfr DIR, --no-query, --out FILE, --plain (the plain DSL versions as a third baseline)
Service JVM options: --service-jvm-opts "..." or BENCH_SERVICE_JVM_OPTS (default -Xmx512m -XX:+UseSerialGC).
USAGE
}

BUILD=0; KEEP=0; ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done

SERVICES=(purchase-aggregator order-enricher fraud-detector)
jars_missing() {
  for s in "${SERVICES[@]}"; do [ -f "$s/target/$s.jar" ] || return 0; done
  [ -f local-kafka/target/local-kafka.jar ] && [ -f local-kafka/target/classes/local-kafka.classpath ] || return 0
  [ -f bench/target/bench.jar ] || return 0
  return 1
}
if [ "$BUILD" = 1 ] || jars_missing; then
  echo "Building the suite (./mvnw -B -q package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 30000))
  if ! port_busy "$p" && ! port_busy $((p + 1)); then PORT=$p; break; fi
done
[ -n "$PORT" ] || { echo "no free port found" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/streams-bench.XXXXXX")"
BROKER_PID=
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$BROKER_PID" ]; then kill -TERM "$BROKER_PID" 2>/dev/null || true; wait "$BROKER_PID" 2>/dev/null || true; fi
  if [ "$KEEP" = 1 ]; then echo "Kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup INT TERM EXIT

# LocalKafka formats the log directory with a random cluster id; one that starts with '-' is taken for an
# option by the format tool and the broker exits at once, so a start that fails that way is tried again.
for _ in 1 2 3; do
  echo "Starting Kafka (KRaft) on 127.0.0.1:$PORT, data in $TMP/kafka ..."
  rm -rf "$TMP/kafka"
  java -Xmx512m -cp "local-kafka/target/local-kafka.jar:$(cat local-kafka/target/classes/local-kafka.classpath)" \
    dev.streamsuite.localkafka.LocalKafka --port "$PORT" --controller-port $((PORT + 1)) --dir "$TMP/kafka" \
    > "$TMP/kafka.log" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 120); do
    port_busy "$PORT" && break
    kill -0 "$BROKER_PID" 2>/dev/null || break
    sleep 0.5
  done
  port_busy "$PORT" && break
  wait "$BROKER_PID" 2>/dev/null || true
  BROKER_PID=
done
[ -n "$BROKER_PID" ] || { echo "Kafka did not start; see $TMP/kafka.log" >&2; tail -20 "$TMP/kafka.log" >&2; KEEP=1; exit 1; }

mkdir -p bench/target
set +e
java -Xmx1g -jar bench/target/bench.jar --bootstrap-servers "127.0.0.1:$PORT" --broker-pid "$BROKER_PID" \
  --work "$TMP/work" ${ARGS[@]+"${ARGS[@]}"}
rc=$?
set -e
if [ $rc -ne 0 ]; then
  mkdir -p bench/target/logs && cp -r "$TMP/work/logs/." bench/target/logs/ 2>/dev/null; cp "$TMP/kafka.log" bench/target/logs/ 2>/dev/null
  echo "The benchmark failed; logs copied to bench/target/logs" >&2
fi
exit $rc
