import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox } from 'hubspot-sandbox';
import { describe, expect, it } from 'vitest';
import { peopleRows, useImportDir, writeCsv } from './helpers.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);
const env = { ...process.env, HUBSPOT_ACCESS_TOKEN: '', HUBSPOT_IMPORT_DIR: '', HUBSPOT_RATE_LIMIT: '' };

/** Spawns the built CLI; resolves with its exit code instead of throwing on a non-zero one. */
async function cli(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env, cwd, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('`hubspot-associations-mcp import` on the sandbox', () => {
  const files = useImportDir();

  it('import pairs: progress on stderr, the summary on stdout, the report beside the file', async () => {
    await writeCsv(files.dir, 'people.csv', peopleRows(300, 40));
    const out = await cli(['import', 'pairs', 'people.csv', '--sandbox', '--label', 'Primary'], files.dir);
    expect(out.code, out.stderr).toBe(0);
    const summary = JSON.parse(out.stdout);
    expect(summary.counts).toMatchObject({ rows: 300, failed: 0, contactsCreated: 300, associated: 300 });
    expect(summary.report).toBe(join(files.dir, 'people.report.csv'));
    expect(out.stderr).toMatch(/300\/300 rows/);
    const report = (await readFile(join(files.dir, 'people.report.csv'), 'utf8')).trimEnd().split('\n');
    expect(report).toHaveLength(301);
  }, 60_000);

  it('exits 1 when a row failed, and 2 for a file or flags it cannot start with', async () => {
    await writeCsv(files.dir, 'bad.csv', [
      ['email', 'company_name'],
      ['nope', 'X'],
      ['ok@x.example', 'X'],
    ]);
    const failed = await cli(['import', 'pairs', 'bad.csv', '--sandbox'], files.dir);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout).counts).toMatchObject({ rows: 2, failed: 1 });
    const dry = await cli(['import', 'pairs', 'bad.csv', '--sandbox', '--dry-run'], files.dir);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, counts: { contactsNew: 1 } });
    expect((await cli(['import', 'pairs', 'missing.csv', '--sandbox'], files.dir)).code).toBe(2);
    const usage = await cli(['import', 'associations', 'x.csv', '--sandbox'], files.dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/needs --from and --to/);
    await writeCsv(files.dir, 'cols.csv', [
      ['mail', 'company_name'],
      ['a@b.co', 'B'],
    ]);
    const cols = await cli(['import', 'pairs', 'cols.csv', '--sandbox'], files.dir);
    expect(cols.code).toBe(2);
    expect(cols.stderr).toMatch(/unknown column "mail"/);
  }, 60_000);

  it('import associations: the edge list `export` wrote, into a fresh portal with the same seed', async () => {
    const exported = await cli(
      [
        'export',
        '--sandbox',
        '--objects',
        'contacts',
        '--associations',
        'contacts:companies',
        '--out',
        files.dir,
      ],
      files.dir,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const out = await cli(
      [
        'import',
        'associations',
        'contacts_companies.csv',
        '--from',
        'contacts',
        '--to',
        'companies',
        '--sandbox',
      ],
      files.dir,
    );
    expect(out.code, out.stderr).toBe(0);
    const summary = JSON.parse(out.stdout);
    expect(summary.rows).toBeGreaterThanOrEqual(200);
    // The seeded portal already holds every one of those links, labels included.
    expect(summary.counts).toEqual({ unchanged: summary.rows });
  }, 60_000);
});

describe('`import` is journaled: `changes` lists it, `undo` takes its links back', () => {
  const files = useImportDir();

  it('against a portal (not --sandbox), with HUBSPOT_STATE_DIR', async () => {
    const sandbox = await startSandbox({ seed: false });
    const state = await mkdtemp(join(tmpdir(), 'hsmcp-state-'));
    const portal = {
      ...env,
      HUBSPOT_API_BASE_URL: sandbox.url,
      HUBSPOT_ACCESS_TOKEN: sandbox.token,
      HUBSPOT_STATE_DIR: state,
    };
    const shell = async (args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
          env: portal,
          cwd: files.dir,
          timeout: 60_000,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    try {
      await writeCsv(files.dir, 'people.csv', peopleRows(40, 5));
      const imported = await shell(['import', 'pairs', 'people.csv']);
      expect(imported.code, imported.stderr).toBe(0);
      const { changeId } = JSON.parse(imported.stdout);
      expect(changeId).toMatch(/^chg_/);
      expect(imported.stderr).toContain(`undo ${changeId}`);
      expect(sandbox.portal.countAssociations()).toBe(80);

      const listed = await shell(['changes']);
      expect(JSON.parse(listed.stdout.trim().split('\n')[0] ?? '{}')).toMatchObject({
        changeId,
        tool: 'import pairs',
      });
      const undone = await shell(['undo', changeId]);
      expect(undone.code, undone.stderr).toBe(0);
      expect(sandbox.portal.countAssociations()).toBe(0);
      // Records are never deleted by an undo.
      expect(sandbox.portal.findObjects('contacts')).toHaveLength(40);
    } finally {
      await sandbox.close();
      await rm(state, { recursive: true, force: true });
    }
  }, 60_000);
});
