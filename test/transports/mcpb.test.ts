import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { getMcpConfigForManifest } from '@anthropic-ai/mcpb';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DESIGN_TOOLS } from '../helpers/designTools.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', root), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

/** What a bundle host (Claude Desktop) hands the server: mcp_config with user_config substituted. */
async function launchEnv(userConfig: Record<string, string | number | boolean>): Promise<NodeJS.ProcessEnv> {
  const mcpConfig = await getMcpConfigForManifest({
    manifest,
    extensionPath: '/bundle',
    systemDirs: { HOME: '/home/u', DESKTOP: '/d', DOCUMENTS: '/docs', DOWNLOADS: '/dl' },
    userConfig,
    pathSeparator: '/',
  });
  expect(mcpConfig?.args).toEqual(['/bundle/dist/cli.js']);
  return mcpConfig?.env ?? {};
}

describe('MCP bundle manifest', () => {
  it('passes `mcpb validate`', async () => {
    const { stdout } = await run('npx', ['--no-install', 'mcpb', 'validate', 'manifest.json'], {
      cwd: root,
      timeout: 60_000,
    });
    expect(stdout).toContain('Manifest schema validation passes');
  }, 90_000);

  it('matches package.json and lists the docs/DESIGN.md tools', () => {
    expect(manifest.name).toBe(pkg.name);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.server.entry_point).toBe(pkg.bin['hubspot-associations-mcp']);
    expect(manifest.compatibility.runtimes.node).toBe(pkg.engines.node);
    expect(manifest.tools.map((t: { name: string }) => t.name)).toEqual(DESIGN_TOOLS);
  });

  it('starts in sandbox mode with no token when the user only ticks Sandbox', async () => {
    const config = loadConfig([], await launchEnv({ sandbox: true }));
    expect(config).toMatchObject({ sandbox: true, readOnly: false, hubspot: { rateLimit: 100 } });
    expect(config.hubspot.accessToken).toBeUndefined();
  });

  it('passes the token, read-only, rate limit and base URL through', async () => {
    const env = await launchEnv({
      hubspot_access_token: 'pat-na1-abc',
      read_only: true,
      rate_limit: 190,
      api_base_url: 'https://proxy.example.com/',
      export_dir: '/Users/me/Exports',
    });
    const config = loadConfig([], env);
    expect(config).toMatchObject({
      sandbox: false,
      readOnly: true,
      hubspot: { accessToken: 'pat-na1-abc', rateLimit: 190, baseUrl: 'https://proxy.example.com' },
      export: { out: '/Users/me/Exports' },
    });
  });

  it('passes OAuth, tool groups, tools, log level and the auto rate limit through', async () => {
    const env = await launchEnv({
      oauth_client_id: 'client',
      oauth_client_secret: 'secret',
      oauth_refresh_token: 'refresh',
      toolsets: 'labels,journal',
      tools: 'find_records',
      rate_limit: 'auto',
      log_level: 'debug',
      import_dir: '/Users/me/Imports',
    });
    const config = loadConfig([], env);
    expect(config).toMatchObject({
      toolsets: ['labels', 'journal'],
      tools: ['find_records'],
      logLevel: 'debug',
      hubspot: {
        oauth: { clientId: 'client', clientSecret: 'secret', refreshToken: 'refresh' },
        rateLimit: 'auto',
      },
      import: { dir: '/Users/me/Imports' },
    });
    expect(config.hubspot.accessToken).toBeUndefined();
  });

  it('explains the missing token when neither a token nor Sandbox is set', async () => {
    const env = await launchEnv({});
    expect(() => loadConfig([], env)).toThrow(ConfigError);
    expect(() => loadConfig([], env)).toThrow(/HUBSPOT_ACCESS_TOKEN.*--sandbox/);
  });
});
