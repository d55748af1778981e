#!/usr/bin/env bash
# Kafka's command-line tools from the Kafka jars (no Kafka install), e.g.
#   ./kafka-cli.sh console-producer --bootstrap-server localhost:9092 --topic purchases \
#       --reader-property parse.key=true --reader-property key.separator='|'
#   ./kafka-cli.sh console-consumer --bootstrap-server localhost:9092 --topic purchase-summaries-final \
#       --from-beginning --isolation-level read_committed --formatter-property print.key=true
#   ./kafka-cli.sh topics --bootstrap-server localhost:9092 --list
#   ./kafka-cli.sh consumer-groups --bootstrap-server localhost:9092 --describe --group purchase-aggregator
#   ./kafka-cli.sh configs --bootstrap-server localhost:9092 --entity-type topics --entity-name T --describe
set -euo pipefail
cd "$(dirname "$0")"
declare -A TOOLS=(
  [console-producer]=org.apache.kafka.tools.ConsoleProducer
  [console-consumer]=org.apache.kafka.tools.consumer.ConsoleConsumer
  [topics]=org.apache.kafka.tools.TopicCommand
  [consumer-groups]=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand
  [get-offsets]=org.apache.kafka.tools.GetOffsetShell
  [configs]=kafka.admin.ConfigCommand
)
tool="${1:-}"
if [ -z "$tool" ] || [ -z "${TOOLS[$tool]:-}" ]; then
  echo "usage: ./kafka-cli.sh <$(IFS='|'; echo "${!TOOLS[*]}")> [tool options]" >&2
  exit 2
fi
shift
[ -f local-kafka/target/classes/local-kafka.classpath ] || ./mvnw -B -q -pl local-kafka package -DskipTests
# the tools log to stderr (a file of the source tree, so that jars built before it need no rebuild)
exec java -Dlog4j2.configurationFile=local-kafka/src/main/resources/log4j2-cli.properties \
  -cp "local-kafka/target/local-kafka.jar:$(cat local-kafka/target/classes/local-kafka.classpath)" "${TOOLS[$tool]}" "$@"
