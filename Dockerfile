# syntax=docker/dockerfile:1
# One image recipe for every service: docker build --build-arg SERVICE=<module> .
# SERVICE is one of article-service, comment-service, moderation-service, gateway.

FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
RUN case "${SERVICE}" in \
      article-service|comment-service|moderation-service|gateway) ;; \
      *) echo "Set --build-arg SERVICE=article-service|comment-service|moderation-service|gateway (got '${SERVICE}')" >&2; exit 1 ;; \
    esac
WORKDIR /workspace
COPY . .
# The Maven repository is a build cache shared by the four images, never part of them.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl "${SERVICE}" -am package \
 && cp "${SERVICE}/target/${SERVICE}.jar" /workspace/app.jar

FROM eclipse-temurin:17-jre AS runtime
ARG SERVICE
# curl for the container health check (GET /actuator/health/readiness).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system comments \
 && useradd --system --gid comments --home-dir /app --shell /usr/sbin/nologin comments \
 && mkdir -p /app/state \
 && chown comments:comments /app/state
WORKDIR /app
COPY --from=build /workspace/app.jar /app/app.jar
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="comment moderation: ${SERVICE}"
# Heap sized from the container's memory limit; an OOM ends the container so it gets restarted.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER comments
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
