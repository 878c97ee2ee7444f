import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../src/tools/index.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const BIN = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));
const run = promisify(execFile);

/** The official MCP conformance scenarios that apply to any server (the conformance package's server scenarios). */
const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'logging-set-level',
  'resources-list',
  'prompts-list',
  'dns-rebinding-protection',
];

function serve(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, '--http', '--port', '0', '--sandbox', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MCP_HTTP_TOKEN: '', LOG_LEVEL: 'info' },
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk;
      const port = /"url":"http:\/\/127\.0\.0\.1:(\d+)\/mcp"/.exec(seen)?.[1];
      // dns-rebinding-protection needs a localhost URL.
      if (port) resolve({ child, url: `http://localhost:${port}/mcp` });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${seen}`)));
  });
}

describe.each([[[] as string[]], [['--stateless']]])(
  'MCP conformance suite against --http --sandbox %j',
  (args) => {
    let server: { child: ChildProcess; url: string };
    beforeAll(async () => {
      server = await serve(args);
    });
    afterAll(() => {
      server.child.kill('SIGTERM');
    });

    it.each(SCENARIOS)(
      '%s passes',
      async (scenario) => {
        const { stdout } = await run(
          BIN('conformance'),
          ['server', '--url', server.url, '--scenario', scenario],
          {
            timeout: 60_000,
          },
        );
        expect(stdout).toMatch(/Passed: (\d+)\/\1, 0 failed/);
      },
      90_000,
    );

    it('the Inspector CLI lists every tool', async () => {
      const { stdout } = await run(
        BIN('mcp-inspector-cli'),
        ['--cli', server.url, '--transport', 'http', '--method', 'tools/list'],
        {
          timeout: 60_000,
        },
      );
      expect(JSON.parse(stdout).tools).toHaveLength(TOOL_NAMES.length);
    }, 90_000);
  },
);

it('the Inspector CLI lists every tool over stdio', async () => {
  const { stdout } = await run(
    BIN('mcp-inspector-cli'),
    ['--cli', process.execPath, CLI, '--sandbox', '--method', 'tools/list'],
    {
      timeout: 60_000,
    },
  );
  expect(JSON.parse(stdout).tools).toHaveLength(TOOL_NAMES.length);
}, 90_000);
