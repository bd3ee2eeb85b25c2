#!/usr/bin/env bash
# Replica start: how long one more instance of a service takes to become ready, and to reach full speed,
# when it is added to a stack that is already running (see BENCHMARKS.md, "Replica start").
#
#   benchmarks/startup.sh archives [SERVICE...]          extract the jar, train the CDS archive (JDK 17) and
#                                                        the AOT cache (JDK 25) with no broker and no database
#                                                        (as an image build would); all four by default
#   benchmarks/startup.sh archives-on-stack SERVICE...    the same, trained against the running stack
#   benchmarks/startup.sh prepare-spring-aot SERVICE     Spring AOT's generated code for the springaot variant
#   benchmarks/startup.sh archives-under-load SECONDS    comment-service's AOT cache (JDK 25) trained by a run
#                                                        that serves the warm command's GET under wrk for
#                                                        SECONDS against the running stack, then stops
#   benchmarks/startup.sh ready SERVICE ROUNDS VARIANT... time to readiness, the variants alternated
#   benchmarks/startup.sh warm ROUNDS SECONDS VARIANT...  comment-service under wrk from its first second:
#                                                        requests per 5-s bucket, the variants alternated
#
# SERVICE: comment-service, moderation-service, gateway, article-service.
# VARIANT: plain        java 17, -jar the fat jar (what the local stack and the image do today)
#          cds          java 17, the extracted jar with -XX:SharedArchiveFile (made by archives)
#          cds-stack    the same with the archive of archives-on-stack
#          lazy         plain with spring.main.lazy-initialization=true (measurement only: see BENCHMARKS.md)
#          c1           plain with -XX:TieredStopAtLevel=1 (C1 only)
#          jit          plain with -XX:CompileThresholdScaling=$COMPILE_THRESHOLD_SCALING (0.25): C2 sooner
#          springaot    java 17 with Spring AOT's generated code (-Dspring.aot.enabled=true; an experiment)
#          plain25      JDK 25, -jar the fat jar
#          aot25        JDK 25, the extracted jar with -XX:AOTCache (made by archives)
#          aot25-stack  the same with the cache of archives-on-stack
#          aot25-load   the same with the cache of archives-under-load (method profiles of the request path)
#
# It needs a running local stack started with the same environment variables (COMMENTS_DATA_DIR,
# MODERATOR_PASSWORD, the COMMENTS_*_PORT / GATEWAY_PORT ports; the defaults are run-local.sh's):
#   SKIP_BUILD=true COMMENTS_DATA_DIR=/tmp/stack MODERATOR_PASSWORD=... ./run-local.sh &
#   benchmarks/startup.sh archives comment-service
#   COMMENTS_DATA_DIR=/tmp/stack MODERATOR_PASSWORD=... benchmarks/startup.sh ready comment-service 5 plain cds
# The extra instance gets the environment local-stack's ServiceEnvironment gives that service, but its own
# port (EXTRA_PORT_OFFSET, 100, above the service's) and, for moderation-service, an empty state folder,
# as a new replica has. Work files and results go to benchmarks/target/startup (RESULTS there).
# JDK 25: JAVA25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64). JVM options: JVM_OPTS (the local
# stack's default, -Xmx384m -XX:+ExitOnOutOfMemoryError).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$repo/benchmarks/target/startup
mkdir -p "$work"

java17=${JAVA17:-java}
java25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jvm_opts=(${JVM_OPTS:--Xmx384m -XX:+ExitOnOutOfMemoryError})
offset=${EXTRA_PORT_OFFSET:-100}

