#!/usr/bin/env bash
# Starts the whole comment moderation system on this machine with only a JDK (17+):
# a real Kafka broker and a real PostgreSQL (embedded, data under ./data), the four services and
# the gateway on http://127.0.0.1:8080. Ctrl-C stops everything.
#
# Scaling out: --replicas comment-service=2,moderation-service=2 runs that many instances of each
# (1 to 9; replica n listens on the service's port + 100 (n - 1)), and the gateway balances over them.
# article-service and the gateway always run once. A wrong argument exits with code 2.
#
# Settings (environment): GATEWAY_PORT (8080), COMMENTS_DATA_DIR (./data), MODERATOR_USER
# (moderator), MODERATOR_PASSWORD (made up at first start and printed when unset),
# COMMENTS_KAFKA_PORT (9092), COMMENTS_KAFKA_CONTROLLER_PORT (9093), COMMENTS_PG_PORT (5432),
# COMMENTS_ARTICLE_SERVICE_PORT / _COMMENT_ / _MODERATION_ (8081-8083), COMMENTS_SEED (true),
# COMMENTS_STARTUP_TIMEOUT_SECONDS (300), COMMENTS_SERVICE_JAVA_OPTS, GATEWAY_ADDRESS (127.0.0.1),
# COMMENTS_SERVICE_ARCHIVES (unset; benchmarks/target/startup/archives after benchmarks/startup.sh
# archives: quicker service starts from class-data archives).
# SKIP_BUILD=true starts what was built before without running Maven.
set -euo pipefail

cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1; then
  echo "run-local.sh: no 'java' on the PATH; install a JDK 17 or newer" >&2
  exit 1
fi

if [[ "${SKIP_BUILD:-false}" != "true" ]]; then
  if [[ -x ./mvnw ]]; then
    mvn_cmd=(./mvnw)
  elif command -v mvn >/dev/null 2>&1; then
    mvn_cmd=(mvn)
  else
    echo "run-local.sh: neither ./mvnw nor mvn found" >&2
    exit 1
  fi
  echo "Building (${mvn_cmd[*]} -q -DskipTests package)..."
  "${mvn_cmd[@]}" -q -DskipTests package
fi

export COMMENTS_REPO_DIR="${COMMENTS_REPO_DIR:-$PWD}"
# exec: the JVM replaces this shell, so Ctrl-C reaches it and its shutdown hook stops every part.
# The dependencies (the Kafka broker among them) are in local-stack/target/lib; the jar's manifest
# names none, so tests that put local-stack on their class path do not get every jar twice.
exec java ${LOCAL_STACK_JAVA_OPTS:-} -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" \
  news.comments.stack.LocalStack "$@"
