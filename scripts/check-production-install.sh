#!/usr/bin/env bash
# CI: the built server runs on the production dependency set alone (npm ci --omit=dev), as in the
# Docker image: it starts, is healthy, and answers a first message. A dev dependency used at run
# time fails here.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d)"
pid=""
cleanup() {
  # The server is stopped and waited for before its directory goes: it may still be writing state.
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

(cd "$root" && npm run --silent build)
mkdir -p "$dir/dist"
cp "$root/package.json" "$root/package-lock.json" "$dir/"
cp -r "$root/dist/src" "$root/dist/dialogs" "$dir/dist/"
cp -r "$root/knowledge" "$root/web" "$dir/"
# Install scripts skipped as in the Dockerfile: botbuilder-dialogs' postinstall only removes
# nested copies of a recognizer package, and the lock file has none.
(cd "$dir" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
if [ -d "$dir/node_modules/typescript" ] || [ -d "$dir/node_modules/tsx" ]; then
  echo "production install holds dev dependencies" >&2
  exit 1
fi

# The Node the server runs on in production is the image's (Node 24, see Dockerfile); here the one
# `npm ci` put in the checkout's node_modules (the `node` dev dependency), not the machine's own.
node24="$root/node_modules/.bin/node"
[ -x "$node24" ] || node24="$(command -v node)"
"$node24" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)' \
  || { echo "no Node 24 to run the production install on (run npm ci first)" >&2; exit 1; }

# A machine whose own Node is older: the start stops with one line naming the version it needs.
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)'; then
  set +e
  refusal="$(cd "$dir" && DATA_DIR="$dir/data" node dist/src/index.js 2>&1 >/dev/null)"
  code=$?
  set -e
  case "$code:$refusal" in
    "1:Unsupported Node.js $(node --version): the bot needs Node.js 24 LTS or later"*) echo "production install on $(node --version): refused with one line" ;;
    *) echo "on $(node --version) the start did not stop with one line (exit $code): $refusal" >&2; exit 1 ;;
  esac
fi

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
(cd "$dir" && PORT="$port" DATA_DIR="$dir/data" LOG_LEVEL=warn exec "$node24" --max-old-space-size=256 dist/src/index.js >"$dir/out.log" 2>&1) &
pid=$!
for _ in $(seq 1 200); do
  if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/out.log" >&2; echo "the production install did not start" >&2; exit 1; fi
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$dir/out.log" >&2; echo "not healthy within 20 s" >&2; exit 1; }
reply="$(curl -sf -X POST "http://127.0.0.1:$port/api/messages" -H 'content-type: application/json' \
  -d '{"type":"message","id":"a1","text":"hello","channelId":"test","serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies","from":{"id":"prod-check-user"},"recipient":{"id":"bot"},"conversation":{"id":"prod-check"}}')"
case "$reply" in
  *'"type":"message"'*) echo "production install on Node $("$node24" --version): healthy and answering on port $port" ;;
  *) echo "the production install did not answer a message: $reply" >&2; exit 1 ;;
esac
