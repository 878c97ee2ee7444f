import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The host snippets a newcomer copies from README.md and docs/hosts.md, run as written from this
// clone: after the README's `npm link` (into a temporary prefix, so the machine's global npm is
// untouched) or with the clone's absolute path. The package is not on the npm registry, so no
// snippet may start the server with `npx` (that answers E404); npx is only named in the note
// about publishing. `npm test` builds first; run `npm run build` before vitest alone.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = ['README.md', 'docs/hosts.md'];
const COMMAND = 'hubspot-associations-mcp';

interface Snippet {
  where: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Fenced ```json blocks that configure servers, and `claude mcp add … -- command args` lines. */
function snippets(file: string): Snippet[] {
  const text = read(file);
  const found: Snippet[] = [];
  for (const block of text.matchAll(/```(\w+)\n([\s\S]*?)```/g)) {
    const [, lang, body = ''] = block;
    if (lang === 'json') {
      // Named by the bold label above it, e.g. **Cursor**.
      const label = [...text.slice(0, block.index).matchAll(/\*\*([^*]+)\*\*/g)].pop()?.[1] ?? '';
      const config = JSON.parse(body) as Record<string, Record<string, Record<string, unknown>>>;
      for (const [name, server] of Object.entries(config.mcpServers ?? config.servers ?? {})) {
        found.push({
          where: `${file} ${label} "${name}"`,
          command: String(server.command),
          args: (server.args as string[] | undefined) ?? [],
          env: (server.env as Record<string, string> | undefined) ?? {},
        });
      }
    }
  }
  // In code blocks and inline code alike (docs/hosts.md has one in a table).
  for (const [line = ''] of text.matchAll(/claude mcp add [^`\n]*/g)) found.push(claudeAdd(file, line));
  return found;
}

function claudeAdd(file: string, line: string): Snippet {
  const words = line
    .replace(/\s+#.*$/, '')
    .trim()
    .split(/\s+/);
  const split = words.indexOf('--');
  const env: Record<string, string> = {};
  words.slice(0, split).forEach((word, i) => {
    if (word !== '--env' && word !== '-e') return;
    const [key = '', ...value] = (words[i + 1] ?? '').split('=');
    env[key] = value.join('=');
  });
  const [command = '', ...args] = words.slice(split + 1);
  return { where: `${file}: ${line.trim()}`, command, args, env };
}

const all = DOCS.flatMap(snippets);

describe('host snippets in the docs', () => {
  it('are found, and none starts the server with npx (not on the npm registry: E404)', () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const snippet of all) {
      expect(snippet.command, snippet.where).not.toBe('npx');
      expect([COMMAND, 'node'], snippet.where).toContain(snippet.command);
      if (snippet.command === 'node') expect(snippet.args[0], snippet.where).toMatch(/\/dist\/cli\.js$/);
    }
  });

  it('name `npx … hubspot-associations-mcp` only in the note about publishing', () => {
    for (const file of DOCS) {
      for (const paragraph of read(file).split(/\n\s*\n/)) {
        if (!/npx\s+-y\s+hubspot-associations-mcp|"command": "npx"/.test(paragraph)) continue;
        expect(paragraph, file).toMatch(/publish/);
        expect(paragraph, file).not.toMatch(/```/);
      }
    }
  });
});

describe('each host snippet, run as written', () => {
  let prefix: string;
  let path: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/cli.js')))
      throw new Error('dist/cli.js is missing: run `npm run build` first');
    prefix = mkdtempSync(join(tmpdir(), 'npm-link-'));
    // The README's `npm link`, into a prefix of our own (offline: it only makes links).
    execFileSync('npm', ['link', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: ROOT,
      env: { ...process.env, npm_config_prefix: prefix },
      stdio: 'pipe',
    });
    // A host's PATH: where npm put the command, and node.
    path = [join(prefix, 'bin'), dirname(process.execPath)].join(delimiter);
  });
  afterAll(() => rmSync(prefix, { recursive: true, force: true }));

  it.each(all.map((s) => [s.where, s] as const))('%s', async (_, snippet) => {
    const args = snippet.args.map((a) => a.replace('/absolute/path/to/hubspot-associations-mcp/', ROOT));
    const env: Record<string, string> = { PATH: path };
    for (const [key, value] of Object.entries(snippet.env))
      env[key] = value.replace(/\$\{input:[^}]+\}/, 'pat-na1-from-a-prompt');
    // Nothing leaves the machine (the placeholder token would be refused anyway); no journal at home.
    env.HUBSPOT_API_BASE_URL = 'http://127.0.0.1:9';
    env.HUBSPOT_STATE_DIR = join(prefix, 'state');
    const transport = new StdioClientTransport({
      command: snippet.command,
      args,
      env,
      cwd: tmpdir(),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'host-snippet', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('check_connection');
    } finally {
      await client.close();
    }
  });
});
