import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../src/tools/index.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/bundle.sh', import.meta.url));

describe('npm run bundle', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsmcp-bundle-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // The script packs the built dist/ (npm test builds first), unpacks the .mcpb and drives the
  // server inside over stdio: initialize, tools/list, a tools/call that reaches the sandbox, and
  // resources/read of the graph view.
  it('produces a .mcpb whose server starts, lists the tools and answers a call', async () => {
    const out = join(dir, 'test.mcpb');
    const { stdout } = await run('bash', [SCRIPT], {
      env: { ...process.env, SKIP_BUILD: '1', BUNDLE_OUT: out },
      timeout: 120_000,
      maxBuffer: 20 * 1024 * 1024,
    });
    expect(stdout).toMatch(new RegExp(`tools/list: ${TOOL_NAMES.length} tools`));
    expect(stdout).toMatch(/tools\/call: \[sandbox\] \d+ association types for contacts→companies/);
    // The MCP App's view ships in the bundle and is served from it.
    expect(stdout).toMatch(/resources\/read: text\/html;profile=mcp-app, \d+ bytes/);
    expect(stdout).toMatch(/bundle check passed/);
    expect(existsSync(out)).toBe(true);
  }, 150_000);
});
