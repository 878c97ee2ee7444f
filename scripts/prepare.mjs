// npm's `prepare` hook: builds dist/ when it is missing or older than the sources, so
// `npm install -g github:…` and `npx github:…` (which run prepare in a fresh clone) get a working
// CLI, while `npm ci` in a built clone costs nothing more.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'packages/hubspot-sandbox/src', 'package.json'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

// The CLI and the MCP App's view (scripts/build-ui.ts) are both built: the older of the two counts.
const OUTPUTS = ['dist/cli.js', 'dist/ui/association-graph.html'];
const built = Math.min(...OUTPUTS.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
if (!existsSync('src') || built >= Math.max(...SOURCES.filter(existsSync).map(newest))) process.exit(0);

// `npm install -g <git url>` in npm 11 prepares the clone with the global install's settings in
// the environment, so the devDependencies the build needs land elsewhere (npm/cli#8440, fixed by
// pacote passing --global=false): install from a clone, or with `npx`, until that npm is current.
execFileSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
