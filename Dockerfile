# One image recipe for every service: docker build --build-arg SERVICE=<module> .
# SERVICE is one of article-service, comment-service, moderation-service, gateway.
#
# No "# syntax=" line on purpose: it would make every build fetch a Dockerfile frontend image from a
# registry. This file needs only what the frontend built into Docker Engine 20.10+ (BuildKit 0.8,
# Dockerfile syntax 1.2) understands: ARG before FROM and RUN --mount=type=cache with sharing=locked.
# To use a newer frontend anyway, copy docker/dockerfile:1 into a registry you control and put
# "# syntax=<your-registry>/docker/dockerfile:1" as the first line of a local copy of this file.
#
# The base images are build arguments so a site can pin them by digest or take them from its own
# registry (docker-compose.yml passes BUILD_IMAGE and RUNTIME_IMAGE from the environment or .env).
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
ARG SERVICE
RUN case "${SERVICE}" in \
      article-service|comment-service|moderation-service|gateway) ;; \
      *) echo "Set --build-arg SERVICE=article-service|comment-service|moderation-service|gateway (got '${SERVICE}')" >&2; exit 1 ;; \
    esac
WORKDIR /workspace
COPY . .
# The Maven repository is a build cache shared by the four images, never part of them. sharing=locked:
# `docker compose build` runs the four builds at once, and Maven's local repository is not safe for
# concurrent writers (half-written jars, "invalid LOC header"); the builds take turns on the cache
# instead, and the first one fills it for the other three.
RUN --mount=type=cache,id=comment-moderation-m2,target=/root/.m2,sharing=locked \
    mvn -B -q -DskipTests -pl "${SERVICE}" -am package \
 && cp "${SERVICE}/target/${SERVICE}.jar" /workspace/app.jar

FROM ${RUNTIME_IMAGE} AS runtime
ARG SERVICE
# curl for the container health check (GET /actuator/health/readiness). A fixed numeric user (10001),
# so Kubernetes' runAsNonRoot can verify it without running the image first.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 comments \
 && useradd --system --uid 10001 --gid comments --home-dir /app --shell /usr/sbin/nologin comments \
 && mkdir -p /app/state \
 && chown comments:comments /app/state
WORKDIR /app
COPY --from=build /workspace/app.jar /tmp/app.jar
# Class data sharing (docs/adr/0014-replica-start.md): the jar extracted (the form CDS needs), then a training
# run with this image's JRE that refreshes the context without a broker or a database (Flyway and topic
# creation off for it only) and exits; the classes it loaded go to app.jsa, which every start maps. It cuts
# a replica's start CPU by a fifth to a third; a JRE that cannot use the archive starts without it.
RUN java -Djarmode=tools -jar /tmp/app.jar extract --destination /app/application \
 && rm /tmp/app.jar \
 && SERVER_PORT=0 MANAGEMENT_SERVER_PORT=0 \
    SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:1/none \
    SPRING_FLYWAY_ENABLED=false SPRING_KAFKA_ADMIN_AUTO_CREATE=false \
    SPRING_KAFKA_STREAMS_STATE_DIR=/tmp/training-streams \
    java -XX:ArchiveClassesAtExit=/app/application/app.jsa -Dspring.context.exit=onRefresh \
         -jar /app/application/app.jar \
 && rm -rf /tmp/training-streams /tmp/tomcat.* /tmp/tomcat-docbase.*
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="comment moderation: ${SERVICE}"
# The heap is 60% of the container's memory limit (the JVM reads the cgroup limit; docker-compose.yml
# and deploy/k8s set one for every service: 768 MiB gives a 460 MiB heap, the rest is metaspace, code
# cache, threads, direct buffers and, in moderation-service, RocksDB). Without a limit it would be 60%
# of the host's memory. An OOM ends the container so it gets restarted. See docs/adr/0011-containers.md.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
# Console logs as one JSON object a line (Elastic Common Schema, with traceId and spanId), for the
# container's log collector. Override with logstash or gelf; plain text is the default outside images.
ENV LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs
USER 10001:10001
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/application/app.jsa", "-jar", "/app/application/app.jar"]
