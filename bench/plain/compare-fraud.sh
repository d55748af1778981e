#!/usr/bin/env bash
# A reference point, not part of bench/run.sh: a straightforward plain Kafka Streams balance aggregator
# (PlainFraud.java: JSON in, JSON state, record cache, exactly-once v2; no validation, de-duplication,
# rules or alerts store) against fraud-detector on the same backlog of N transactions (load generator,
# 10,000 users, no bad records), one after the other on one broker. Prints each one's steady rate
# (10-90% of the backlog) and how many records each wrote. Needs the built jars (./mvnw -B -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000000}"
PORT=29092
TMP="$(mktemp -d "${TMPDIR:-/tmp}/plain-compare.XXXXXX")"
CP="local-kafka/target/local-kafka.jar:$(cat local-kafka/target/classes/local-kafka.classpath)"
cleanup() { pkill -f "LocalKafka --port $PORT" 2>/dev/null || true; [ -n "${SVC:-}" ] && kill "$SVC" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
java -Xmx512m -cp "$CP" dev.streamsuite.localkafka.LocalKafka --port $PORT --controller-port $((PORT + 1)) --dir "$TMP/kafka" > "$TMP/kafka.log" 2>&1 &
for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.5; done
for t in transactions plain-alerts; do ./kafka-cli.sh topics --bootstrap-server 127.0.0.1:$PORT --create --topic $t --partitions 6 > /dev/null; done
java -jar load-generator/target/load-generator.jar --bootstrap-servers 127.0.0.1:$PORT --topics transactions --rate 0 \
  --count "$N" --users 10000 --bad-ratio 0 --duplicate-ratio 0 --progress-seconds 0 | tail -1

mkdir -p "$TMP/lib" && unzip -q -o -j fraud-detector/target/fraud-detector.jar 'BOOT-INF/lib/*' -d "$TMP/lib"
echo "plain Kafka Streams:"
java -Xmx512m -cp "$TMP/lib/*" bench/plain/PlainFraud.java 127.0.0.1:$PORT "$N" "$TMP/plain-state" 2>/dev/null | grep steady

echo "fraud-detector:"
java -Xmx512m -jar fraud-detector/target/fraud-detector.jar --spring.kafka.bootstrap-servers=127.0.0.1:$PORT \
  --server.port=18083 --spring.kafka.streams.application-id=compare-fraud --spring.kafka.streams.state-dir="$TMP/state" \
  > "$TMP/fraud.log" 2>&1 &
SVC=$!
python3 - "$N" <<'PY'
import re, sys, time, urllib.request
n = float(sys.argv[1]); marks = {}; start = time.time()
while time.time() - start < 600 and 0.9 not in marks:
    try:
        text = urllib.request.urlopen('http://127.0.0.1:18083/actuator/prometheus', timeout=2).read().decode()
        count = sum(float(m.group(1)) for m in re.finditer(
            r'^suite_records_in_total\{[^}]*topic="transactions"[^}]*\} (\S+)', text, re.M))
        for f in (0.1, 0.9):
            if count >= f * n and f not in marks:
                marks[f] = time.time()
    except OSError:
        pass
    time.sleep(0.25)
print("steady %.0f rec/s" % (0.8 * n / (marks[0.9] - marks[0.1])))
PY
kill "$SVC"; wait "$SVC" 2>/dev/null || true; SVC=
for t in fraud-alerts plain-alerts; do
  printf '%s: ' "$t"; ./kafka-cli.sh get-offsets --bootstrap-server 127.0.0.1:$PORT --topic $t 2>/dev/null \
    | awk -F: '{s += $3} END {print s " records (incl. transaction markers)"}'
done
