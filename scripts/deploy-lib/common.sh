# shellcheck shell=bash
# Shared by scripts/deploy, scripts/destroy and scripts/deploy-lib/sync-site: printing and running commands,
# option parsing helpers, reading CloudFormation stack outputs. Sourced, not run.

# die MESSAGE... : print "PROG: MESSAGE" on stderr and exit 1.
die() { printf '%s: %s\n' "$PROG" "$*" >&2; exit 1; }

# usage_error MESSAGE... : like die, plus a pointer to --help, exit 2.
usage_error() { printf '%s: %s\n%s: run "%s --help" for the options\n' "$PROG" "$*" "$PROG" "$PROG" >&2; exit 2; }

# need_value OPTION "$@" : fail unless the option has a value after it (and the value is not another option).
need_value() {
  if [[ $# -lt 2 || -z "$2" || "$2" == --* ]]; then
    usage_error "option $1 needs a value"
  fi
}

# shell_quote ARG... : print the arguments as one shell-ready line (plain words bare, others single-quoted).
shell_quote() {
  local out="" arg
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then
      out+="$arg "
    else
      out+="'${arg//\'/\'\\\'\'}' "
    fi
  done
  printf '%s\n' "${out% }"
}

STEP_NO=0
# step TOTAL TEXT : one progress line per step.
step() {
  STEP_NO=$((STEP_NO + 1))
  printf '==> [%d/%d] %s\n' "$STEP_NO" "$1" "$2"
}

# note TEXT : an indented remark under the current step.
note() { printf '    %s\n' "$*"; }

# run CMD... : print "+ CMD" and run it, unless DRY_RUN=true.
run() {
  printf '+ %s\n' "$(shell_quote "$@")"
  if [[ "${DRY_RUN:-false}" != true ]]; then
    "$@"
  fi
}

# capture PLACEHOLDER CMD... : for VAR=$(capture ...). Prints "+ CMD" on the script's stdout (fd 3, opened
# by init_output) and runs CMD, whose stdout becomes the result; in a dry run nothing runs and the result is
# PLACEHOLDER.
capture() {
  local placeholder=$1
  shift
  printf '+ %s\n' "$(shell_quote "$@")" >&3
  if [[ "${DRY_RUN:-false}" == true ]]; then
    printf '%s\n' "$placeholder"
  else
    "$@"
  fi
}

# init_output : keep a handle (fd 3) on stdout so commands run inside $(...) are still printed in order, and let
# set -e reach into $(...) so a failure inside a helper whose output is captured stops the script.
init_output() {
  exec 3>&1
  shopt -s inherit_errexit
}
