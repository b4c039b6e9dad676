# shellcheck shell=bash source-path=SCRIPTDIR
# Shared by scripts/edge-bundle and scripts/edge-replay: (re)builds the edge tools jar when it is missing or older
# than its sources (scripts/lib/tool-jar.sh), then runs it. Sourced, not executed.
set -euo pipefail

EDGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EDGE_TOOLS_JAR="$EDGE_ROOT/edge-auth/jvm/target/edge-auth-tools.jar"
# shellcheck source=tool-jar.sh
source "$EDGE_ROOT/scripts/lib/tool-jar.sh"

edge_tools_run() {
  local name=$1
  tool_jar_ready "$name" "$EDGE_TOOLS_JAR" edge-auth/jvm "$EDGE_ROOT/edge-auth/pom.xml" "$EDGE_ROOT/edge-auth/core" \
    "$EDGE_ROOT/edge-auth/edge" "$EDGE_ROOT/edge-auth/jvm"
  tool_jar_java "$name"
  exec java -jar "$EDGE_TOOLS_JAR" "$@"
}
