#!/usr/bin/env bash
# The `aws` on the deploy tests' PATH: hands each call to the simulated account (fake_aws.py --serve, listening on
# 127.0.0.1:$FAKE_AWS_PORT) and prints its answer; S3 calls it is told to run with the real AWS CLI against moto.
set -euo pipefail
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
exec 9<>"/dev/tcp/127.0.0.1/${FAKE_AWS_PORT:?}"
printf '%s\0' "$out" "$err" "${FAKE_AWS_WARN:-}" "$#" "$@" >&9
read -r code <&9
exec 9<&-
cat "$out"
cat "$err" >&2
if [[ "$code" == real ]]; then
  rm -f "$out" "$err"
  exec "${REAL_AWS:?}" --endpoint-url "${FAKE_AWS_MOTO:?}" "$@"
fi
exit "$code"
