import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { buildMessyPortal, linkSnapshot } from './helpers.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);

describe('`audit` and `repair` from a shell, against a portal over HTTP', () => {
  const ctx = useSandbox({ sandbox: { seed: false, rateLimit: 10_000 } });
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsmcp-repair-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const cli = async (args: string[]) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !/^(HUBSPOT_|MCP_)/.test(k)) env[k] = v;
    Object.assign(env, {
      HUBSPOT_API_BASE_URL: ctx.sandbox.url,
      HUBSPOT_ACCESS_TOKEN: ctx.sandbox.token,
      HUBSPOT_STATE_DIR: join(dir, 'state'),
      HUBSPOT_CONFIRM_THRESHOLD: '1',
      LOG_LEVEL: 'error',
    });
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
        env,
        cwd: dir,
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('audit prints the findings and writes the CSV under --out; repair asks for --confirm, journals, and undo reverts it', async () => {
    buildMessyPortal(ctx.sandbox, { companyLimit: false });
    const before = linkSnapshot(ctx.sandbox);
    const audit = await cli([
      'audit',
      '--from',
      'contacts',
      '--to',
      'companies',
      '--out',
      'out',
      '--sample',
      '1',
    ]);
    expect(audit.code, audit.stderr).toBe(0);
    const report = JSON.parse(audit.stdout);
    expect(report.findings.orphans.count).toBe(7);
    expect(report.findings.orphans.sample).toHaveLength(1);
    expect(audit.stderr).toMatch(/\/\d+ records/);
    expect((await readFile(report.file, 'utf8')).split('\n')[0]).toBe(
      'finding,objectType,id,relatedIds,domain,detail',
    );

    const dry = await cli(['repair', 'link-by-domain', '--dry-run', '--out', 'out']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).statuses).toEqual({ planned: 2, kept: 5 });
    const unconfirmed = await cli(['repair', 'link-by-domain', '--out', 'out']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--confirm');
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);

    const done = await cli(['repair', 'link-by-domain', '--confirm', '--out', 'out']);
    expect(done.code, done.stderr).toBe(0);
    const outcome = JSON.parse(done.stdout);
    expect(outcome.statuses).toEqual({ done: 2, kept: 5 });
    expect(outcome.changeId).toMatch(/^chg_/);
    expect(linkSnapshot(ctx.sandbox)).not.toEqual(before);
    const undo = await cli(['undo', outcome.changeId, '--confirm']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(linkSnapshot(ctx.sandbox)).toEqual(before);
  }, 90_000);

  it('refuses what it cannot start with: exit 2 and one line', async () => {
    const unknown = await cli(['repair', 'merge']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown repair 'merge'");
    const noTo = await cli(['audit', '--from', 'contacts']);
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toContain('audit needs --from and --to');
    const self = await cli([
      'repair',
      'move',
      '--type',
      'contacts',
      '--from-record',
      '1',
      '--to-record',
      '1',
    ]);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('toRecordId is fromRecordId itself');
    const badCheck = await cli(['audit', '--from', 'contacts', '--to', 'companies', '--checks', 'vibes']);
    expect(badCheck.code).toBe(2);
    expect(badCheck.stderr).toContain('unknown check(s) in --checks: vibes');
  }, 60_000);
});
