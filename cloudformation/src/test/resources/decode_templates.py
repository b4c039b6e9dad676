"""Decode CloudFormation templates with cfn-lint's own loader (it understands !Ref, !Sub, !If ...) and print
each one as a single JSON line. Reads one template path per line on stdin; answers one line per path:
{"path": ..., "template": {...}} or {"path": ..., "errors": [...]}. Used by CfnTemplateDecoder."""
import json
import sys

try:
    from cfnlint.decode import decode
except ImportError as exc:  # cfn-lint missing: say so on the first line and stop
    print(json.dumps({"ready": False, "error": "cannot import cfnlint in python3 (%s)" % exc}), flush=True)
    sys.exit(3)

print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    path = line.rstrip("\n")
    if not path:
        continue
    try:
        template, matches = decode(path)
        if matches or template is None:
            answer = {"path": path, "errors": [str(m) for m in matches] or ["template decoded to nothing"]}
        else:
            answer = {"path": path, "template": template}
    except Exception as exc:  # report, keep serving
        answer = {"path": path, "errors": [repr(exc)]}
    print(json.dumps(answer, default=str), flush=True)