data=${COMMENTS_DATA_DIR:-./data}
data=$(cd "$data" 2>/dev/null && pwd || echo "$data")
gateway_port=${GATEWAY_PORT:-8080}
gateway_mgmt_port=${COMMENTS_GATEWAY_MANAGEMENT_PORT:-9080}
article_port=${COMMENTS_ARTICLE_SERVICE_PORT:-8081}
comment_port=${COMMENTS_COMMENT_SERVICE_PORT:-8082}
moderation_port=${COMMENTS_MODERATION_SERVICE_PORT:-8083}
kafka_port=${COMMENTS_KAFKA_PORT:-9092}
pg_port=${COMMENTS_PG_PORT:-5432}
moderator_password=${MODERATOR_PASSWORD:-$(cat "$data/moderator-password" 2>/dev/null || true)}

# The extra instance's environment: what ServiceEnvironment gives the service, on its own port.
# Prints NAME=VALUE lines; $2 is the folder for moderation-service's Kafka Streams state.
service_env() {
  local service=$1 state=$2
  echo "SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$kafka_port"
  echo "COMMENTS_SECURITY_JWK_SET_URI=http://127.0.0.1:$gateway_port/.well-known/jwks.json"
  echo "SERVER_ADDRESS=127.0.0.1"
  case $service in
    article-service | comment-service)
      local db=${service%-service}s
      echo "SERVER_PORT=$(port_of "$service")"
      echo "SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:$pg_port/$db"
      echo "SPRING_DATASOURCE_USERNAME=postgres"
      echo "SPRING_DATASOURCE_PASSWORD=postgres"
      ;;
    moderation-service)
      echo "SERVER_PORT=$(port_of "$service")"
      echo "SPRING_KAFKA_STREAMS_STATE_DIR=$state"
      ;;
    gateway)
      echo "SERVER_PORT=$(port_of "$service")"
      echo "GATEWAY_PORT=$(port_of "$service")"
      echo "MANAGEMENT_SERVER_PORT=$(health_port_of "$service")"
      echo "MANAGEMENT_SERVER_ADDRESS=127.0.0.1"
      echo "COMMENTS_GATEWAY_ARTICLE_SERVICE_URI=http://127.0.0.1:$article_port"
      echo "COMMENTS_GATEWAY_COMMENT_SERVICE_URI=http://127.0.0.1:$comment_port"
      echo "COMMENTS_GATEWAY_MODERATION_SERVICE_URI=http://127.0.0.1:$moderation_port"
      echo "MODERATOR_USER=${MODERATOR_USER:-moderator}"
      echo "MODERATOR_PASSWORD=$moderator_password"
      echo "COMMENTS_AUTH_SIGNING_KEY_LOCATION=file:$data/keys/jwt-signing-key.pem"
      ;;
    *)
      echo "unknown service $service" >&2
      exit 2
      ;;
  esac
}

port_of() {
  case $1 in
    article-service) echo $((article_port + offset)) ;;
    comment-service) echo $((comment_port + offset)) ;;
    moderation-service) echo $((moderation_port + offset)) ;;
    gateway) echo $((gateway_port + offset)) ;;
  esac
}

health_port_of() {
  if [[ $1 == gateway ]]; then echo $((gateway_mgmt_port + offset)); else port_of "$1"; fi
}

# The archives trained with no broker and no database, as an image build would (see train).
archives_of() { echo "$work/archives/$1"; }
# The archives trained against the running stack.
on_stack_of() { echo "$work/on-stack/$1"; }
# The AOT cache trained by a run under load.
under_load_of() { echo "$work/under-load/$1"; }

main_class_of() {
  unzip -p "$1" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Main-Class: //p'
}

