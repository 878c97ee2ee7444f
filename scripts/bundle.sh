#!/usr/bin/env bash
# Builds hubspot-associations-mcp.mcpb (MCP Bundle): the bundled server (dist/cli.js and its chunks),
# the graph view (dist/ui/), undici, manifest.json. Then unpacks the bundle and checks that the server
# inside starts, speaks MCP and serves the view.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
bundle="${BUNDLE_OUT:-$root/hubspot-associations-mcp.mcpb}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

pkg_version="$(node -p "require('./package.json').version")"
manifest_version="$(node -p "require('./manifest.json').version")"
if [ "$pkg_version" != "$manifest_version" ]; then
  echo "manifest.json version $manifest_version differs from package.json version $pkg_version" >&2
  exit 1
fi

# SKIP_BUILD=1 packs the dist/ already built (the test suite does, so it never rewrites dist/ under other tests).
if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "==> build"
  npm run build
fi

echo "==> stage the bundled server in $work/stage"
# dist/cli.js and its chunks carry every dependency but undici (loaded on the first HubSpot
# request), so the bundle needs no node_modules beyond undici, which has no dependencies itself.
stage="$work/stage"
mkdir -p "$stage/dist" "$stage/node_modules"
cp dist/cli.js dist/cli.js.map "$stage/dist/"
cp dist/cli-chunk-*.js "$stage/dist/"
cp dist/cli-chunk-*.js.map "$stage/dist/" 2>/dev/null || true
# The MCP App's view, served by resources/read (src/resources.ts reads it from dist/ui/).
mkdir -p "$stage/dist/ui"
cp dist/ui/association-graph.html "$stage/dist/ui/"
cp -R node_modules/undici "$stage/node_modules/undici"
cp package.json manifest.json .mcpbignore "$stage/"
for doc in README.md LICENSE; do
  if [ -f "$doc" ]; then cp "$doc" "$stage/"; fi
done

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
    // A real HubSpot call (to the embedded sandbox) proves undici loads from the bundle.
    send({ id: 3, method: 'tools/call', params: { name: 'list_association_labels', arguments: { fromObjectType: 'contacts', toObjectType: 'companies' } } });
  } else if (message.id === 3) {
    if (message.result.isError) fail(`tools/call: ${JSON.stringify(message.result.content)}`);
    console.log(`tools/call: ${message.result.content[0].text}`);
    // The graph view ships in the bundle: resources/read serves it from dist/ui/.
    send({ id: 4, method: 'resources/read', params: { uri: 'ui://hubspot-associations/association-graph.html' } });
  } else if (message.id === 4) {
    const view = message.result.contents[0];
    if (view.mimeType !== 'text/html;profile=mcp-app' || !view.text.startsWith('<!doctype html>')) fail('no graph view');
    console.log(`resources/read: ${view.mimeType}, ${Buffer.byteLength(view.text)} bytes`);
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
