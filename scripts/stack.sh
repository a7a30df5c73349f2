#!/usr/bin/env bash
# The local stack: a private PostgreSQL cluster (with pgvector, logical replication) and a
# single-node KRaft Kafka broker, both under $RALF_HOME. Sourced by ./ralf.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"

RALF_PG_PORT=${RALF_PG_PORT:-5433}
RALF_PG_HOST=127.0.0.1
RALF_PG_DB=${RALF_PG_DB:-ralf}
RALF_PG_PASSWORD=${RALF_PG_PASSWORD:-ralf}                  # for ralf_admin / ralf_app / ralf_cdc (loopback dev stack)
RALF_PG_SUPERUSER_PASSWORD=${RALF_PG_SUPERUSER_PASSWORD:-ralf-super}
RALF_KAFKA_PORT=${RALF_KAFKA_PORT:-9092}
RALF_KAFKA_CONTROLLER_PORT=${RALF_KAFKA_CONTROLLER_PORT:-$((RALF_KAFKA_PORT + 1))}
RALF_KAFKA_HEAP=${RALF_KAFKA_HEAP:-768m}

PG_DIR="$RALF_HOME/pg"
# the cluster may live elsewhere (see pg_prepare_dir): always use its real path, which the
# postgres user can reach even when it cannot enter $RALF_HOME
[ -L "$PG_DIR" ] && PG_DIR=$(readlink -f "$PG_DIR")
KAFKA_DIR="$RALF_HOME/kafka"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Runs a command as the PostgreSQL OS user when we are root (PostgreSQL refuses to run as root).
# Runs a PostgreSQL tool as the postgres user. From / so that a checkout in a directory the
# postgres user cannot enter does not make every tool print "could not change directory".
as_pg() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

