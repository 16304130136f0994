#!/usr/bin/env bash
# The README's run command, as a newcomer runs it: embedded PostgreSQL from npm, all services in one
# process. Signs in as a script would (a service account made with `npm run hub`, a token by client
# credentials from the hub's own provider), records a request, reads it back, stops with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SMOKE_PORT:-3999}
data=$(mktemp -d)
chmod 755 "$data"
log="$data/start.log"
# its own process group, so SIGTERM reaches node as well as npm, as a terminal's Ctrl-C or a
# container stop would
setsid env -u DATABASE_URL PORT=$port EHC_DATA_DIR="$data" EMBEDDED_PG_PORT=$((port + 50000 - 3000)) npm start >"$log" 2>&1 &
pid=$!
finish() {
  status=$?
  kill -TERM -- -$pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  if [ $status -ne 0 ]; then echo "--- npm start log (last 40 lines)"; tail -40 "$log"; fi
  rm -rf "$data"
}
trap finish EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "npm start exited:"; cat "$log"; exit 1; }
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health"; echo
# the first start creates the administrator and prints a one-time password, once
grep -q 'one-time password: ' "$log" || { echo "no first-run administrator printed:"; tail -20 "$log"; exit 1; }
# nothing answers without a token
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/needs-assessments")
[ "$status" = 401 ] || { echo "GET /needs-assessments without a token answered $status, not 401"; exit 1; }
# the workspace is served at /: before sign-in, only the way in
location=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$port/")
case "$location" in "303 "*"/sign-in?return=%2F") ;; *) echo "GET / answered '$location', not a 303 to /sign-in"; exit 1 ;; esac
curl -fsS "http://127.0.0.1:$port/sign-in" | grep -q 'Sign in to EHC Hub' || { echo "the workspace's sign-in page is not served"; exit 1; }
# the README's way in for a script: a service account, a token by client credentials, the API with it
client=$(env -u DATABASE_URL -u EHC_SCHEMA_PREFIX EHC_DATA_DIR="$data" EMBEDDED_PG_PORT=$((port + 50000 - 3000)) npm run --silent hub -- create-client --name smoke-test --roles caseworker)
client_id=$(printf '%s\n' "$client" | sed -n 's/^client id: *//p')
client_secret=$(printf '%s\n' "$client" | sed -n 's/^client secret: *//p')
token=$(curl -fsS -u "$client_id:$client_secret" -d grant_type=client_credentials "http://127.0.0.1:$port/oidc/token" \
  | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')
auth="Authorization: Bearer $token"
created=$(curl -fsS -X POST "http://127.0.0.1:$port/needs-assessments" -H "$auth" -H 'content-type: application/json' \
  -d '{"child":{"givenName":"Amara","familyName":"Okafor","dateOfBirth":"2019-03-14"},"requestedBy":"parent","receivedOn":"2026-01-05"}')
id=$(node -e 'console.log(JSON.parse(process.argv[1]).id)' "$created")
case=$(curl -fsS -H "$auth" "http://127.0.0.1:$port/needs-assessments/$id")
echo "$case"
node -e 'const c = JSON.parse(process.argv[1]); if (c.deadlines.decisionToAssess.due !== "2026-02-16") { console.error("wrong decision deadline"); process.exit(1); }' "$case"
kill -TERM -- -$pid
wait $pid || true
grep -q 'SIGTERM received' "$log" || { echo "no graceful shutdown:"; tail -20 "$log"; exit 1; }
echo "embedded smoke test passed"
