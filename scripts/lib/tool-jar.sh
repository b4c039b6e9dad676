# shellcheck shell=bash
# Sourced by the wrappers of the Java tools (edge-bundle, edge-replay, fuzz, paying-customers): builds a tool's
# self-contained jar when it is missing or older than its sources, with one message and one exit code for every way
# that can fail.
#
# tool_jar_ready NAME JAR MAVEN_MODULE INPUT...
#   NAME          the wrapper's name, for messages
#   JAR           the jar the module's package phase writes
#   MAVEN_MODULE  the module to build (-pl MODULE -am)
#   INPUT...      the sources the jar is made from; the root pom is always one
# On failure it exits 12, the wrappers' shared code for "could not build or start the tool" (the tools' own exit
# codes are all below 12, so a caller can tell the two apart).

TOOL_JAR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOL_JAR_FAILED=12

tool_jar_fail() {
  echo "$1: error: $2" >&2
  exit "$TOOL_JAR_FAILED"
}

tool_jar_ready() {
  local name=$1 jar=$2 module=$3
  shift 3
  local reason
  reason="$("$TOOL_JAR_ROOT/scripts/lib/stale" "$jar" "$TOOL_JAR_ROOT/pom.xml" "$@")"
  [[ -z "$reason" ]] && return 0
  command -v mvn >/dev/null 2>&1 ||
    tool_jar_fail "$name" "the tool's jar is $reason and Maven (mvn) is not on PATH to build it (install Maven 3.8+)"
  echo "$name: building the tool (jar $reason)..." >&2
  # Maven's output goes to stderr, so stdout stays the tool's own (JSON, replay lines).
  (cd "$TOOL_JAR_ROOT" && mvn -q -B -ntp -pl "$module" -am package -DskipTests >&2) ||
    tool_jar_fail "$name" "building $module failed (see Maven's output above)"
  [[ -f "$jar" ]] || tool_jar_fail "$name" "the build finished but $jar is missing"
}

tool_jar_java() {
  command -v java >/dev/null 2>&1 || tool_jar_fail "$1" "'java' is not on PATH (install a JDK or JRE 17+)"
}
