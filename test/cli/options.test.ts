import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drift } from '../../scripts/options-docs.js';
import { ENV_NAMES } from '../../src/config/env.js';
import { FLAG_SECTIONS } from '../../src/config/options.js';
import { loadConfig } from '../../src/config.js';
import { helpText } from '../../src/help.js';
import { selectTools } from '../../src/tools/index.js';
import { TOOLSETS } from '../../src/tools/toolsets.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);

/** The built CLI with only PATH and HOME: nothing from the test's own environment configures it. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: e.code ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('token variables', () => {
  it('HUBSPOT_ACCESS_TOKEN wins, then PRIVATE_APP_ACCESS_TOKEN, then HUBSPOT_SERVICE_KEY', () => {
    const all = { HUBSPOT_ACCESS_TOKEN: 'a', PRIVATE_APP_ACCESS_TOKEN: 'b', HUBSPOT_SERVICE_KEY: 'c' };
    expect(loadConfig([], all).hubspot.accessToken).toBe('a');
    expect(loadConfig([], { ...all, HUBSPOT_ACCESS_TOKEN: '' }).hubspot.accessToken).toBe('b');
    expect(loadConfig([], { HUBSPOT_SERVICE_KEY: 'c' }).hubspot.accessToken).toBe('c');
  });
});

describe('--env-file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsmcp-env-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("reads a .env file with Node's parser; the environment wins", async () => {
    const file = join(dir, '.env');
    await writeFile(
      file,
      '# comment\nPRIVATE_APP_ACCESS_TOKEN="pat-na1-file"\nHUBSPOT_TOOLSETS=labels\nLOG_LEVEL=debug\n',
    );
    const config = loadConfig(['--env-file', file], { LOG_LEVEL: 'error' });
    expect(config.hubspot.accessToken).toBe('pat-na1-file');
    expect(config.toolsets).toEqual(['labels']);
    expect(config.logLevel).toBe('error');
  });

  // Node itself checks a script's `--env-file` argument before any of our code runs (nodejs/node
  // #54232, still so in Node 24): a missing file is its one line and exit code 9. Our own check
  // (ConfigError, exit 2) answers everything Node lets through.
  it('a missing file is one line on stderr and a non-zero exit', async () => {
    const missing = join(dir, 'nope.env');
    const { code, stderr } = await cli(['--sandbox', '--env-file', missing]);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(missing);
    expect(() => loadConfig(['--env-file', missing], {})).toThrow(
      `--env-file ${missing}: cannot read the file (ENOENT)`,
    );
  });
});

describe('tool groups', () => {
  const names = (options: Parameters<typeof selectTools>[0]) => selectTools(options).map((t) => t.name);

  it('every tool is in exactly one group, and the definitions agree with the code', () => {
    expect(drift()).toEqual([]);
  });

  it('--toolsets selects groups, --tools adds to them, --read-only filters the result', () => {
    // undo_change runs long: get_job and cancel_job come with it.
    expect(names({ toolsets: ['journal'] })).toEqual([...TOOLSETS.journal, ...TOOLSETS.jobs]);
    expect(names({ toolsets: ['journal'], tools: ['find_records'] })).toEqual([
      'find_records',
      'list_changes',
      'undo_change',
      'get_job',
      'cancel_job',
    ]);
    expect(names({ toolsets: ['labels', 'journal'], readOnly: true })).toEqual([
      'list_association_labels',
      'list_changes',
    ]);
    expect(loadConfig(['--sandbox', '--toolsets', 'labels,limits'], {}).toolsets).toEqual([
      'labels',
      'limits',
    ]);
    expect(loadConfig([], { HUBSPOT_SANDBOX: 'true', HUBSPOT_TOOLSETS: 'export' }).toolsets).toEqual([
      'export',
    ]);
  });

  it('an unknown group is a startup error naming the valid ones (exit 2)', async () => {
    const { code, stderr } = await cli(['--sandbox', '--toolsets', 'labels,nope']);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      'hubspot-associations-mcp: unknown tool group(s) in --toolsets: nope; valid: labels, limits, records, import, journal, export, repair, jobs',
    );
  });

  it('a selection that leaves no tool is a one-line startup error (exit 2)', async () => {
    const { code, stderr } = await cli(['--sandbox', '--toolsets', 'import', '--read-only']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('no tool left to serve: --toolsets import with --read-only selects none');
  });
});

describe('--help', () => {
  it('is generated from the definitions: every flag the parser takes and every variable read', () => {
    const help = helpText('0.0.0');
    for (const section of FLAG_SECTIONS) for (const f of section.flags) expect(help).toContain(`--${f.name}`);
    for (const name of ENV_NAMES) expect(help).toContain(name);
  });

  it('the built CLI prints it', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      helpText(
        JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8'))).version,
      ),
    );
  });
});
