#!/usr/bin/env bash
# Builds the benchmark harness (the bench profile: this module and the local-stack and events modules it
# uses, from this checkout) and runs it against the service jars already built here; writes BENCHMARKS.md.
#   benchmarks/run.sh                      the full run (see benchmarks/README.md for its length)
#   benchmarks/run.sh --quick              a smoke run with small sizes (writes benchmarks/target/BENCHMARKS-quick.md)
#   benchmarks/run.sh --baseline=/tmp/base --only=1,3
#   benchmarks/run.sh --help               every option
# Needs: the four service jars (./mvnw -B -ntp -q -DskipTests package) and Debian's wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " != *" --help "* ]] && ! command -v wrk >/dev/null 2>&1; then
  echo "benchmarks/run.sh needs wrk, the load generator: apt-get install wrk" >&2
  exit 2
fi
./mvnw -B -ntp -q -Pbench -pl benchmarks -am package -DskipTests
exec java -Xmx1g -Dbench.command="benchmarks/run.sh $*" \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" news.comments.benchmark.Main "$@"
