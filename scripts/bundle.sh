#!/usr/bin/env bash
# Builds hubspot-associations-mcp.mcpb (MCP Bundle): the built server, production dependencies only,
# manifest.json. Then unpacks the bundle and checks that the server inside starts and speaks MCP.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
bundle="$root/hubspot-associations-mcp.mcpb"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

pkg_version="$(node -p "require('./package.json').version")"
manifest_version="$(node -p "require('./manifest.json').version")"
if [ "$pkg_version" != "$manifest_version" ]; then
  echo "manifest.json version $manifest_version differs from package.json version $pkg_version" >&2
  exit 1
fi

echo "==> build"
npm run build

echo "==> stage production files in $work/stage"
stage="$work/stage"
mkdir -p "$stage"
cp -R dist package.json package-lock.json manifest.json .mcpbignore "$stage/"
for doc in README.md LICENSE; do
  if [ -f "$doc" ]; then cp "$doc" "$stage/"; fi
done
# A clean production install; if the lock file cannot drive `npm ci` here (out of sync, offline),
# prune a copy of the installed tree instead: the very packages the tests just ran against.
if ! (cd "$stage" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error); then
  echo "npm ci failed: pruning a copy of ./node_modules to production dependencies instead" >&2
  rm -rf "$stage/node_modules"
  cp -R node_modules "$stage/node_modules"
  (cd "$stage" && npm prune --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  find "$stage/node_modules" -mindepth 1 -type d -empty -delete
fi

echo "==> pack $bundle"
rm -f "$bundle"
npx mcpb pack "$stage" "$bundle"

echo "==> check the unpacked bundle"
unpacked="$work/unpacked"
npx mcpb unpack "$bundle" "$unpacked" >/dev/null
cli="$unpacked/dist/cli.js"
reported="$(node "$cli" --version)"
if [ "$reported" != "$pkg_version" ]; then
  echo "bundled server reports version '$reported', expected $pkg_version" >&2
  exit 1
fi

# initialize + tools/list over stdio against the embedded sandbox, then close stdin: the server must exit 0.
node --input-type=module - "$cli" <<'JS'
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const cli = process.argv[2];
const { HUBSPOT_ACCESS_TOKEN, ...env } = process.env;
const child = spawn(process.execPath, [cli, '--sandbox'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
const timer = setTimeout(() => fail('no answer within 30 s'), 30_000);
function fail(why) {
  console.error(`bundle check failed: ${why}`);
  child.kill();
  process.exit(1);
}
const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
child.on('exit', (code) => {
  if (code !== 0) fail(`server exited with code ${code}`);
  clearTimeout(timer);
  console.log('bundle check passed');
});
createInterface({ input: child.stdout }).on('line', (line) => {
  const message = JSON.parse(line);
  if (message.error) fail(`${message.id}: ${JSON.stringify(message.error)}`);
  if (message.id === 1) {
    console.log(`initialize: ${message.result.serverInfo.name} ${message.result.serverInfo.version}`);
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/list' });
  } else if (message.id === 2) {
    console.log(`tools/list: ${message.result.tools.length} tools`);
    if (message.result.tools.length === 0) fail('no tools listed');
    child.stdin.end();
  }
});
send({
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bundle-check', version: '0' } },
});
JS
echo "==> $bundle ($(du -h "$bundle" | cut -f1))"