# The command line of a variant (JVM and options up to and including the jar).
command_of() {
  local service=$1 variant=$2 jar=$repo/$1/target/$1.jar a s
  a=$(archives_of "$service")
  s=$(on_stack_of "$service")
  case $variant in
    plain) echo "$java17 ${jvm_opts[*]} -jar $jar" ;;
    lazy) echo "$java17 ${jvm_opts[*]} -Dspring.main.lazy-initialization=true -jar $jar" ;;
    c1) echo "$java17 ${jvm_opts[*]} -XX:TieredStopAtLevel=1 -jar $jar" ;;
    jit) echo "$java17 ${jvm_opts[*]} -XX:CompileThresholdScaling=${COMPILE_THRESHOLD_SCALING:-0.25} -jar $jar" ;;
    cds) echo "$java17 ${jvm_opts[*]} -XX:SharedArchiveFile=$a/app17.jsa -jar $a/$service.jar" ;;
    cds-stack) echo "$java17 ${jvm_opts[*]} -XX:SharedArchiveFile=$s/app17.jsa -jar $s/$service.jar" ;;
    springaot)
      echo "$java17 ${jvm_opts[*]} -Dspring.aot.enabled=true -cp $s/spring-aot/classes:$s/$service.jar $(main_class_of "$s/$service.jar")"
      ;;
    plain25) echo "$java25 ${jvm_opts[*]} -jar $jar" ;;
    aot25) echo "$java25 ${jvm_opts[*]} -XX:AOTCache=$a/app25.aot -jar $a/$service.jar" ;;
    aot25-stack) echo "$java25 ${jvm_opts[*]} -XX:AOTCache=$s/app25.aot -jar $s/$service.jar" ;;
    aot25-load)
      echo "$java25 ${jvm_opts[*]} -XX:AOTCache=$(under_load_of "$service")/app25.aot -jar $(under_load_of "$service")/$service.jar"
      ;;
    *)
      echo "unknown variant $variant" >&2
      exit 2
      ;;
  esac
}

busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8; exit}' /proc/stat; }
total_ticks() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8; exit}' /proc/stat; }
proc_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

is_ready() {
  curl -s -m 1 "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'
}

# Starts the extra instance in the background: sets pid, started_ms, log.
launch() {
  local service=$1 variant=$2 tag=$3 state
  state=$work/state-$tag
  rm -rf "$state"
  log=$work/$tag.log
  local -a env_args
  mapfile -t env_args < <(service_env "$service" "$state")
  started_ms=$(now_ms)
  # env -i: only the stack's settings (and PATH), nothing of this shell's.
  env -i PATH="$PATH" "${env_args[@]}" $(command_of "$service" "$variant") >"$log" 2>&1 &
  pid=$!
}

