import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);

describe('`hubspot-associations-mcp export` on the sandbox', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'hsmcp-export-cli-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  // A budget of 3 requests per 10 s forces the export to wait for the rolling window mid-way:
  // the process must stay alive while requests queue for a slot.
  it('writes the files, reports progress on stderr and the summary on stdout, waiting out the rate limit', async () => {
    const env = { ...process.env, HUBSPOT_RATE_LIMIT: '3', HUBSPOT_ACCESS_TOKEN: '', HUBSPOT_EXPORT_DIR: '' };
    const { stdout, stderr } = await run(
      process.execPath,
      [
        CLI,
        'export',
        '--sandbox',
        '--objects',
        'contacts,companies',
        '--associations',
        'contacts:companies',
        '--out',
        out,
      ],
      { env, timeout: 60_000 },
    );
    const summary = JSON.parse(stdout);
    expect(summary.complete).toBe(true);
    const rows = Object.fromEntries(
      summary.files.map((f: { file: string; rows: number }) => [f.file, f.rows]),
    );
    expect(rows['contacts.csv']).toBe(215); // the demo portal: 200 tidy contacts and 15 of its mess
    expect(rows['companies.csv']).toBe(51);
    expect(rows['contacts_companies.csv']).toBeGreaterThanOrEqual(200);
    expect(stderr).toMatch(/rows written/);
    expect((await readdir(out)).sort()).toEqual(['companies.csv', 'contacts.csv', 'contacts_companies.csv']);
    const contacts = (await readFile(join(out, 'contacts.csv'), 'utf8')).trimEnd().split('\n');
    expect(contacts).toHaveLength(216);
    expect(contacts[0]).toBe('id,email,firstname,lastname,createdAt,updatedAt');
  }, 60_000);
});
