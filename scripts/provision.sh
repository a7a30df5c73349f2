#!/usr/bin/env bash
# Idempotent provisioning of what RALF needs on a Debian 12/13 machine: apt packages, pgvector,
# Maven build. Sourced by ./ralf; every function is safe to call again.
set -euo pipefail

RALF_ROOT=${RALF_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
RALF_HOME=${RALF_HOME:-$RALF_ROOT/.ralf}
RALF_CACHE=${RALF_CACHE:-$RALF_HOME/cache}

say() { printf 'ralf: %s\n' "$*" >&2; }
die() { printf 'ralf: error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

_apt_updated=0
apt_update_once() {
    [ "$_apt_updated" = 1 ] && return 0
    # apt lists older than a day (or absent) are refreshed once per invocation.
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n1)" ]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
    fi
    _apt_updated=1
}

# ensure_packages PKG... : installs the Debian packages that are missing.
ensure_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! is_root; then
        die "missing packages; run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
    fi
    apt_update_once
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null; _apt_updated=1;
             DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } \
        || die "apt-get install ${missing[*]} failed"
}

debian_codename() { . /etc/os-release; echo "${VERSION_CODENAME:-unknown}"; }

# The PostgreSQL major the distribution ships (15 on bookworm, 17 on trixie).
pg_major() {
    if [ -n "${RALF_PG_MAJOR:-}" ]; then echo "$RALF_PG_MAJOR"; return; fi
    local newest
    newest=$(ls -1 /usr/lib/postgresql 2>/dev/null | sort -n | tail -n1)
    if [ -n "$newest" ]; then echo "$newest"; return; fi
    case "$(debian_codename)" in
        bookworm) echo 15 ;;
        trixie) echo 17 ;;
        *) apt_update_once; apt-cache depends postgresql 2>/dev/null | sed -n 's/.*Depends: postgresql-\([0-9]*\)$/\1/p' | head -n1 ;;
    esac
}

pg_bin() { echo "/usr/lib/postgresql/$(pg_major)/bin"; }

ensure_postgresql() {
    local major; major=$(pg_major)
    ensure_packages "postgresql-$major" "postgresql-contrib" || true
    ensure_pgvector
}

# The first Debian mirror the machine's own apt sources use.
debian_mirror() {
    local m
    m=$(grep -hoE '^URIs:[[:space:]]*\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
    [ -z "$m" ] && m=$(grep -hoE '^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?\S+' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | awk '{print $NF}' | grep -v security | head -n1 || true)
    echo "${m:-http://deb.debian.org/debian}"
}

ensure_pgvector() {
    local major sharedir; major=$(pg_major)
    sharedir=/usr/share/postgresql/$major
    [ -f "$sharedir/extension/vector.control" ] && return 0
    is_root || die "pgvector is missing; run ./ralf as root once (it builds pgvector from Debian's source package)"
    apt_update_once
    if apt-cache show "postgresql-$major-pgvector" >/dev/null 2>&1; then
        ensure_packages "postgresql-$major-pgvector"
        return 0
    fi
    # Debian 12 has no pgvector package: build it from trixie's source package with a private apt
    # configuration, leaving the system's sources untouched.
    ensure_packages "postgresql-server-dev-$major" build-essential dpkg-dev
    local work="$RALF_CACHE/pgvector" mirror; mirror=$(debian_mirror)
    mkdir -p "$work/lists/partial" "$work/sources.list.d" "$work/src"
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$work/sources.list"
    local aptopts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/sources.list.d"
                   -o "Dir::State::Lists=$work/lists" -o "APT::Sandbox::User=root")
    say "building pgvector from Debian's source package (trixie, $mirror)"
    apt-get "${aptopts[@]}" update -qq >/dev/null || die "could not read trixie deb-src from $mirror"
    rm -rf "$work/src" && mkdir -p "$work/src"
    (cd "$work/src" && apt-get "${aptopts[@]}" source -qq --download-only pgvector >/dev/null) \
        || die "apt-get source pgvector failed"
    (cd "$work/src" && dpkg-source -x --no-check ./*.dsc build >/dev/null) || die "could not unpack pgvector"
    make -s -C "$work/src/build" PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" >/dev/null 2>"$work/build.log" \
        || die "pgvector build failed, see $work/build.log"
    make -s -C "$work/src/build" PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" install >/dev/null 2>>"$work/build.log" \
        || die "pgvector install failed, see $work/build.log"
    [ -f "$sharedir/extension/vector.control" ] || die "pgvector installed but vector.control not found"
    say "pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "$sharedir/extension/vector.control") installed"
}

ensure_test_tools() {
    ensure_packages ansible prometheus prometheus-node-exporter bsdutils
}

# Builds the Maven reactor when sources changed since the last build (stamp in $RALF_HOME).
ensure_build() {
    command -v mvn >/dev/null || ensure_packages maven
    local stamp="$RALF_ROOT/cli/target/ralf-build.stamp" newest
    mkdir -p "$RALF_HOME"
    if [ -f "$stamp" ] && [ -f "$RALF_ROOT/cli/target/classpath.txt" ]; then
        newest=$(find "$RALF_ROOT" -path "$RALF_HOME" -prune -o -path '*/target' -prune -o -path '*/.git' -prune -o \
            \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)
        [ -z "$newest" ] && return 0
    fi
    say "building (mvn package, tests skipped)"
    (cd "$RALF_ROOT" && mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true package \
        dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl cli -am) >"$RALF_HOME/build.log" 2>&1 \
        || { tail -n 40 "$RALF_HOME/build.log" >&2; die "build failed, full log: $RALF_HOME/build.log"; }
    touch "$stamp"
}
