# syntax=docker/dockerfile:1
#
# One image recipe for every service of the suite, chosen by build arguments (docker-compose.yml passes them):
#
#   docker build --build-arg SERVICE=purchase-aggregator --build-arg PORT=8081 -t streams-suite/purchase-aggregator .
#   docker build --build-arg SERVICE=order-enricher      --build-arg PORT=8082 -t streams-suite/order-enricher .
#   docker build --build-arg SERVICE=fraud-detector      --build-arg PORT=8083 -t streams-suite/fraud-detector .
#   docker build --build-arg SERVICE=load-generator --target load-generator -t streams-suite/load-generator .
#
# The jar is built inside the image from the sources (stage "build"): a clean clone and Docker are all it takes,
# and an image never picks up a stale jar from target/. The Maven repository is a BuildKit cache mount, so
# dependencies are downloaded once per machine, not once per image or per source change.
#
# Stages: build (JDK: Maven build + layer extraction) -> runtime (JRE, non-root user) -> load-generator | service.
# "service" is the last stage and so the default target.

ARG JDK_IMAGE=eclipse-temurin:17-jdk
# The HEALTHCHECK below calls curl, which the eclipse-temurin JRE images of 17 and 21 have and those of 22 and
# later do not (adoptium/containers#630): with another JRE_IMAGE, install curl in the runtime stage or change it.
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${JDK_IMAGE} AS build
ARG SERVICE
ARG PORT
# an unknown service, or a PORT other than the service's server.port, fails here with a clear message
RUN case "${SERVICE}:${PORT}" in \
      purchase-aggregator:8081|order-enricher:8082|fraud-detector:8083|load-generator:*) ;; \
      *) echo "build arguments: SERVICE=purchase-aggregator PORT=8081 | SERVICE=order-enricher PORT=8082 |" \
              "SERVICE=fraud-detector PORT=8083 | SERVICE=load-generator (was SERVICE='${SERVICE}' PORT='${PORT}')" >&2; \
         exit 1 ;; \
    esac
WORKDIR /src
COPY . .
# -am builds the modules the service depends on; -DskipTests: the tests run in CI (./mvnw verify), not here
RUN --mount=type=cache,target=/root/.m2 \
    sh ./mvnw -B -q -pl "${SERVICE}" -am package -DskipTests \
 && cp "${SERVICE}/target/${SERVICE}.jar" /application.jar
# Spring Boot's layered jar, extracted with its launcher (Boot 3.3+ "tools" jar mode): one directory per layer,
# from the least to the most often changing, each copied as its own image layer below
RUN java -Djarmode=tools -jar /application.jar extract --layers --launcher --destination /layers


FROM ${JRE_IMAGE} AS runtime
# a fixed numeric uid/gid, so Kubernetes' runAsNonRoot can verify it and fsGroup/volumes can match it;
# /var/lib/streams is the Kafka Streams state directory (a volume in the service stage)
RUN groupadd --system --gid 10001 streams \
 && useradd --system --uid 10001 --gid streams --home-dir /app --no-create-home --shell /usr/sbin/nologin streams \
 && mkdir -p /var/lib/streams \
 && chown 10001:10001 /var/lib/streams
WORKDIR /app
# the application's files stay owned by root: the process can read them, not change them
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
# heap = 50 % of the container's memory limit: the state stores' RocksDB lives outside the heap, within
# suite.rocksdb.memory (128MB by default), and the JVM itself takes about 150 MB more (README "Memory");
# JAVA_OPTS=-XX:MaxRAMPercentage=N changes the share (a later flag wins).
# Serial GC: on a few cores with a heap of a few hundred MB it gave 15-25% more throughput and less CPU than
# G1 (README "Performance"); JAVA_OPTS replaces it, e.g. JAVA_OPTS=-XX:+UseG1GC for large heaps.
# exec: java becomes PID 1 and receives SIGTERM itself (graceful Kafka Streams close).
ENV JAVA_OPTS="-XX:+UseSerialGC"
ENTRYPOINT ["sh", "-c", "exec java -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "java"]


# the demo / load generator: same layout, no port, no state; its options are the container's command
FROM runtime AS load-generator
CMD ["--bootstrap-servers", "kafka:9092", "--rate", "20"]


FROM runtime AS service
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="streams-suite ${SERVICE} (Kafka Streams on Spring Boot)"
# SERVER_PORT equals the service's own server.port (checked in the build stage); the health check follows
# it when it is overridden at run time
ENV SERVER_PORT=${PORT} \
    SPRING_KAFKA_STREAMS_STATE_DIR=/var/lib/streams
VOLUME ["/var/lib/streams"]
EXPOSE ${PORT}
# ready = Kafka Streams RUNNING and no store restoring; a long restore after a lost volume needs the start period
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS -o /dev/null "http://localhost:${SERVER_PORT}/actuator/health/readiness" || exit 1
