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

/** A port whose cluster bus port (port + 10000) is free too. */
async function clusterPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 10_000 > 65_535) continue;
    const bus = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port + 10_000, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (bus) return port;
  }
}

export interface RedisCluster {
  /** A seed node's URL (REDIS_URL with REDIS_CLUSTER=true). */
  url: string;
  ports: number[];
  /** The port of the node that holds `key`'s hash slot. */
  ownerOf(key: string): number;
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster of `nodes` masters (Debian's redis-server in cluster mode, joined with
 * `redis-cli --cluster create`), on free loopback ports, stopped by pid.
 */
export async function startRedisCluster(nodes = 3): Promise<RedisCluster> {
  const binary = redisServerPath();
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }),
    );
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < nodes; i++) {
      const port = await clusterPort();
      const dir = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
      dirs.push(dir);
      ports.push(port);
      const child = spawn(
        binary,
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
          ...['--save', '', '--appendonly', 'no', '--cluster-enabled', 'yes'],
          ...['--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'],
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
      await waitForPing(port, child);
    }
    execFileSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { stdio: 'ignore', timeout: 30_000 },
    );
    const deadline = Date.now() + 15_000;
    while (!ports.every((p) => clusterOk(p))) {
      if (Date.now() > deadline) throw new Error('the Redis Cluster did not reach cluster_state:ok');
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const ownerOf = (key: string) => {
    const cli = (...args: string[]) =>
      execFileSync('redis-cli', ['-p', String(ports[0]), ...args], { encoding: 'utf8' }).trim();
    const slot = Number(cli('CLUSTER', 'KEYSLOT', key));
    // CLUSTER SLOTS, flattened by redis-cli: start, end, then the master's host, port, id, ...
    const lines = cli('CLUSTER', 'SLOTS').split('\n');
    for (let i = 0; i + 3 < lines.length; i++) {
      const [start, end, , port] = lines.slice(i, i + 4).map(Number);
      if (
        Number.isInteger(start) &&
        Number.isInteger(end) &&
        slot >= start! &&
        slot <= end! &&
        ports.includes(port!)
      )
        return port!;
    }
    throw new Error(`no node holds slot ${slot}`);
  };
  return { url: `redis://127.0.0.1:${ports[0]}`, ports, ownerOf, stop };
}

function clusterOk(port: number): boolean {
  const info = execFileSync('redis-cli', ['-p', String(port), 'CLUSTER', 'INFO'], { encoding: 'utf8' });
  return info.includes('cluster_state:ok');
}
