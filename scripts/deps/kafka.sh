#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, combined broker+controller) for tests, on
# 127.0.0.1 with free ports, assembled from Maven Central jars.
#
#   scripts/deps/kafka.sh start     start (or reuse a running healthy broker)
#   scripts/deps/kafka.sh stop      SIGTERM, SIGKILL after 15 s
#   scripts/deps/kafka.sh restart   stop + start on the SAME ports, keeping data
#   scripts/deps/kafka.sh status    exit 0 running+healthy, 1 unhealthy, 3 stopped
#   scripts/deps/kafka.sh env       print PALISADE_KAFKA_BROKERS=...
#
# Env: PALISADE_KAFKA_VERSION (default 4.4.0; fallback: 3.9.2, the newest 3.9.x),
#      PALISADE_KAFKA_START_TIMEOUT (seconds, default 120),
#      PALISADE_KAFKA_JAVA_OPTS (extra JVM options, split on spaces, last wins),
#      PALISADE_KAFKA_CDS=0 (no class-data sharing archive, see cds_setup).
# Jars: $TOOLS_DIR/kafka/<version>/libs. State, data and kafka.log: $RUN_DIR/kafka.
set -euo pipefail
DEPS_NAME=kafka
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KAFKA_VERSION="${PALISADE_KAFKA_VERSION:-4.4.0}"
START_TIMEOUT="${PALISADE_KAFKA_START_TIMEOUT:-120}"
VERSION_CACHE="$TOOLS_DIR/kafka/$KAFKA_VERSION"
LIBS="$VERSION_CACHE/libs"
POM="$PROJECT_ROOT/deps/kafka/pom.xml"
LOG4J_CONFIG="$PROJECT_ROOT/deps/kafka/log4j2.properties"
READY_JS="$DEPS_SCRIPTS_DIR/kafka-ready.cjs"

STATE="$RUN_DIR/kafka"
PIDFILE="$STATE/pid"
LOGFILE="$STATE/kafka.log"
PORTS_FILE="$STATE/ports"          # "<broker port> <controller port>"
CONFIG="$STATE/server.properties"
DATA="$STATE/data"
MARKER="kafka.Kafka $CONFIG"       # must appear in the broker's command line

# Fetch the broker's jars once per version (atomic: a partial download is never
# mistaken for a complete one).
ensure_libs() {
  if [[ -f "$LIBS/.complete" ]]; then
    return 0
  fi
  require_cmd mvn "install Maven (apt-get install maven)"
  require_cmd java "install a JDK 17+ (apt-get install openjdk-17-jdk-headless)"
  mkdir -p "$VERSION_CACHE"
  local tmp="$VERSION_CACHE/libs.tmp.$$" mvnlog="$VERSION_CACHE/mvn.log" t0
  t0="$(now_ms)"
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS (first run only)"
  rm -rf "$tmp"
  if ! mvn -B -ntp -Dstyle.color=never \
      -Dmaven.repo.local="$TOOLS_DIR/m2" \
      -Dkafka.version="$KAFKA_VERSION" \
      -f "$POM" \
      dependency:copy-dependencies -DoutputDirectory="$tmp" >"$mvnlog" 2>&1; then
    rm -rf "$tmp"
    fail_with_log "$mvnlog" "maven could not fetch Kafka $KAFKA_VERSION"
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] ||
    fail_with_log "$mvnlog" "kafka_2.13-$KAFKA_VERSION.jar missing after download"
  touch "$tmp/.complete"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  log "jars fetched in $(secs_since "$t0")s"
}

# Short-lived tools (StorageTool): C1 only, as for the broker.
java_cp() {
  (cd "$STATE" && java -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    -cp "$LIBS/*" "$@")
}

# Class-data sharing (CDS): a JVM that maps an archive of the classes the
# broker loads starts noticeably faster (~8 s -> ~5 s on this 2-core machine).
# The archive is made on `stop` (what down.sh does), not on `restart`: jcmd
# asks the running broker to dump it (5-7 s, once per JVM build and Kafka
# version; skipped when CI=true), so mid-test restarts never pay for it. It is
# only valid for this JVM build and these exact jars, hence the key. A truncated archive crashes
# the JVM even with -Xshare:auto, so a new one is validated before use.
# PALISADE_KAFKA_CDS=0 turns all this off.
cds_enabled() { [[ "${PALISADE_KAFKA_CDS:-1}" == 1 ]]; }

