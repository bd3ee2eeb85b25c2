#!/usr/bin/env bash
# Builds the benchmark harness (the bench profile, this module only) and runs the benchmarks of
# issue 6 against the service jars already built in this repository; writes BENCHMARKS.md.
#   benchmarks/run.sh            the real run (about 20 minutes on 2 cores)
#   benchmarks/run.sh --quick    a smoke run with small sizes (writes benchmarks/target/BENCHMARKS-quick.md)
#   benchmarks/run.sh --only=2,5 --service-env=MODERATION_CLOSE_GRACE=50ms
# Needs: ./mvnw -DskipTests install once (the harness depends on local-stack and events from ~/.m2,
# and runs <module>/target/<module>.jar of the four services, copied first).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -Pbench -pl benchmarks package -DskipTests
exec java -Xmx1g -Dbench.command="benchmarks/run.sh $*" \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" news.comments.benchmark.Main "$@"
