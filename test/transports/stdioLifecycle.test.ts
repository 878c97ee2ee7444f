import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// The built CLI as a host starts it (`npm test` builds first; run `npm run build` before vitest alone).
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Generous: only bounds a broken run; nothing here asserts how fast anything is. */
const EXIT_DEADLINE_MS = 10_000;

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
});

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(HUBSPOT_|MCP_|REDIS_URL$|LOG_LEVEL$)/.test(key)) env[key] = value;
  }
  return env;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The server over raw pipes, initialized with raw JSON lines. */
async function startServer() {
  const child = spawn(process.execPath, [CLI, '--sandbox'], { env: cleanEnv(), stdio: 'pipe' });
  children.push(child);
  // The parent may write after the child has gone: that EPIPE is expected here.
  child.stdin.on('error', () => {});
  child.stdout.on('error', () => {});
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const messages: Array<Record<string, unknown>> = [];
  let buffered = '';
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) messages.push(JSON.parse(line));
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );

  const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`);
  const responseTo = (id: number | string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = messages.find((m) => m.id === id && !('method' in m));
        if (found) return resolve(found);
        waiters.push(check);
      };
      void exited.then(() => reject(new Error(`exited before answering ${id}; stderr:\n${stderr}`)));
      check();
    });
  /** Resolves when the child exits; fails the test if it is still running at the deadline. */
  const waitForExit = () =>
    new Promise<Exit>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`still running after ${EXIT_DEADLINE_MS} ms; stderr:\n${stderr.slice(0, 4000)}`)),
        EXIT_DEADLINE_MS,
      );
      void exited.then((exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });

  send({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  });
  await responseTo(1);
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return { child, send, responseTo, waitForExit, stderr: () => stderr, messages };
}

const endedLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes('stdio session ended'));

describe('stdio: the process ends when the host goes away', () => {
  it('both pipes destroyed (host crashed): exits, logging the cause once, with little stderr', async () => {
    const server = await startServer();
    server.child.stdin.destroy();
    server.child.stdout.destroy();
    const exit = await server.waitForExit();
    expect(exit.signal).toBeNull();
    expect(server.stderr().length).toBeLessThan(20_000);
    expect(endedLines(server.stderr())).toHaveLength(1);
    expect(server.stderr()).not.toContain('MaxListenersExceeded');
  });

  it('all three pipes destroyed (stderr too): still exits', async () => {
    const server = await startServer();
    server.child.stderr.destroy();
    server.child.stdout.destroy();
    server.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' }); // its answer hits EPIPE
    server.child.stdin.destroy();
    // A clean exit, not a crash on the unhandled EPIPE of stderr.
    expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
  });

  it('only stdout closed: the next answer hits EPIPE and the process exits', async () => {
    const server = await startServer();
    server.child.stdout.destroy();
    server.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const exit = await server.waitForExit();
    expect(exit.signal).toBeNull();
    expect(endedLines(server.stderr())).toHaveLength(1);
    expect(endedLines(server.stderr())[0]).toContain('EPIPE');
    expect(server.stderr().length).toBeLessThan(20_000);
  });

  it('stdin ended (the normal goodbye): exits 0', async () => {
    const server = await startServer();
    server.child.stdin.end();
    expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
    expect(endedLines(server.stderr())[0]).toContain('stdin ended');
  });

  it('a line over 10 MiB: exits instead of staying alive and deaf', async () => {
    const server = await startServer();
    server.child.stdin.write(
      `{"jsonrpc":"2.0","id":2,"method":"ping","params":{"x":"${'x'.repeat(11 * 1024 * 1024)}"}}\n`,
    );
    const exit = await server.waitForExit();
    expect(exit.signal).toBeNull();
    expect(endedLines(server.stderr())[0]).toContain('exceeds');
  });

  it('SIGTERM with a call in flight: answers what it received, then exits 0', async () => {
    const server = await startServer();
    server.send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'find_records', arguments: { objectType: 'contacts', query: 'a' } },
    });
    // Lines are read in order: once the ping is answered, the call has been received.
    server.send({ jsonrpc: '2.0', id: 3, method: 'ping' });
    await server.responseTo(3);
    server.child.kill('SIGTERM');
    const answer = await server.responseTo(2);
    expect(answer).toHaveProperty('result');
    expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
  });
});

describe('stdio: a request with an id but an invalid shape gets an error answer', () => {
  it.each([
    [{ jsonrpc: '2.0', id: 11, method: 5 }, -32600, /method must be a string/],
    [{ jsonrpc: '2.0', id: 12, method: 'tools/list', params: 5 }, -32602, /params must be an object/],
    [{ jsonrpc: '2.0', id: 'thirteen', method: 'tools/call', params: [1] }, -32602, /params/],
    [{ jsonrpc: '1.0', id: 14, method: 'ping' }, -32600, /jsonrpc/],
    [{ jsonrpc: '2.0', id: 15, method: 'ping', extra: true }, -32600, /unexpected member "extra"/],
  ])('%j → %i', async (request, code, message) => {
    const server = await startServer();
    server.send(request);
    const answer = await server.responseTo(request.id);
    expect(answer).toMatchObject({ jsonrpc: '2.0', id: request.id, error: { code } });
    const text = JSON.stringify(answer);
    expect((answer.error as { message: string }).message).toMatch(message);
    expect(text).not.toMatch(/\bat .*:\d+:\d+|node:internal|ZodError|"stack"/);
    expect(text).not.toContain(process.cwd());
    // The session is still usable.
    server.send({ jsonrpc: '2.0', id: 99, method: 'ping' });
    expect(await server.responseTo(99)).toMatchObject({ result: {} });
    // Nothing was forwarded to the client as a log notification about it.
    expect(server.messages.filter((m) => m.method === 'notifications/message')).toEqual([]);
  });
});
