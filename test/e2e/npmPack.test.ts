/**
 * The package as npm would publish it: `npm pack` of the built tree (npm test builds first),
 * installed globally into a temporary prefix, then its bin run from another directory over stdio
 * by an SDK client. The runtime dependencies come from the npm cache (`--prefer-offline`; the
 * registry when the cache lacks them); the sandbox workspace package is bundled into dist/cli.js,
 * so the installed tree has no hubspot-sandbox.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../src/tools/index.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NAME = 'hubspot-associations-mcp';

interface PackResult {
  filename: string;
  files: Array<{ path: string }>;
}

describe('npm pack → npm install -g → the bin over stdio', () => {
  let dir: string;
  let packed: PackResult;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsmcp-pack-'));
    // --ignore-scripts: pack the dist/ already built instead of running `prepare` under other tests.
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
      timeout: 120_000,
      maxBuffer: 20 * 1024 * 1024,
    });
    packed = (JSON.parse(stdout) as PackResult[])[0]!;
  }, 150_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('ships dist (the graph view too), the manifest, README, LICENSE and the host docs; no sources, tests, maps or secrets', () => {
    const paths = packed.files.map((f) => f.path);
    for (const file of [
      'dist/cli.js',
      'dist/ui/association-graph.html',
      'manifest.json',
      'README.md',
      'LICENSE',
      'docs/hosts.md',
      'package.json',
    ])
      expect(paths).toContain(file);
    expect(
      paths.filter(
        (p) =>
          !/^(dist\/|manifest\.json$|README\.md$|LICENSE$|docs\/(hosts|README)\.md$|package\.json$)/.test(p),
      ),
    ).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.map') || /\.env|\.npmrc|\.test\./.test(p))).toEqual([]);
  });

  it('installs into a prefix and answers tools/list and a tool call from another directory', async () => {
    const prefix = join(dir, 'prefix');
    await run(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        join(dir, packed.filename),
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
      ],
      { cwd: dir, timeout: 240_000, maxBuffer: 20 * 1024 * 1024 },
    );
    const installed = join(prefix, 'lib', 'node_modules', NAME);
    expect(existsSync(join(installed, 'dist', 'cli.js'))).toBe(true);
    expect(existsSync(join(installed, 'node_modules', 'hubspot-sandbox'))).toBe(false);

    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere);
    const bin = process.platform === 'win32' ? join(prefix, `${NAME}.cmd`) : join(prefix, 'bin', NAME);
    const transport = new StdioClientTransport({
      command: bin,
      args: ['--sandbox'],
      cwd: elsewhere,
      // Only what a host passes: the installed bin must find its node and nothing of this checkout.
      env: { PATH: process.env.PATH ?? '', HOME: elsewhere },
      stderr: 'ignore',
    });
    const client = new Client({ name: 'pack-test', version: '0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(TOOL_NAMES);
      const result = await client.callTool({ name: 'check_connection', arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({
        portalId: 12345678,
        auth: 'sandbox',
        missingScopes: [],
      });
      // The MCP App's view is in the installed package and served from it.
      const view = await client.readResource({ uri: 'ui://hubspot-associations/association-graph.html' });
      expect(view.contents[0]).toMatchObject({ mimeType: 'text/html;profile=mcp-app' });
      expect(String((view.contents[0] as { text?: string }).text)).toMatch(/^<!doctype html>/);
    } finally {
      await client.close();
    }
  }, 300_000);
});
