# Shared by scripts/edge-bundle and scripts/edge-replay: locate the repository, (re)build the edge tools jar when it
# is missing or older than its sources, then run it. Sourced, not executed.
set -euo pipefail

EDGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EDGE_TOOLS_JAR="$EDGE_ROOT/edge-auth/jvm/target/edge-auth-tools.jar"

edge_tools_build_if_stale() {
  local stale=""
  if [[ ! -f "$EDGE_TOOLS_JAR" ]]; then
    stale="missing"
  elif [[ -n "$(find "$EDGE_ROOT/pom.xml" "$EDGE_ROOT/edge-auth/pom.xml" \
                     "$EDGE_ROOT/edge-auth/core" "$EDGE_ROOT/edge-auth/edge" "$EDGE_ROOT/edge-auth/jvm" \
                     -path '*/target' -prune -o -type f -newer "$EDGE_TOOLS_JAR" -print -quit)" ]]; then
    stale="older than its sources"
  fi
  if [[ -n "$stale" ]]; then
    command -v mvn >/dev/null 2>&1 || { echo "$(basename "$0"): error: the edge tools jar is $stale and Maven (mvn) is not on PATH to build it" >&2; exit 1; }
    echo "$(basename "$0"): building the edge tools (jar $stale)..." >&2
    (cd "$EDGE_ROOT" && mvn -q -B -ntp -pl edge-auth/jvm -am package -DskipTests >&2) \
      || { echo "$(basename "$0"): error: building the edge tools failed (see Maven's output above)" >&2; exit 1; }
  fi
}

edge_tools_run() {
  edge_tools_build_if_stale
  exec java -jar "$EDGE_TOOLS_JAR" "$@"
}
