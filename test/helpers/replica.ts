// Replicas of the built server (dist/cli.js --http --stateless) as child processes, for the Redis
// tests, the bench and the cluster demo. No test-runner imports.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** The parent's environment minus anything that could configure the server by accident. */
export function replicaEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(HUBSPOT_|MCP_|REDIS_|LOG_LEVEL$|PRIVATE_APP_ACCESS_TOKEN$)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export interface Replica {
  child: ChildProcess;
  /** http://127.0.0.1:PORT/mcp */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  stderr(): string;
  exited: Promise<number | null>;
  /** An MCP client over HTTP (stateless: every request may go to any replica). */
  client(name?: string): Promise<Client>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startReplica(env: Record<string, string>, args: string[] = []): Promise<Replica> {
  const child = spawn(process.execPath, [CLI, '--http', '--stateless', '--port', '0', ...args], {
    env: replicaEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start:\n${stderr}`)), 20_000);
    const check = () => {
      const line = stderr.split('\n').find((l) => l.includes('MCP server listening'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).data.url as string);
      }
    };
    child.stderr!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited with ${code}:\n${stderr}`));
    });
  });
  const clients: Client[] = [];
  return {
    child,
    url,
    origin: new URL(url).origin,
    stderr: () => stderr,
    exited,
    async client(name = 'agent') {
      const client = new Client({ name, version: '0.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      clients.push(client);
      return client;
    },
    async kill(signal = 'SIGTERM') {
      await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
