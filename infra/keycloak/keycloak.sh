#!/usr/bin/env bash
# Runs a real Keycloak (dev mode, its own H2 database) bound to 127.0.0.1, from the
# keycloak-quarkus-dist zip on Maven Central, with the hub's realm imported. No Docker.
#
#   keycloak.sh start|stop|status|clean
#
# Env: KEYCLOAK_PORT (18080; management on +1), KEYCLOAK_VERSION (26.5.6),
#      KEYCLOAK_START_TIMEOUT (240), KEYCLOAK_HEAP ("-Xms64m -Xmx768m"), JAVA_HOME.
# Prints OIDC_ISSUER_URL=… when the realm answers.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNTIME_ROOT="$SCRIPT_DIR/.runtime"
VERSION="${KEYCLOAK_VERSION:-26.5.6}"
PORT="${KEYCLOAK_PORT:-18080}"
MANAGEMENT_PORT=$((PORT + 1))
START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-240}"
HEAP="${KEYCLOAK_HEAP:--Xms64m -Xmx768m}"
REALM_FILE="$SCRIPT_DIR/ehc-hub-realm.json"
REALM="ehc-hub"

DIST_ZIP="$RUNTIME_ROOT/keycloak-quarkus-dist-$VERSION.zip"
# one installation per port: its H2 database lives inside it
HOME_DIR="$RUNTIME_ROOT/$PORT/keycloak-$VERSION"
PID_FILE="$RUNTIME_ROOT/$PORT/keycloak.pid"
LOG_FILE="$RUNTIME_ROOT/$PORT/keycloak.log"

log() { echo "[keycloak.sh] $*" >&2; }
fail() { echo "[keycloak.sh] ERROR: $*" >&2; exit 1; }
die() {
  echo "[keycloak.sh] ERROR: $*" >&2
  [[ -s "$LOG_FILE" ]] && { echo "----- last 60 lines of $LOG_FILE -----" >&2; tail -n 60 "$LOG_FILE" >&2; }
  exit 1
}

issuer() { echo "http://127.0.0.1:$PORT/realms/$REALM"; }
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
realm_answers() { curl -fsS -o /dev/null --max-time 3 "$(issuer)/.well-known/openid-configuration" 2>/dev/null; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch_dist() {
  [[ -s "$DIST_ZIP" ]] && return 0
  command -v mvn >/dev/null 2>&1 || fail "mvn not found; needed once to fetch Keycloak from Maven Central"
  mkdir -p "$RUNTIME_ROOT"
  log "fetching org.keycloak:keycloak-quarkus-dist:$VERSION:zip from Maven Central (about 165 MB, once)"
  mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -DoutputDirectory="$RUNTIME_ROOT" >&2 \
    || fail "Maven could not fetch org.keycloak:keycloak-quarkus-dist:$VERSION:zip"
}

install() {
  [[ -x "$HOME_DIR/bin/kc.sh" ]] && return 0
  fetch_dist
  mkdir -p "$RUNTIME_ROOT/$PORT"
  command -v unzip >/dev/null 2>&1 || fail "unzip not found"
  unzip -q -o "$DIST_ZIP" -d "$RUNTIME_ROOT/$PORT" || fail "could not unpack $DIST_ZIP"
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    wait_until_ready "$pid"; echo "OIDC_ISSUER_URL=$(issuer)"; return 0
  fi
  port_open "$PORT" && fail "port $PORT on 127.0.0.1 is already used by another process"
  command -v java >/dev/null 2>&1 || [[ -x "${JAVA_HOME:-}/bin/java" ]] || fail "java not found (Keycloak needs Java 17+)"
  install
  mkdir -p "$HOME_DIR/data/import"
  cp "$REALM_FILE" "$HOME_DIR/data/import/$REALM-realm.json"
  : >"$LOG_FILE"
  log "starting Keycloak $VERSION on 127.0.0.1:$PORT (realm $REALM)"
  JAVA_OPTS_KC_HEAP="$HEAP" setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$HOME_DIR/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$PORT" \
      --http-management-port="$MANAGEMENT_PORT" --import-realm </dev/null >>"$LOG_FILE" 2>&1 &
  sleep 1
  pid="$(cat "$PID_FILE")"
  wait_until_ready "$pid"
  echo "OIDC_ISSUER_URL=$(issuer)"
}

wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; die "Keycloak (pid $pid) exited during startup"; }
    realm_answers && { log "ready: $(issuer)"; return 0; }
    sleep 1
  done
  kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  die "realm $REALM not answering on 127.0.0.1:$PORT after ${START_TIMEOUT}s (killed pid $pid)"
}

cmd_stop() {
  local pid
  pid="$(running_pid)" || { log "not running"; rm -f "$PID_FILE"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && { kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; }
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)" && realm_answers; then echo "running (pid $pid) OIDC_ISSUER_URL=$(issuer)"; else echo "not running"; return 1; fi
}

# stop, and forget the realm's data (users, sessions): the next start imports the realm afresh
cmd_clean() {
  cmd_stop
  rm -rf "$RUNTIME_ROOT/$PORT"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  clean) cmd_clean ;;
  *) echo "usage: $0 start|stop|status|clean" >&2; exit 2 ;;
esac