pg_running() { [ -f "$PG_DIR/data/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; }

# The data directory must be reachable by the postgres user. If $RALF_HOME lies below a directory
# it cannot enter (/root, say), the cluster lives in /var/lib/ralf and $RALF_HOME/pg links to it.
pg_prepare_dir() {
    mkdir -p "$RALF_HOME"
    if [ -L "$RALF_HOME/pg" ] || [ -d "$PG_DIR/data" ]; then return 0; fi
    mkdir -p "$PG_DIR"
    if is_root; then
        chown postgres:postgres "$PG_DIR"
        if ! runuser -u postgres -- test -w "$PG_DIR"; then
            rmdir "$PG_DIR"
            local alt; alt="/var/lib/ralf/pg-$(printf '%s' "$RALF_HOME" | md5sum | cut -c1-12)"
            mkdir -p "$alt" && chown postgres:postgres "$alt"
            ln -s "$alt" "$PG_DIR"
            PG_DIR="$alt"
            say "postgres cannot enter $RALF_HOME; cluster data in $alt"
        fi
    fi
}

pg_connection_file() {
    cat > "$RALF_HOME/connection.properties" <<PROPS
# Written by ./ralf stack up: how to reach the local stack (read by tests and the CLI).
pg.url=jdbc:postgresql://$RALF_PG_HOST:$RALF_PG_PORT/$RALF_PG_DB
pg.admin.url=jdbc:postgresql://$RALF_PG_HOST:$RALF_PG_PORT/postgres
pg.superuser=postgres
pg.superuser.password=$RALF_PG_SUPERUSER_PASSWORD
pg.user=ralf_admin
pg.password=$RALF_PG_PASSWORD
pg.app.user=ralf_app
pg.cdc.user=ralf_cdc
kafka.bootstrap=127.0.0.1:$RALF_KAFKA_PORT
PROPS
    chmod 600 "$RALF_HOME/connection.properties"
}

pg_up() {
    ensure_postgresql
    pg_prepare_dir
    local bin; bin=$(pg_bin)
    if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
        say "initialising PostgreSQL $(pg_major) cluster in $PG_DIR/data"
        local pwfile; pwfile=$(mktemp); printf '%s\n' "$RALF_PG_SUPERUSER_PASSWORD" > "$pwfile"
        is_root && chown postgres "$pwfile"
        as_pg "$bin/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >"$RALF_HOME/pg-initdb.log" 2>&1 \
            || { rm -f "$pwfile"; die "initdb failed, see $RALF_HOME/pg-initdb.log"; }
        rm -f "$pwfile"
        as_pg sh -c "cat >> '$PG_DIR/data/postgresql.conf'" <<CONF
# --- RALF local stack ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
wal_level = logical
max_replication_slots = 20
max_wal_senders = 20
max_connections = 200
shared_buffers = 256MB
fsync = on
CONF
        as_pg sh -c "cat >> '$PG_DIR/data/pg_hba.conf'" <<HBA
host    replication     ralf_cdc        127.0.0.1/32            scram-sha-256
host    replication     postgres        127.0.0.1/32            scram-sha-256
HBA
    fi
    # port is read every start so that RALF_PG_PORT can change between runs
    if pg_running; then
        say "PostgreSQL already running"
    else
        if port_busy "$RALF_PG_PORT"; then
            die "port $RALF_PG_PORT is busy (another PostgreSQL?); set RALF_PG_PORT to a free port"
        fi
        as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -o "-p $RALF_PG_PORT" -l "$PG_DIR/server.log" -w -t 60 start >/dev/null \
            || die "PostgreSQL did not start, see $PG_DIR/server.log"
        say "PostgreSQL $(pg_major) up on $RALF_PG_HOST:$RALF_PG_PORT"
    fi
    pg_bootstrap
    pg_connection_file
}

psql_su() { as_pg "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$RALF_PG_PORT" -U postgres "$@"; }

# Roles, database and extension; idempotent. Migrations are applied by the Java side (Flyway).
pg_bootstrap() {
    psql_su -d postgres >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ralf_admin') THEN CREATE ROLE ralf_admin LOGIN CREATEDB; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ralf_app') THEN CREATE ROLE ralf_app LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ralf_cdc') THEN CREATE ROLE ralf_cdc LOGIN REPLICATION; END IF;
END \$\$;
ALTER ROLE ralf_admin PASSWORD '$RALF_PG_PASSWORD';
ALTER ROLE ralf_app PASSWORD '$RALF_PG_PASSWORD';
ALTER ROLE ralf_cdc PASSWORD '$RALF_PG_PASSWORD';
SQL
    if [ -z "$(psql_su -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$RALF_PG_DB'")" ]; then
        psql_su -d postgres -c "CREATE DATABASE $RALF_PG_DB OWNER ralf_admin" >/dev/null
    fi
    psql_su -d "$RALF_PG_DB" -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS vector" >/dev/null
}

pg_down() {
    if pg_running; then
        as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null && say "PostgreSQL stopped"
    fi
}

kafka_classpath() {
    local cpfile="$RALF_ROOT/scripts/kafka-broker/target/classpath.txt" pom="$RALF_ROOT/scripts/kafka-broker/pom.xml"
    if [ ! -s "$cpfile" ] || [ "$pom" -nt "$cpfile" ] || [ "$RALF_ROOT/pom.xml" -nt "$cpfile" ]; then
        command -v mvn >/dev/null || ensure_packages maven
        mkdir -p "$KAFKA_DIR" "$(dirname "$cpfile")"
        (cd "$RALF_ROOT/scripts/kafka-broker" && mvn -B -q -ntp dependency:build-classpath \
            -Dmdep.outputFile="$cpfile") >"$KAFKA_DIR/resolve.log" 2>&1 \
            || die "could not resolve the Kafka broker from Maven, see $KAFKA_DIR/resolve.log"
    fi
    cat "$cpfile"
}

kafka_pid() { [ -f "$KAFKA_DIR/kafka.pid" ] && cat "$KAFKA_DIR/kafka.pid" || true; }
kafka_running() { local p; p=$(kafka_pid); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

kafka_up() {
    mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
    if kafka_running; then say "Kafka already running (pid $(kafka_pid))"; return 0; fi
    for p in "$RALF_KAFKA_PORT" "$RALF_KAFKA_CONTROLLER_PORT"; do
        port_busy "$p" && die "port $p is busy; set RALF_KAFKA_PORT to a free port (controller uses port+1)"
    done
    local cp; cp=$(kafka_classpath)
    cat > "$KAFKA_DIR/server.properties" <<PROPS
# Written by ./ralf stack up: single-node KRaft broker (combined broker,controller).
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$RALF_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$RALF_KAFKA_PORT,CONTROLLER://127.0.0.1:$RALF_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$RALF_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
transaction.max.timeout.ms=900000
log.retention.check.interval.ms=60000
PROPS
    local java=(java -Xms256m "-Xmx$RALF_KAFKA_HEAP" -XX:+UseG1GC -Dkafka.logs.dir="$KAFKA_DIR/logs"
                -Dlog4j2.configurationFile="$RALF_ROOT/scripts/kafka-broker/log4j2.properties" -cp "$cp")
    if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
        [ -s "$KAFKA_DIR/cluster.id" ] || "${java[@]}" kafka.tools.StorageTool random-uuid > "$KAFKA_DIR/cluster.id" 2>/dev/null
        "${java[@]}" kafka.tools.StorageTool format -t "$(cat "$KAFKA_DIR/cluster.id")" \
            -c "$KAFKA_DIR/server.properties" --standalone --ignore-formatted >"$KAFKA_DIR/logs/format.log" 2>&1 \
            || die "Kafka storage format failed, see $KAFKA_DIR/logs/format.log"
    fi
    # setsid: the broker gets its own session, so it outlives this shell and is stopped only by 'stack down'
    setsid nohup "${java[@]}" kafka.Kafka "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/logs/console.log" 2>&1 < /dev/null &
    echo $! > "$KAFKA_DIR/kafka.pid"
    local i
    for i in $(seq 1 120); do
        if ! kafka_running; then tail -n 20 "$KAFKA_DIR/logs/console.log" >&2; die "Kafka exited during start, see $KAFKA_DIR/logs"; fi
        if port_busy "$RALF_KAFKA_PORT" && grep -q 'Kafka Server started\|KafkaRaftServer.*started' "$KAFKA_DIR/logs/server.log" 2>/dev/null; then
            say "Kafka $(kafka_version) up on 127.0.0.1:$RALF_KAFKA_PORT (pid $(kafka_pid))"; return 0
        fi
        sleep 0.5
    done
    die "Kafka did not become ready within 60 s, see $KAFKA_DIR/logs/server.log"
}

kafka_version() { kafka_classpath | tr ':' '\n' | sed -n 's#.*/kafka_2.13-\([0-9.]*\)\.jar#\1#p' | head -n1; }

kafka_down() {
    local p; p=$(kafka_pid)
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
        kill -TERM "$p"
        local i
        for i in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$p" 2>/dev/null && { say "Kafka did not stop in 30 s; killing"; kill -KILL "$p"; }
        say "Kafka stopped"
    fi
    rm -f "$KAFKA_DIR/kafka.pid"
}

stack_status() {
    local rc=0
    if pg_running; then
        printf '%-11s %-8s %-22s %s\n' postgresql up "$RALF_PG_HOST:$RALF_PG_PORT" \
            "$(psql_su -d postgres -tAc 'SHOW server_version' 2>/dev/null | cut -d' ' -f1), pgvector $(psql_su -d "$RALF_PG_DB" -tAc "SELECT extversion FROM pg_extension WHERE extname='vector'" 2>/dev/null)"
    else
        printf '%-11s %-8s %-22s\n' postgresql down "$RALF_PG_HOST:$RALF_PG_PORT"; rc=1
    fi
    if kafka_running && port_busy "$RALF_KAFKA_PORT"; then
        printf '%-11s %-8s %-22s %s\n' kafka up "127.0.0.1:$RALF_KAFKA_PORT" "$(kafka_version) (KRaft, pid $(kafka_pid))"
    else
        printf '%-11s %-8s %-22s\n' kafka down "127.0.0.1:$RALF_KAFKA_PORT"; rc=1
    fi
    return $rc
}

stack_reset() {
    kafka_down; pg_down
    local target; target=$(readlink -f "$PG_DIR" 2>/dev/null || true)
    rm -rf "$KAFKA_DIR/data" "$KAFKA_DIR/cluster.id" "$RALF_HOME/connection.properties"
    [ -n "$target" ] && rm -rf "$target"
    rm -rf "$PG_DIR"
    say "stack data removed from $RALF_HOME"
}
