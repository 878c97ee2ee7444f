// The built server (dist/cli.js --sandbox) over stdio, spoken to in raw JSON lines, so a test can
// send what the SDK client never would: non-object arguments, numbers like 1e309, own `__proto__` keys.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A number JSON.stringify cannot write (1e309, -0, 1e-400): sent as this literal text. */
export class RawNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const MARK = '\uE000';
const RAW = new RegExp(`"${MARK}([^"${MARK}]*)${MARK}"`, 'g');

/** JSON text in which every RawNumber is its literal text. */
export function rawJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof RawNumber ? `${MARK}${v.text}${MARK}` : v,
  ).replace(RAW, '$1');
}

export interface RawMessage {
  id?: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
  [key: string]: unknown;
}

export interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Temporary HOME and export root (HUBSPOT_EXPORT_DIR), removed by close(). */
  dir: string;
  exportDir: string;
  request(method: string, params?: unknown): Promise<RawMessage>;
  /** The child's resident set size in bytes (Linux /proc). */
  rss(): number;
  /** The tail of the server's stderr log. */
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns the built server with --sandbox and initializes an MCP session with it. */
export async function startRawServer(): Promise<RawServer> {
  const dir = await mkdtemp(join(tmpdir(), 'hsmcp-raw-'));
  const exportDir = join(dir, 'export');
  const child = spawn(process.execPath, [CLI, '--sandbox'], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, HUBSPOT_EXPORT_DIR: exportDir },
  });
  const pending = new Map<number, (message: RawMessage) => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let next = 0;
  let buffer = '';
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000); // drained, so the child never blocks on a full pipe
  });
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const message = JSON.parse(buffer.slice(0, end)) as RawMessage;
      buffer = buffer.slice(end + 1);
      if (typeof message.id !== 'number') continue; // notifications (logging, progress)
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
  const request = (method: string, params?: unknown) =>
    new Promise<RawMessage>((resolve, reject) => {
      const id = ++next;
      pending.set(id, resolve);
      child.stdin.write(`${rawJson({ jsonrpc: '2.0', id, method, params })}\n`, (error) => {
        if (error) reject(error);
      });
      void exited.then(() =>
        reject(new Error(`server exited before answering ${method}: ${log.slice(-2000)}`)),
      );
    });
  await request('initialize', {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'raw', version: '0' },
  });
  child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  return {
    child,
    dir,
    exportDir,
    request,
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
    },
    stderr: () => log,
    async close() {
      child.stdin.end();
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