cds_archive() {
  local java_real jvm_id
  java_real="$(readlink -f "$(command -v java)")"
  # CDS checks the jars' mtimes too: a re-fetched libs dir needs a new archive.
  jvm_id="$(printf '%s %s %s' "$java_real" \
    "$(stat -c %Y "$(dirname "$java_real")/../lib/server/libjvm.so" 2>/dev/null || echo 0)" \
    "$(stat -c %Y "$LIBS/.complete" 2>/dev/null || echo 0)" |
    sha256sum | cut -c1-10)"
  echo "$VERSION_CACHE/cds-$jvm_id.jsa"
}

# cds_setup: set CDS_OPTS for the broker's JVM.
CDS_OPTS=()
cds_setup() {
  CDS_OPTS=()
  rm -f "$STATE/cds-pending"
  cds_enabled || return 0
  local jsa
  jsa="$(cds_archive)"
  if [[ -f "$jsa.partial" && ! -f "$jsa" ]]; then
    if (cd "$STATE" && java -Xshare:on -XX:SharedArchiveFile="$jsa.partial" \
        -XX:ErrorFile="$STATE/hs_err_cds_check.log" "-Xlog:cds*=error" \
        -cp "$LIBS/*" -version) >/dev/null 2>&1; then
      mv "$jsa.partial" "$jsa"
      # Archives for other JVM builds or older downloads are dead weight.
      find "$VERSION_CACHE" -maxdepth 1 -name 'cds-*.jsa' ! -path "$jsa" -delete
    else
      log "discarding an unusable class-data sharing archive"
    fi
  fi
  rm -f "$jsa.partial" "$STATE"/hs_err_cds_check*.log
  if [[ -f "$jsa" ]]; then
    CDS_OPTS=(-XX:SharedArchiveFile="$jsa" "-Xlog:cds*=error")
  else
    # Lets `jcmd <pid> VM.cds dynamic_dump` make the archive later.
    CDS_OPTS=(-XX:+RecordDynamicDumpInfo)
    echo "$jsa" >"$STATE/cds-pending"
  fi
}

# cds_dump: on `stop`, have the running broker write the archive (best effort).
cds_dump() {
  local jsa pid t0
  jsa="$(read_file "$STATE/cds-pending")"
  rm -f "$STATE/cds-pending"
  [[ -n "$jsa" ]] && cds_enabled && [[ ! -f "$jsa" ]] || return 0
  command -v jcmd >/dev/null 2>&1 || return 0
  pid="$(pid_of "$PIDFILE")"
  t0="$(now_ms)"
  log "saving a class-data sharing archive for faster starts (once)"
  if timeout 60 jcmd "$pid" VM.cds dynamic_dump "$jsa.partial" >>"$STATE/cds.log" 2>&1; then
    log "archive saved in $(secs_since "$t0")s"
  else
    log "could not save the archive (see $STATE/cds.log); ignoring"
    rm -f "$jsa.partial"
  fi
}

write_config() {
  local port="$1" cport="$2"
  cat >"$CONFIG.tmp" <<EOF
# Generated by scripts/deps/kafka.sh; rewritten on every start.
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$cport
log.dirs=$DATA
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.partitions=3
message.max.bytes=1048588
EOF
  mv "$CONFIG.tmp" "$CONFIG"
}

format_storage() {
  local cluster_id
  if [[ -f "$DATA/meta.properties" ]]; then
    return 0
  fi
  cluster_id="$(read_file "$STATE/cluster-id")"
  if [[ -z "$cluster_id" ]]; then
    # The tool may print a log line before the id: keep the last id-shaped line.
    cluster_id="$(java_cp kafka.tools.StorageTool random-uuid 2>>"$STATE/format.log" |
      grep -E '^[A-Za-z0-9_-]{22}$' | tail -n1 || true)"
    [[ -n "$cluster_id" ]] || fail_with_log "$STATE/format.log" "StorageTool random-uuid failed"
    echo "$cluster_id" >"$STATE/cluster-id"
  fi
  log "formatting storage (cluster id $cluster_id)"
  java_cp kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$CONFIG" \
    --ignore-formatted >>"$STATE/format.log" 2>&1 ||
    fail_with_log "$STATE/format.log" "StorageTool format failed"
}

broker_port() { read_file "$PORTS_FILE" | awk '{print $1}'; }

ready() { # ready TIMEOUT [--quiet]
  node "$READY_JS" --brokers "127.0.0.1:$(broker_port)" --timeout "$1" \
    --pid "$(pid_of "$PIDFILE")" "${@:2}"
}

