#!/usr/bin/env bash
# `npm audit --omit=dev`: no high or critical finding in what the hub ships (issue 11). A finding
# fails CI; an audit endpoint the registry does not serve (this machine kind's mirror answers 405)
# cannot run the audit at all, and says so plainly rather than passing as "no findings".
set -uo pipefail
out=$(npm audit --omit=dev --audit-level=high 2>&1)
rc=$?
printf '%s\n' "$out" | tail -n 40
if [ "$rc" -eq 0 ]; then
  echo "npm audit: no high or critical finding in the production dependencies"
  exit 0
fi
if printf '%s' "$out" | grep -q -e 'audit endpoint returned an error' -e 'ENOAUDIT' -e '405 Method Not Allowed'; then
  echo "NOTICE: npm audit could not run: the registry does not serve its audit endpoint here. Nothing was audited."
  exit 0
fi
echo "FAIL: npm audit found high or critical vulnerabilities in production dependencies (above)" >&2
exit 1
