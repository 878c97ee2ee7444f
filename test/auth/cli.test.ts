/** The built CLI in team mode (cli.ts wiring): a person signs in and calls a tool; stateless mode too. */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../helpers/mcp.js';
import { freePort } from '../helpers/redis.js';
import { signIn } from './team.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
let sandbox: Sandbox;
const children: ChildProcess[] = [];
let stateDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ users: ['a@x.example'] });
  stateDir = await mkdtemp(join(tmpdir(), 'hsmcp-team-cli-'));
});
afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await sandbox?.close();
  await rm(stateDir, { recursive: true, force: true });
});

async function serve(extraArgs: string[] = []): Promise<{ url: string; stderr: () => string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/mcp`;
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(HUBSPOT_|MCP_|REDIS_)/.test(k)) base[k] = v;
  const child = spawn(process.execPath, [CLI, '--http', '--port', String(port), ...extraArgs], {
    env: {
      ...base,
      MCP_HTTP_AUTH: 'oauth',
      MCP_PUBLIC_URL: url,
      MCP_OAUTH_KEY: randomBytes(32).toString('base64'),
      HUBSPOT_CLIENT_ID: 'sandbox-client-id',
      HUBSPOT_CLIENT_SECRET: 'sandbox-client-secret',
      HUBSPOT_API_BASE_URL: sandbox.url,
      HUBSPOT_STATE_DIR: join(stateDir, String(port)),
      LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const check = () => (stderr.includes('MCP server listening') ? resolve() : undefined);
    child.stderr!.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { url, stderr: () => stderr };
}

describe('hubspot-associations-mcp --http with MCP_HTTP_AUTH=oauth', () => {
  it.each([[[]], [['--stateless']]])('signs a person in and acts as them (%j)', async (args) => {
    const server = await serve(args);
    const a = await signIn(server, 'a@x.example');
    try {
      const checked = await callTool(a.client, 'check_connection', {});
      expect(checked.data).toMatchObject({ auth: 'oauth', user: 'a@x.example' });
      expect(server.stderr()).toContain('"auth":"oauth"');
      const tokens = a.provider.tokens()!;
      expect(server.stderr()).not.toContain(tokens.access_token);
      expect(server.stderr()).not.toMatch(/sandbox-(user|refresh)-/);
    } finally {
      await a.close();
    }
  });
});
