import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// These tests run the built CLI (`npm test` builds first; run `npm run build` before vitest alone).
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const execFileAsync = promisify(execFile);

/** The parent's environment minus anything that could configure the CLI by accident. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(HUBSPOT_|MCP_|REDIS_URL$|LOG_LEVEL$|PRIVATE_APP_ACCESS_TOKEN$)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

async function runCli(args: string[], env: NodeJS.ProcessEnv = cleanEnv()) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], {
      env,
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: e.code ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function spawnCli(args: string[], env = cleanEnv()) {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves with the first stderr line matching `pattern`; rejects if the CLI exits first. */
  const waitForLine = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no stderr line matching ${pattern}; got:\n${stderr}`)),
        timeoutMs,
      );
      const check = () => {
        const line = stderr.split('\n').find((l) => pattern.test(l));
        if (line) {
          clearTimeout(timer);
          child.stderr.off('data', check);
          resolve(line);
        }
      };
      child.stderr.on('data', check);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`CLI exited with ${code} before printing ${pattern}; stderr:\n${stderr}`));
      });
      check();
    });
  /** The first JSON-RPC message on stdout with this id (log notifications may come first). */
  const responseTo = (id: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      let buffered = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffered += chunk;
        for (const line of buffered.split('\n').slice(0, -1)) {
          const message = JSON.parse(line) as Record<string, unknown>;
          if (message.id === id) resolve(message);
        }
        buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      });
      void exited.then((code) => reject(new Error(`CLI exited with ${code}; stderr:\n${stderr}`)));
    });
  return { child, exited, waitForLine, responseTo, stderr: () => stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
});

describe('CLI contract: usage errors', () => {
  it('without a token or --sandbox: exit 2, one stderr line naming HUBSPOT_ACCESS_TOKEN and --sandbox, empty stdout', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('HUBSPOT_ACCESS_TOKEN');
    expect(lines[0]).toContain('--sandbox');
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('export without a token fails the same way', async () => {
    const { code, stderr } = await runCli(['export', '--objects', 'contacts']);
    expect(code).toBe(2);
    expect(stderr).toContain('HUBSPOT_ACCESS_TOKEN');
  });

  it('an unknown flag: exit 2 naming the flag', async () => {
    const { code, stdout, stderr } = await runCli(['--sandbox', '--frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--frobnicate');
  });

  it('an unknown --tools name: exit 2, one line listing the valid names', async () => {
    const { code, stdout, stderr } = await runCli(['--sandbox', '--tools', 'associate_records,frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/unknown tool name\(s\) in --tools: frobnicate; valid: .*associate_records/);
  });

  it('HTTP on a non-loopback host without MCP_HTTP_TOKEN: refuses to start', async () => {
    const { code, stderr } = await runCli(['--http', '--host', '0.0.0.0', '--sandbox']);
    expect(code).toBe(2);
    expect(stderr).toContain('MCP_HTTP_TOKEN');
  });

  it('--help and --version print to stdout and exit 0, without credentials', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const text of [
      '--http',
      '--sandbox',
      '--read-only',
      '--tools',
      'sandbox',
      'export',
      'HUBSPOT_ACCESS_TOKEN',
    ]) {
      expect(help.stdout).toContain(text);
    }
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });
});

describe('CLI: serving', () => {
  it('serves MCP over stdio with --sandbox; stdout carries protocol only, stderr JSON logs', async () => {
    const stderrChunks: string[] = [];
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, '--sandbox'],
      env: cleanEnv() as Record<string, string>,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => stderrChunks.push(chunk.toString()));
    const client = new Client({ name: 'cli-test', version: '1.0.0' });
    const protocolErrors: Error[] = [];
    client.onerror = (error) => protocolErrors.push(error); // a non-JSON line on stdout would land here
    await client.connect(transport);

    expect(client.getServerVersion()?.name).toBe('hubspot-associations-mcp');
    expect(client.getInstructions()).toContain('sandbox: true');
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    expect(protocolErrors).toEqual([]);
    await client.close();
    for (const line of stderrChunks.join('').trimEnd().split('\n'))
      expect(() => JSON.parse(line)).not.toThrow();
  });

  it('exits 0 by itself when the stdio client closes stdin', async () => {
    const cli = spawnCli(['--sandbox']);
    const answered = cli.responseTo(1);
    cli.child.stdin!.write(
      `${JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'raw', version: '0' },
        },
      })}\n`,
    );
    expect(await answered).toMatchObject({
      id: 1,
      result: { serverInfo: { name: 'hubspot-associations-mcp' } },
    });
    cli.child.stdin!.end();
    expect(await cli.exited).toBe(0);
  });

  it('serves Streamable HTTP on an ephemeral port and shuts down cleanly on SIGTERM', async () => {
    const token = 'cli-http-token-0123456789';
    const cli = spawnCli(['--http', '--port', '0', '--sandbox'], cleanEnv({ MCP_HTTP_TOKEN: token }));
    const line = await cli.waitForLine(/MCP server listening/);
    const url = JSON.parse(line).data.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(cli.stderr()).not.toContain(token);

    const client = new Client({ name: 'cli-http-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);

    // The same server refuses a client without the bearer, and a foreign Origin even with it.
    const init = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    expect((await fetch(url, { method: 'POST', headers, body: init })).status).toBe(401);
    const foreign = await fetch(url, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${token}`, origin: 'https://evil.example' },
      body: init,
    });
    expect(foreign.status).toBe(403);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('HTTP honours MCP_HTTP_MAX_SESSIONS (503 + Retry-After) and MCP_HTTP_SESSION_IDLE_S (the idle session is closed)', async () => {
    const cli = spawnCli(
      ['--http', '--port', '0', '--sandbox', '--log-level', 'debug'],
      cleanEnv({ MCP_HTTP_MAX_SESSIONS: '1', MCP_HTTP_SESSION_IDLE_S: '1' }),
    );
    const url = JSON.parse(await cli.waitForLine(/MCP server listening/)).data.url as string;
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const init = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    });
    const initialize = async () => {
      const res = await fetch(url, { method: 'POST', headers, body: init });
      await res.text();
      return res;
    };
    const first = await initialize();
    expect(first.status).toBe(200);
    const sessionId = first.headers.get('mcp-session-id')!;
    const refused = await initialize();
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The first session expires after 1 s without requests; the deadline only bounds a broken run.
    const deadline = Date.now() + 15_000;
    while ((await initialize()).status !== 200) {
      if (Date.now() > deadline) throw new Error(`the idle session was not closed; stderr:\n${cli.stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(cli.stderr()).toContain('closing idle session');
    expect(cli.stderr()).not.toContain(sessionId);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('`sandbox` runs the portal alone, prints its URL and token, and stops on SIGINT', async () => {
    const cli = spawnCli(['sandbox', '--port', '0', '--token', 'demo-token-1']);
    const line = await cli.waitForLine(/listening at/);
    const url = /(http:\/\/\S+?)[\s,;)]/.exec(line)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(line).toContain('demo-token-1');

    const unauthorized = await fetch(`${url}/crm/v4/associations/contacts/companies/labels`);
    expect(unauthorized.status).toBe(401);
    const authorized = await fetch(`${url}/crm/v4/associations/contacts/companies/labels`, {
      headers: { Authorization: 'Bearer demo-token-1' },
    });
    expect(authorized.status).toBe(200);

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });
});
