import { open, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';
import { useImportDir, writeCsv } from './helpers.js';

const PAIRS = 'import_contact_company_pairs';
const writes = (log: { count(f: (e: { method: string; path: string }) => boolean): number }) =>
  log.count((e) => e.method === 'POST' && /batch\/(create|associate)/.test(e.path));

describe('import tools refuse bad input', () => {
  const files = useImportDir();
  const ctx = useSandboxServer({ sandbox: { seed: false } });
  const call = async (args: Record<string, unknown>, tool = PAIRS) => {
    const mcp = await connectInMemory(ctx.sandbox, { importDir: files.dir });
    try {
      return await callTool(mcp.client, tool, args);
    } finally {
      await mcp.close();
    }
  };

  it('refuses files outside the import directory before reading anything', async () => {
    await writeFile(join(files.dir, '..', `outside-${Date.now()}.csv`), 'email,company_name\na@b.co,B\n');
    await symlink('/etc/hostname', join(files.dir, 'link.csv'));
    for (const [file, problem] of [
      ['../x.csv', /leaves the import directory/],
      ['/etc/passwd', /absolute path/],
      ['C:\\x.csv', /absolute path/],
      ['a\u0000.csv', /control character/],
      ['link.csv', /leaves the import directory/],
      ['missing.csv', /does not exist/],
      ['.', /is not a file/],
    ] as const) {
      const out = await call({ file });
      expect(out.isError, file).toBe(true);
      expect(out.text, file).toMatch(problem);
      expect(out.text).not.toContain(files.dir);
    }
    expect(ctx.sandbox.log.entries).toHaveLength(0);
  });

  it('names a missing or unknown column and writes nothing', async () => {
    await writeCsv(files.dir, 'nomail.csv', [
      ['name', 'company_name'],
      ['Ada', 'X'],
    ]);
    const unknown = await call({ file: 'nomail.csv' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/unknown column "name"/);
    await writeCsv(files.dir, 'nocompany.csv', [
      ['email', 'firstname'],
      ['a@b.co', 'Ada'],
    ]);
    const missing = await call({ file: 'nocompany.csv' });
    expect(missing.text).toMatch(/no company_name or company_domain column/);
    await writeFile(join(files.dir, 'broken.csv'), 'email,company_name\n"a@b.co,B\n');
    expect((await call({ file: 'broken.csv' })).text).toMatch(/not valid CSV/);
    await writeFile(join(files.dir, 'empty.csv'), '');
    expect((await call({ file: 'empty.csv' })).text).toMatch(/is empty/);
    expect(writes(ctx.sandbox.log)).toBe(0);
  });

  it('refuses a file over the size limit, naming the limit', async () => {
    const handle = await open(join(files.dir, 'huge.csv'), 'w');
    await handle.truncate(101 * 2 ** 20); // sparse: no disk used
    await handle.close();
    const out = await call({ file: 'huge.csv' });
    expect(out.text).toMatch(/is 101\.0 MB; the limit is 100 MB/);
  });

  it('reports a malformed row for that row while the others go on', async () => {
    await writeCsv(files.dir, 'mixed.csv', [
      ['email', 'company_name', 'company_domain', 'label', 'contact.jobtitle'],
      ['ok@fine.example', 'Fine', 'fine.example', '', 'CTO'],
      ['not-an-email', 'Fine', 'fine.example', '', ''],
      ['nocompany@fine.example', '', '', '', ''],
      ['url@fine.example', 'Fine', 'https://fine.example/x', '', ''],
      ['label@fine.example', 'Fine', 'fine.example', 'No such label', ''],
    ]);
    const out = await call({ file: 'mixed.csv' });
    expect(out.isError).toBe(false);
    expect(out.data.counts).toMatchObject({ rows: 5, failed: 4, associated: 1 });
    expect(out.data.failures.map((f: { row: number; error: string }) => [f.row, f.error])).toEqual([
      [2, expect.stringMatching(/is not an e-mail address/)],
      [3, 'company: is empty'],
      [4, expect.stringMatching(/has a scheme/)],
      [5, expect.stringMatching(/label "No such label" is not an association type/)],
    ]);
    expect(out.data.failures[1].fix).toBe('give company_name or company_domain');
    const [contact] = ctx.sandbox.portal.findObjects('contacts');
    expect(contact?.properties).toMatchObject({ email: 'ok@fine.example', jobtitle: 'CTO' });
    expect(ctx.sandbox.portal.countObjects('contacts')).toBe(1);
  });

  it('needs exactly one of rows and file, and a default label that exists', async () => {
    const row = { contact: { email: 'a@b.co' }, company: { name: 'B' } };
    expect((await call({})).text).toMatch(/give rows or file/);
    expect((await call({ rows: [row], file: 'x.csv' })).text).toMatch(/give rows or file/);
    const label = await call({ rows: [row], label: 'Nope' });
    expect(label.isError).toBe(true);
    expect(label.text).toMatch(/label "Nope" is not an association type of contacts→companies/);
    expect(writes(ctx.sandbox.log)).toBe(0);
  });
});
