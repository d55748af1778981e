#!/usr/bin/env bash
# Runs the whole suite locally with no Docker and no Kafka install: a real single-node KRaft broker
# (from the Kafka jars on Maven Central), the three services and a demo event generator.
# Ctrl-C stops everything. See README.md "Run it locally".
set -euo pipefail
CALLER_DIR="$PWD"
cd "$(dirname "$0")"

usage() {
  cat <<'USAGE'
Usage: ./run-local.sh [options]
  --clean               delete the local data (broker log, service state, logs) before starting
  --no-demo             do not run the demo event generator
  --rate N              demo events per second (default 20)
  --kafka-port N        broker port (default 9092)
  --ports A,B,C         ports of purchase-aggregator, order-enricher, fraud-detector (default 8081,8082,8083)
  --dashboard-port N    port of the live web dashboard (default 8080)
  --data DIR            where broker data, service state and logs live (default ./data)
  --build               rebuild the jars even if they exist
  -h, --help            this help
USAGE
}

refuse() { echo "$1" >&2; exit 1; }
value_of() { [ -n "${2:-}" ] || { echo "$1 needs a value" >&2; usage >&2; exit 2; }; }
KAFKA_PORT=9092; PORTS="8081,8082,8083"; DATA=./data; DEMO=1; CLEAN=0; BUILD=0; RATE=20; DASHBOARD_PORT=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --clean) CLEAN=1 ;;
    --no-demo) DEMO=0 ;;
    --build) BUILD=1 ;;
    --rate) value_of "$@"; RATE="$2"; shift ;;
    --kafka-port) value_of "$@"; KAFKA_PORT="$2"; shift ;;
    --ports) value_of "$@"; PORTS="$2"; shift ;;
    --dashboard-port) value_of "$@"; DASHBOARD_PORT="$2"; shift ;;
    --data) value_of "$@"; DATA="$2"; [[ "$DATA" = /* ]] || DATA="$CALLER_DIR/$DATA"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[[ "$RATE" =~ ^[0-9]*\.?[0-9]+$ ]] && [[ "$RATE" =~ [1-9] ]] \
  || refuse "--rate takes a number of events per second above 0; got --rate $RATE"
is_port() { [[ "$1" =~ ^[0-9]{1,5}$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }
is_port "$KAFKA_PORT" && [ "$KAFKA_PORT" -le 65534 ] \
  || refuse "--kafka-port takes a port from 1 to 65534 (the controller uses the next one); got --kafka-port $KAFKA_PORT"
IFS=, read -r PURCHASE_PORT ORDER_PORT FRAUD_PORT EXTRA <<<"$PORTS"
is_port "$PURCHASE_PORT" && is_port "$ORDER_PORT" && is_port "$FRAUD_PORT" && [ -z "$EXTRA" ] \
  || refuse "--ports takes three ports A,B,C (each from 1 to 65535); got --ports $PORTS"
is_port "$DASHBOARD_PORT" || refuse "--dashboard-port takes a port from 1 to 65535; got --dashboard-port $DASHBOARD_PORT"
[ "$(printf '%s\n' "$KAFKA_PORT" $((KAFKA_PORT + 1)) "$PURCHASE_PORT" "$ORDER_PORT" "$FRAUD_PORT" "$DASHBOARD_PORT" | sort -u | wc -l)" -eq 6 ] \
  || refuse "The ports must all differ: Kafka $KAFKA_PORT and its controller $((KAFKA_PORT + 1)), services $PORTS, dashboard $DASHBOARD_PORT"
SERVICES=(purchase-aggregator order-enricher fraud-detector)
SERVICE_PORTS=("$PURCHASE_PORT" "$ORDER_PORT" "$FRAUD_PORT")
BOOTSTRAP="localhost:$KAFKA_PORT"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$KAFKA_PORT" $((KAFKA_PORT + 1)) "${SERVICE_PORTS[@]}" "$DASHBOARD_PORT"; do
  if port_busy "$p"; then echo "Port $p is in use; stop what runs there or pick other ports (--kafka-port, --ports, --dashboard-port)." >&2; exit 1; fi
done

jars_missing() {
  for s in "${SERVICES[@]}"; do [ -f "$s/target/$s.jar" ] || return 0; done
  [ -f load-generator/target/load-generator.jar ] && [ -f local-kafka/target/local-kafka.jar ] || return 0
  [ -f dashboard/target/dashboard.jar ] || return 0
  return 1
}
if [ "$BUILD" = 1 ] || jars_missing; then
  echo "Building the suite (./mvnw -B -q package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi

[ "$CLEAN" = 1 ] && rm -rf "$DATA"
mkdir -p "$DATA/logs"
DATA="$(cd "$DATA" && pwd)"
PIDS=()

# Messages of the stop: the terminal may be gone, or a pipe reader (| tee) already killed by the same Ctrl-C;
# a failed write must not end the script before it has stopped what it started.
say() { echo "$@" 2>/dev/null || true; }
stop_all() {
  # once: a second Ctrl-C must not cut the stop short and leave the broker (in a session of its own) running
  trap - EXIT
  trap '' INT TERM HUP PIPE
  say; say "Stopping ..."
  # generator and services first (they commit and leave their groups), the broker last
  for pid in "${PIDS[@]:1}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:1}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${#PIDS[@]}" -gt 0 ]; then kill -TERM "${PIDS[0]}" 2>/dev/null || true; wait "${PIDS[0]}" 2>/dev/null || true; fi
  say "Stopped. Data is kept in $DATA (--clean starts afresh)."
}
# A signal ends the script after the stop, also in the middle of the start (which would otherwise go on);
# PIPE too: a write to a closed pipe would otherwise kill the script and orphan the broker and the services.
stop_on() { stop_all; exit "$1"; }
trap 'stop_on 129' HUP
trap 'stop_on 130' INT
trap 'stop_on 141' PIPE
trap 'stop_on 143' TERM
trap stop_all EXIT

echo "Starting Kafka (KRaft) on $BOOTSTRAP, data in $DATA/kafka ..."
# In a session of its own, so that a signal to this script's whole process group (a closed terminal, kill of
# the group) stops the services but leaves the broker to stop_all, after them: a service whose broker is
# already gone cannot commit and waits out its 30 s close timeout. (No setsid on macOS: the same process group.)
OWN_SESSION=""; if command -v setsid >/dev/null 2>&1; then OWN_SESSION=setsid; fi
$OWN_SESSION java -Xmx512m -cp "local-kafka/target/local-kafka.jar:$(cat local-kafka/target/classes/local-kafka.classpath)" \
  dev.streamsuite.localkafka.LocalKafka --port "$KAFKA_PORT" --dir "$DATA/kafka" >> "$DATA/logs/kafka.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do port_busy "$KAFKA_PORT" && break; sleep 0.5; done
port_busy "$KAFKA_PORT" || { echo "Kafka did not start; see $DATA/logs/kafka.log" >&2; tail -20 "$DATA/logs/kafka.log" >&2; exit 1; }

for i in 0 1 2; do
  s=${SERVICES[$i]}; p=${SERVICE_PORTS[$i]}
  echo "Starting $s on http://localhost:$p ..."
  java -Xmx512m -XX:+UseSerialGC -jar "$s/target/$s.jar" --server.port="$p" --spring.kafka.bootstrap-servers="$BOOTSTRAP" \
    --spring.kafka.streams.state-dir="$DATA/state/$s" >> "$DATA/logs/$s.log" 2>&1 &
  PIDS+=($!)
done

deadline=$((SECONDS + 180))
for i in 0 1 2; do
  s=${SERVICES[$i]}; p=${SERVICE_PORTS[$i]}
  until curl -fs "http://localhost:$p/actuator/health/readiness" >/dev/null 2>&1; do
    if ! kill -0 "${PIDS[$((i + 1))]}" 2>/dev/null; then echo "$s exited; see $DATA/logs/$s.log" >&2; tail -30 "$DATA/logs/$s.log" >&2; exit 1; fi
    if [ $SECONDS -gt $deadline ]; then echo "$s not ready after 180 s; see $DATA/logs/$s.log" >&2; exit 1; fi
    sleep 1
  done
  echo "  $s is ready"
done

echo "Starting the dashboard on http://localhost:$DASHBOARD_PORT ..."
java -Xmx256m -jar dashboard/target/dashboard.jar --server.port="$DASHBOARD_PORT" --spring.kafka.bootstrap-servers="$BOOTSTRAP" \
  --dashboard.services.purchase-aggregator="http://localhost:$PURCHASE_PORT" \
  --dashboard.services.order-enricher="http://localhost:$ORDER_PORT" \
  --dashboard.services.fraud-detector="http://localhost:$FRAUD_PORT" >> "$DATA/logs/dashboard.log" 2>&1 &
PIDS+=($!)
DASHBOARD_PID=$!
for _ in $(seq 1 60); do
  curl -fs "http://localhost:$DASHBOARD_PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$DASHBOARD_PID" 2>/dev/null || { echo "The dashboard exited; see $DATA/logs/dashboard.log" >&2; tail -30 "$DATA/logs/dashboard.log" >&2; exit 1; }
  sleep 1
done

TRY="No demo generator (--no-demo): feed the topics yourself (README \"Run it locally\"), then ask with your ids, e.g.:"
if [ "$DEMO" = 1 ]; then
  echo "Starting the demo generator ($RATE events/s) ..."
  # a fresh run id per start: ids of earlier runs in the same data would otherwise count as duplicates
  RUN_ID=$(date +%s)
  java -Xmx256m -jar load-generator/target/load-generator.jar --bootstrap-servers "$BOOTSTRAP" --rate "$RATE" \
    --run-id "$RUN_ID" --seed "$RUN_ID" >> "$DATA/logs/load-generator.log" 2>&1 &
  PIDS+=($!)
  GENERATOR_PID=$!
  # it refuses bad options within a second or two; the ids printed below must exist
  for _ in 1 2 3 4 5 6; do
    kill -0 "$GENERATOR_PID" 2>/dev/null || { echo "The demo generator exited; see $DATA/logs/load-generator.log" >&2; tail -5 "$DATA/logs/load-generator.log" >&2; exit 1; }
    sleep 0.5
  done
  TRY="Try (demo users are u-1..u-50, customers c-1..c-200, orders o-$RUN_ID-1, o-$RUN_ID-2, ...):"
fi
cat <<INFO

The suite is running (logs in $DATA/logs):
  Dashboard             http://localhost:$DASHBOARD_PORT   (live results and operations; open it in a browser)
  Kafka                 $BOOTSTRAP
  purchase-aggregator   http://localhost:$PURCHASE_PORT   (health: /actuator/health/readiness, metrics: /actuator/prometheus)
  order-enricher        http://localhost:$ORDER_PORT
  fraud-detector        http://localhost:$FRAUD_PORT

$TRY
  curl -s http://localhost:$PURCHASE_PORT/api/users/u-1/summaries/latest
  curl -s http://localhost:$PURCHASE_PORT/api/users/u-1/summaries
  curl -s http://localhost:$ORDER_PORT/api/customers/c-1
  curl -s 'http://localhost:$ORDER_PORT/api/customers/c-1/orders?limit=5'
  curl -s http://localhost:$ORDER_PORT/api/orders/o-${RUN_ID:-RUN}-1
  curl -s http://localhost:$FRAUD_PORT/api/balances/u-1
  curl -s 'http://localhost:$FRAUD_PORT/api/alerts?limit=10'
  curl -s http://localhost:$PURCHASE_PORT/api/topology

Press Ctrl-C to stop everything.
INFO
wait "${PIDS[0]}"