stop() {
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Spring Boot's documented flow: the jar extracted (the form CDS and the AOT cache need), then a training
# run that refreshes the context (every singleton made) and exits before anything starts (no listener,
# no stream, no web server): -Dspring.context.exit=onRefresh. JDK 17 writes a dynamic CDS archive
# (-XX:ArchiveClassesAtExit), JDK 25 an AOT cache (-XX:AOTCacheOutput). The archives record the class path
# as given (the jar's absolute path), so the runs give the same path.
#   $1 offline: no broker and no database reachable, as in an image build (Flyway and topic creation
#               off, nothing listening at the addresses given)
#      stack:   against the running stack (Flyway validates, topics are checked)
train() {
  local mode=$1 service=$2 dir
  if [[ $mode == offline ]]; then dir=$(archives_of "$service"); else dir=$(on_stack_of "$service"); fi
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  "$java17" -Djarmode=tools -jar "$repo/$service/target/$service.jar" extract --destination "$dir" >/dev/null
  local -a env_args
  if [[ $mode == offline ]]; then
    env_args=(SERVER_PORT=0 MANAGEMENT_SERVER_PORT=0 SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1
      SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:1/none SPRING_FLYWAY_ENABLED=false
      SPRING_KAFKA_ADMIN_AUTO_CREATE=false SPRING_KAFKA_STREAMS_STATE_DIR="$work/state-training")
  else
    mapfile -t env_args < <(service_env "$service" "$work/state-training")
  fi
  echo "[startup] $service: CDS archive (JDK 17), trained $mode"
  (cd "$dir" && env -i PATH="$PATH" "${env_args[@]}" "$java17" "${jvm_opts[@]}" -XX:ArchiveClassesAtExit=app17.jsa \
    -Dspring.context.exit=onRefresh -jar "$dir/$service.jar" >"$dir/training17.log" 2>&1) || true
  if [[ -x $java25 ]]; then
    echo "[startup] $service: AOT cache (JDK 25), trained $mode"
    (cd "$dir" && env -i PATH="$PATH" "${env_args[@]}" "$java25" "${jvm_opts[@]}" -XX:AOTCacheOutput=app25.aot \
      -Dspring.context.exit=onRefresh -jar "$dir/$service.jar" >"$dir/training25.log" 2>&1) || true
  fi
  ls -l "$dir"/app*
}

# JDK 25's AOT cache trained by a workload: comment-service, extracted, started against the running stack
# with -XX:AOTCacheOutput, serves the warm command's GET under wrk for $1 seconds, then stops; the JVM writes
# the cache at exit (classes loaded and linked, and the method profiles of what ran: JEP 483/514/515).
# Trained on the request the warm command then measures: the best case of a training workload.
train_under_load() {
  local seconds=$1 service=comment-service dir id
  dir=$(under_load_of "$service")
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  "$java17" -Djarmode=tools -jar "$repo/$service/target/$service.jar" extract --destination "$dir" >/dev/null
  id=$(comment_to_read)
  [[ -n $id ]] || { echo "could not post a comment to read" >&2; exit 1; }
  local -a env_args
  mapfile -t env_args < <(service_env "$service" "$work/state-training")
  echo "[startup] $service: AOT cache (JDK 25), trained under load for $seconds s"
  (cd "$dir" && exec env -i PATH="$PATH" "${env_args[@]}" "$java25" "${jvm_opts[@]}" -XX:AOTCacheOutput=app25.aot \
    -jar "$dir/$service.jar" >"$dir/training25.log" 2>&1) &
  local training=$! port
  port=$(port_of "$service")
  until is_ready "$port"; do
    sleep 0.2
    kill -0 "$training" 2>/dev/null || { echo "training run died, see $dir/training25.log" >&2; exit 1; }
  done
  wrk -t2 -c8 -d"${seconds}s" "http://127.0.0.1:$port/api/comments/$id" | grep 'Requests/sec'
  # The cache is assembled at exit, which takes a while: no kill after 20 s here.
  kill -TERM "$training"
  wait "$training" || true
  ls -l "$dir"/app25.aot
}

# Spring AOT (what the Maven plugin's process-aot goal does), by hand and outside the module's build:
# SpringApplicationAotProcessor against the running stack's settings, then javac of what it generated.
# An experiment (see BENCHMARKS.md): the conditions are evaluated here, once, with this environment.
prepare_spring_aot() {
  local service=$1 dir main cp
  dir=$(on_stack_of "$service")
  [[ -f $dir/$service.jar ]] || train stack "$service"
  main=$(main_class_of "$dir/$service.jar")
  cp="$dir/$service.jar:$(find "$dir/lib" -name '*.jar' | tr '\n' ':')"
  rm -rf "$dir/spring-aot"
  mkdir -p "$dir/spring-aot/sources" "$dir/spring-aot/classes"
  local -a env_args
  mapfile -t env_args < <(service_env "$service" "$work/state-training")
  env -i PATH="$PATH" "${env_args[@]}" "$java17" -cp "$cp" org.springframework.boot.SpringApplicationAotProcessor \
    "$main" "$dir/spring-aot/sources" "$dir/spring-aot/classes" "$dir/spring-aot/classes" news.comments "$service" \
    >"$work/$service-spring-aot.log" 2>&1
  "$(dirname "$(readlink -f "$(command -v "$java17")")")/javac" -nowarn -proc:none -parameters \
    -d "$dir/spring-aot/classes" -cp "$cp" $(find "$dir/spring-aot/sources" -name '*.java')
  echo "[startup] $service: $(find "$dir/spring-aot/sources" -name '*.java' | wc -l) generated sources"
}

# One start: prints "variant ready_s cpu_s machine_busy_% loadavg1 started_in" and leaves the instance
# stopped.
one_ready() {
  local service=$1 variant=$2 round=$3 port b0 t0 load ready_ms cpu
  port=$(health_port_of "$service")
  load=$(cut -d' ' -f1 /proc/loadavg)
  b0=$(busy_ticks)
  t0=$(total_ticks)
  launch "$service" "$variant" "$service-$variant-$round"
  ready_ms=
  while kill -0 "$pid" 2>/dev/null; do
    if is_ready "$port"; then
      ready_ms=$(($(now_ms) - started_ms))
      break
    fi
    sleep 0.1
    if (($(now_ms) - started_ms > 600000)); then break; fi
  done
  cpu=$(proc_ticks "$pid")
  local b1 t1 started_in
  b1=$(busy_ticks)
  t1=$(total_ticks)
  started_in=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$log" | awk '{print $4}' || true)
  stop "$pid"
  if grep -qE 'Unable to map shared spaces|shared class paths mismatch|error has occurred while processing' "$log"; then
    echo "$variant: the JVM did not use its archive (see $log)" >&2
    variant="$variant-NOARCHIVE"
  fi
  if [[ -z $ready_ms ]]; then
    echo "$variant FAILED (see $log)"
    return
  fi
  awk -v v="$variant" -v r="$ready_ms" -v c="$cpu" -v hz="$(getconf CLK_TCK)" -v b=$((b1 - b0)) -v t=$((t1 - t0)) \
    -v l="$load" -v s="${started_in:-?}" \
    'BEGIN { printf "%-8s %7.1f %7.1f %5.0f %6s %7s\n", v, r / 1000, c / hz, 100 * b / t, l, s }'
}

ready() {
  local service=$1 rounds=$2
  shift 2
  local out=$work/ready-$service-$(date -u +%Y%m%dT%H%M%SZ).txt
  echo "# $service: time to readiness (launch to /actuator/health/readiness UP), variants alternated" | tee "$out"
  echo "# variant ready_s cpu_s_to_ready machine_busy_% loadavg1_at_launch spring_started_in_s" | tee -a "$out"
  local round variant
  for round in $(seq 1 "$rounds"); do
    for variant in "$@"; do
      one_ready "$service" "$variant" "$round" | tee -a "$out"
      # moderation-service: let the stack's instance take its partitions back before the next join
      if [[ $service == moderation-service ]]; then sleep 15; else sleep 3; fi
    done
  done
  summary "$out"
}

# Median and range per variant of column 2 (ready s) and 3 (CPU s).
summary() {
  echo "# median (min-max): ready s, CPU s to ready, machine busy %"
  grep -v '^#' "$1" | grep -v FAILED | sort -k1,1 | awk '
    function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    function flush() { if (n) { m = med(r, n); lo = r[1]; hi = r[n]; mc = med(c, n); clo = c[1]; chi = c[n]; mb = med(b, n)
      printf "%-8s n=%d ready %.1f (%.1f-%.1f)  cpu %.1f (%.1f-%.1f)  busy %.0f %%\n", v, n, m, lo, hi, mc, clo, chi, mb } }
    $1 != v { flush(); v = $1; n = 0 }
    { n++; r[n] = $2; c[n] = $3; b[n] = $4 }
    END { flush() }' | tee -a "$1"
}

# A comment to read: posted through the stack's gateway on a new article.
comment_to_read() {
  local token article
  token=$(curl -sf -XPOST -H 'Content-Type: application/json' \
    -d "{\"username\":\"${MODERATOR_USER:-moderator}\",\"password\":\"$moderator_password\"}" \
    "http://127.0.0.1:$gateway_port/api/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  article=$(curl -sf -XPOST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d '{"title":"replica start","body":"an article for the replica start benchmark"}' \
    "http://127.0.0.1:$gateway_port/api/articles" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  sleep 2
  curl -sf -XPOST -H 'Content-Type: application/json' -d '{"author":"reader","text":"a comment to read"}' \
    "http://127.0.0.1:$gateway_port/api/articles/$article/comments" | sed 's/.*"id":"\([^"]*\)".*/\1/'
}

# A fresh comment-service under wrk from its first ready second: GET of one comment, 8 connections, wrk
# once per 5-s bucket, back to back. Per bucket: requests/s, and comment-service's CPU per request (µs,
# from /proc/<pid>/stat), which other load on the machine disturbs less than the rate.
warm() {
  local rounds=$1 seconds=$2
  shift 2
  local id out buckets round variant hz
  hz=$(getconf CLK_TCK)
  id=$(comment_to_read)
  [[ -n $id ]] || { echo "could not post a comment to read" >&2; exit 1; }
  out=$work/warm-$(date -u +%Y%m%dT%H%M%SZ).txt
  buckets=$((seconds / 5))
  echo "# comment-service: GET /api/comments/$id, wrk -t2 -c8, per 5-s bucket from readiness" | tee "$out"
  echo "# variant round rps|us ready_s machine_busy_% loadavg1 bucket1 bucket2 ..." | tee -a "$out"
  for round in $(seq 1 "$rounds"); do
    for variant in "$@"; do
      local port b0 t0 ready_ms load rates="" costs=""
      port=$(port_of comment-service)
      load=$(cut -d' ' -f1 /proc/loadavg)
      b0=$(busy_ticks)
      t0=$(total_ticks)
      launch comment-service "$variant" "warm-$variant-$round"
      until is_ready "$port"; do
        sleep 0.1
        kill -0 "$pid" 2>/dev/null || { echo "$variant died, see $log" >&2; exit 1; }
      done
      ready_ms=$(($(now_ms) - started_ms))
      for _ in $(seq 1 "$buckets"); do
        local c0 c1 requests
        c0=$(proc_ticks "$pid")
        requests=$(wrk -t2 -c8 -d5s "http://127.0.0.1:$port/api/comments/$id" 2>/dev/null |
          awk '/requests in/{print $1}')
        c1=$(proc_ticks "$pid")
        requests=${requests:-0}
        rates="$rates $((requests / 5))"
        costs="$costs $(awk -v c=$((c1 - c0)) -v n="$requests" -v hz="$hz" 'BEGIN { printf "%.0f", n ? 1e6 * c / hz / n : 0 }')"
      done
      local b1 t1 busy
      b1=$(busy_ticks)
      t1=$(total_ticks)
      busy=$(awk -v b=$((b1 - b0)) -v t=$((t1 - t0)) 'BEGIN { printf "%.0f", 100 * b / t }')
      stop "$pid"
      printf '%-12s %d rps %6.1f %4s %6s%s\n' "$variant" "$round" "$(awk -v m="$ready_ms" 'BEGIN{print m/1000}')" \
        "$busy" "$load" "$rates" | tee -a "$out"
      printf '%-12s %d us  %6.1f %4s %6s%s\n' "$variant" "$round" "$(awk -v m="$ready_ms" 'BEGIN{print m/1000}')" \
        "$busy" "$load" "$costs" | tee -a "$out"
      sleep 3
    done
  done
}

# In braces, read whole before it runs: editing this file during a run does not change the run.
{
case ${1:-} in
  archives)
    shift
    (($#)) || set -- article-service comment-service moderation-service gateway
    for service in "$@"; do train offline "$service"; done
    ;;
  archives-on-stack) shift && for service in "$@"; do train stack "$service"; done ;;
  prepare-spring-aot) shift && prepare_spring_aot "$@" ;;
  archives-under-load) shift && train_under_load "${1:-60}" ;;
  ready) shift && ready "$@" ;;
  warm) shift && warm "$@" ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
exit
}
