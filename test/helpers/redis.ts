import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Redis for tests: Debian's `redis-server` (.ci/run installs it), on a free loopback port
 * with its own directory and no persistence, stopped by pid. No mock: a missing redis-server
 * fails the test that needs it.
 */
export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  /** Runs redis-cli against it (e.g. FLUSHALL). */
  cli(...args: string[]): string;
  /** Stops it (SIGKILL when `hard`): every key is lost, as after a crash without persistence. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again, empty, on the same port. */
  restart(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function redisServerPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'redis-server is not installed: apt-get install -y redis-server (.ci/run does this); the Redis tests need a real one',
    );
  }
}

async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    try {
      const answer = execFileSync('redis-cli', ['-p', String(port), 'PING'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      if (answer.trim() === 'PONG') return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRedis(): Promise<RedisServer> {
  const binary = redisServerPath();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'redis-test-'));
  let child: ChildProcess;

  const launch = async () => {
    child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    await waitForPing(port, child);
  };
  const stop = async (hard = false) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(child.pid!, hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };
  await launch();

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid!;
    },
    cli: (...args) => execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).trim(),
    async stop(hard) {
      await stop(hard);
      if (!hard) rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stop(true);
      await launch();
    },
  };
}