print_env() {
  local p
  p="$(broker_port)"
  [[ -n "$p" ]] || die "no port recorded; is kafka started?"
  echo "PALISADE_KAFKA_BROKERS=127.0.0.1:$p"
}

do_start() {
  local t0 port cport
  mkdir -p "$STATE"
  require_cmd node "Node.js is needed for the readiness probe"
  if pid_alive "$PIDFILE"; then
    if ready 60 --quiet >/dev/null 2>&1; then
      log "already running (pid $(pid_of "$PIDFILE"), 127.0.0.1:$(broker_port)); reusing it"
      return 0
    fi
    log "running but not answering metadata requests; restarting it"
    show_log_tail "$LOGFILE" 20
    stop_pid "$PIDFILE" kafka 15
  fi
  require_cmd java "install a JDK 17+ (apt-get install openjdk-17-jdk-headless)"
  ensure_libs

  ensure_ports "$PORTS_FILE" 2
  read -r port cport <<<"$PORTS"
  local stored_version
  stored_version="$(read_file "$STATE/version")"
  if [[ -d "$DATA" ]] && { (( PORTS_CHANGED )) || [[ "$stored_version" != "$KAFKA_VERSION" ]]; }; then
    # The KRaft voter set records the controller endpoint at format time, and a
    # data dir is not portable across downgrades: start clean.
    log "ports or version changed; wiping $DATA"
    rm -rf "$DATA" "$STATE/cluster-id"
  fi
  echo "$KAFKA_VERSION" >"$STATE/version"
  write_config "$port" "$cport"
  format_storage

  t0="$(now_ms)"
  rotate_log "$LOGFILE"
  {
    echo "===== $(date -Is) starting Kafka $KAFKA_VERSION on 127.0.0.1:$port (controller $cport) ====="
  } >>"$LOGFILE"
  cds_setup
  local -a EXTRA_OPTS=()
  read -r -a EXTRA_OPTS <<<"${PALISADE_KAFKA_JAVA_OPTS:-}"
  # -XX:TieredStopAtLevel=1 (C1 JIT only): starts in about half the time on 2
  # busy cores; plenty of throughput for tests. PALISADE_KAFKA_JAVA_OPTS comes
  # last, so it can override any of these.
  launch_detached "$PIDFILE" "$MARKER" "$LOGFILE" \
    java -Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:TieredStopAtLevel=1 "${CDS_OPTS[@]}" \
    -XX:+ExitOnOutOfMemoryError -XX:ErrorFile="$STATE/hs_err_%p.log" -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    "${EXTRA_OPTS[@]}" \
    -cp "$LIBS/*" kafka.Kafka "$CONFIG"
  if ! ready "$START_TIMEOUT" --quiet >"$STATE/ready.log" 2>&1; then
    show_log_tail "$STATE/ready.log" 5
    show_log_tail "$LOGFILE" 60
    stop_pid "$PIDFILE" kafka 5
    die "broker did not become ready (log: $LOGFILE)"
  fi
  log "ready in $(secs_since "$t0")s on 127.0.0.1:$port (pid $(pid_of "$PIDFILE"), Kafka $KAFKA_VERSION, log $LOGFILE)"
}

do_stop() { # do_stop [dump-cds]
  if [[ "${1:-}" == dump-cds ]] && pid_alive "$PIDFILE"; then
    cds_dump
  fi
  stop_pid "$PIDFILE" kafka 15
}

do_status() {
  if pid_alive "$PIDFILE"; then
    if ready 3 --quiet >/dev/null 2>&1; then
      echo "kafka: running, pid $(pid_of "$PIDFILE"), 127.0.0.1:$(broker_port), version $(read_file "$STATE/version"), log $LOGFILE"
      return 0
    fi
    echo "kafka: process $(pid_of "$PIDFILE") alive but not answering on 127.0.0.1:$(broker_port); log $LOGFILE"
    return 1
  fi
  echo "kafka: stopped"
  return 3
}

case "${1:-}" in
  start) with_lock kafka; do_start ;;
  stop) with_lock kafka; do_stop dump-cds ;;
  restart)
    with_lock kafka
    do_stop
    wait_ports_free "$PORTS_FILE" 15
    do_start
    ;;
  status) do_status ;;
  env) print_env ;;
  *) echo "usage: $0 {start|stop|restart|status|env}" >&2; exit 2 ;;
esac
