import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// A host that closes only our stdout, stdin still open and nothing more sent: the built CLI must
// notice on its own (no answer is ever written to meet EPIPE) and exit with one line on stderr.
// `npm test` builds first; run `npm run build` before vitest alone.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
/** Generous: only bounds a broken run (without the watch the server would idle forever). */
const EXIT_DEADLINE_MS = 10_000;
const INITIALIZE = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
})}\n`;

const children: ChildProcessWithoutNullStreams[] = [];
const dir = mkdtempSync(join(tmpdir(), 'stdout-closed-'));
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
});
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(HUBSPOT_|MCP_|REDIS_URL$|LOG_LEVEL$)/.test(key)) env[key] = value;
  }
  return env;
}

/** `command` with pipes on all three; stdin gets the initialize request and is then left open. */
function start(command: string, args: string[]) {
  const child = spawn(command, args, { env: cleanEnv(), stdio: 'pipe' });
  children.push(child);
  child.stdin.on('error', () => {});
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForExit = () =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`still running after ${EXIT_DEADLINE_MS} ms; stderr:\n${stderr}`)),
        EXIT_DEADLINE_MS,
      );
      void exited.then((exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
  child.stdin.write(INITIALIZE);
  return { child, waitForExit, stderr: () => stderr };
}

/** Resolves with the first line read from `stream`. */
function firstLine(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (!text.includes('\n')) return;
      stream.off('data', onData);
      resolve(text.slice(0, text.indexOf('\n')));
    };
    stream.on('data', onData);
    stream.once('error', reject);
  });
}

/** The server's stderr from its "ready" line on: what it said about the host going away. */
function afterReady(stderr: string): string[] {
  const lines = stderr.split('\n').filter(Boolean);
  return lines.slice(lines.findIndex((line) => line.includes('MCP server ready on stdio')) + 1);
}

describe('stdio: only stdout closed, nothing written after', () => {
  it("Node's spawn (a socket pair): child.stdout.destroy() alone ends the server", async () => {
    const server = start(process.execPath, [CLI, '--sandbox']);
    expect(JSON.parse(await firstLine(server.child.stdout))).toMatchObject({ id: 1, result: {} });
    server.child.stdout.destroy();
    expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
    const said = afterReady(server.stderr());
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("stdio session ended: stdout closed (the socket's peer is gone, EPIPE)");
  });

  it('a shell pipeline (an anonymous pipe): the reader exits, the server follows', async () => {
    // head prints the initialize answer and exits: the pipe is left without a reader.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash expansion, not a template
    const script = '"$0" "$1" --sandbox | head -n 1; echo "[server exit ${PIPESTATUS[0]}]" >&2';
    const shell = start('bash', ['-c', script, process.execPath, CLI]);
    expect(JSON.parse(await firstLine(shell.child.stdout))).toMatchObject({ id: 1, result: {} });
    expect(await shell.waitForExit()).toEqual({ code: 0, signal: null });
    expect(shell.stderr()).toContain('[server exit 0]');
    const said = afterReady(shell.stderr()).filter((line) => !line.startsWith('[server exit'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('stdio session ended: stdout closed (the pipe has no reader)');
  });

  it('a FIFO (mkfifo) whose reader closes it: the server exits', async () => {
    const fifo = join(dir, 'stdout');
    const made = spawn('mkfifo', [fifo]);
    await new Promise((resolve) => made.on('exit', resolve));
    const server = start('bash', ['-c', 'exec "$0" "$1" --sandbox > "$2"', process.execPath, CLI, fifo]);
    // The reader reads one line and closes the FIFO (an fs.ReadStream could not: its close waits
    // for a blocked read).
    const reader = spawn('head', ['-n', '1', fifo]);
    expect(JSON.parse(await firstLine(reader.stdout))).toMatchObject({ id: 1, result: {} });
    expect(await server.waitForExit()).toEqual({ code: 0, signal: null });
    const said = afterReady(server.stderr());
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('stdio session ended: stdout closed (the pipe has no reader)');
  });

  it('a reader that is alive but reads nothing for a while is not taken for gone', async () => {
    // `cat` keeps the read end open; the watch looks several times during the wait.
    const shell = start('bash', ['-c', '"$0" "$1" --sandbox | cat', process.execPath, CLI]);
    expect(JSON.parse(await firstLine(shell.child.stdout))).toMatchObject({ id: 1, result: {} });
    shell.child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    shell.child.stdout.resume();
    const answer = firstLine(shell.child.stdout);
    shell.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' })}\n`);
    expect(JSON.parse(await answer)).toMatchObject({ id: 2, result: {} });
    expect(shell.stderr()).not.toContain('stdio session ended');
  });
});
