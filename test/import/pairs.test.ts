import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTool, connectInMemory, useSandboxServer } from '../helpers/mcp.js';
import { peopleRows, portalState, useImportDir, writeCsv } from './helpers.js';

const FAST = { rateLimit: 2_000, windowMs: 1_000, searchPerSecond: 200 };
const CLIENT = { rateLimit: 2_000, limiter: { windowMs: 1_000, searchPerSecond: 200 } };
const N = 10_000;
const COMPANIES = 2_000;

/**
 * A 10,000-row spreadsheet (10,000 people at 2,000 companies, 30% of the people and 20% of the
 * companies already in the portal, some rows labeled) imported in one call, then imported again.
 */
describe('import_contact_company_pairs at spreadsheet scale', () => {
  const files = useImportDir(false);
  const ctx = useSandboxServer({ sandbox: { seed: false, ...FAST }, each: false });

  it('finds or creates each contact and company exactly once and links every row, in batch requests', async () => {
    const mcp = await connectInMemory(ctx.sandbox, { hubspot: CLIENT, importDir: files.dir });
    try {
      const { portal } = ctx.sandbox;
      portal.createLabel('contacts', 'companies', { label: 'Decision maker', name: 'decision_maker' });
      const label = (i: number) => (i % 10 === 0 ? 'Decision maker' : '');
      const sheet = peopleRows(N, COMPANIES, 'p', label);
      portal.createObjects('contacts', N * 0.3, (i) => ({
        email: `p${i * 3}@c${(i * 3) % COMPANIES}.example.com`,
      }));
      portal.createObjects('companies', COMPANIES * 0.2, (i) => ({
        name: `Company ${i * 5}`,
        domain: `c${i * 5}.example.com`,
      }));
      await writeCsv(files.dir, 'people.csv', sheet);
      ctx.sandbox.log.reset();
      const out = await callTool(mcp.client, 'import_contact_company_pairs', { file: 'people.csv' });
      expect(out.isError, out.text).toBe(false);
      expect(out.data.counts).toMatchObject({
        rows: N,
        failed: 0,
        contactsCreated: N * 0.7,
        contactsFound: N * 0.3,
        companiesCreated: COMPANIES * 0.8,
        companiesFound: COMPANIES * 0.2,
        associated: N,
      });
      expect(out.data.report).toBe('people.report.csv');

      // The portal: each person and company once, each row's pair linked, labels where asked.
      const state = portalState(ctx.sandbox);
      expect(state.contacts).toHaveLength(N);
      expect(state.companies).toHaveLength(COMPANIES);
      expect([...state.byEmail.values()].every((ids) => ids.length === 1)).toBe(true);
      expect([...state.byDomain.values()].every((ids) => ids.length === 1)).toBe(true);
      const decisionMaker = portal.labels('contacts', 'companies').find((t) => t.label === 'Decision maker')!;
      for (let i = 0; i < N; i++) {
        const [email, , , , domain] = sheet[i + 1] as string[];
        const links = portal.associations('contacts', state.byEmail.get(email!)![0]!, 'companies');
        expect(links.map((l) => l.toObjectId)).toEqual(state.byDomain.get(domain!));
        const typeIds = links[0]!.types.map((t) => t.typeId);
        expect(typeIds.includes(decisionMaker.typeId)).toBe(i % 10 === 0);
      }

      // Batch requests: 100 e-mail reads and 20 domain searches find; 70 + 16 creates; the links
      // of the new records in 5 + 1 writes; the pairs whose records both existed are read first.
      const log = ctx.sandbox.log;
      expect(log.count((e) => e.path.includes('/contacts/batch/read'))).toBe(N / 100);
      expect(log.count((e) => e.path.includes('/companies/search'))).toBe(COMPANIES / 100);
      // (the file is read in chunks of 2,000 rows: each chunk may round up its creates once)
      const contactCreates = log.count((e) => e.path.includes('/objects/2026-03/contacts/batch/create'));
      expect(contactCreates).toBeGreaterThanOrEqual(N * 0.007);
      expect(contactCreates).toBeLessThanOrEqual(N * 0.007 + N / 2_000);
      expect(log.count((e) => e.path.includes('/objects/2026-03/companies/batch/create'))).toBe(
        COMPANIES * 0.008,
      );
      expect(log.rateLimited()).toBe(0);
      expect(log.entries.length).toBeLessThanOrEqual(240);

      // The report lists every row.
      const report = (await readFile(join(files.dir, 'people.report.csv'), 'utf8')).trimEnd().split('\n');
      expect(report).toHaveLength(N + 1);
      expect(report[0]).toBe(
        'row,email,company,contact_id,contact_status,company_id,company_status,linked,error,fix',
      );

      const findPhase = log.count(
        (e) =>
          /batch\/read|\/search|\/labels/.test(e.path) &&
          !e.path.includes('associations/2026-03/contacts/companies/batch/read'),
      );
      // The same file again: nothing created, every row found and unchanged, no write sent. The
      // report beside the file is the checkpoint: its rows are confirmed by reading their links
      // (from the company side: 2 reads for 2,000 companies; labeled rows from the contact side).
      log.reset();
      const again = await callTool(mcp.client, 'import_contact_company_pairs', { file: 'people.csv' });
      expect(again.data.counts).toMatchObject({
        rows: N,
        failed: 0,
        contactsFound: N,
        companiesFound: COMPANIES,
        unchanged: N,
      });
      expect(again.data.counts.contactsCreated ?? 0).toBe(0);
      expect(log.count((e) => /batch\/(create|associate)/.test(e.path))).toBe(0);
      expect(log.entries.length).toBeLessThanOrEqual(findPhase);
      expect(log.entries.length).toBeLessThanOrEqual(15);
      expect(portalState(ctx.sandbox).contacts).toHaveLength(N);
    } finally {
      await mcp.close();
    }
  }, 120_000);
});

describe('the report as a checkpoint', () => {
  const files = useImportDir();
  const ctx = useSandboxServer({ sandbox: { seed: false } });

  it('trusts a done row only while the portal still links its records; the rest take the full path', async () => {
    const mcp = await connectInMemory(ctx.sandbox, { importDir: files.dir });
    try {
      await writeCsv(files.dir, 'people.csv', peopleRows(50, 10));
      const first = await callTool(mcp.client, 'import_contact_company_pairs', { file: 'people.csv' });
      expect(first.data.counts).toMatchObject({
        rows: 50,
        failed: 0,
        contactsCreated: 50,
        companiesCreated: 10,
      });
      // Row 1's link is removed since, and the report is tampered with: row 2 names row 3's contact.
      const { portal } = ctx.sandbox;
      const before = portalState(ctx.sandbox);
      const row1 = {
        fromId: before.byEmail.get('p0@c0.example.com')![0]!,
        toId: before.byDomain.get('c0.example.com')![0]!,
      };
      const unlinked = await callTool(mcp.client, 'remove_associations', {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs: [row1],
      });
      expect(unlinked.data.counts).toEqual({ removed: 1 });
      const path = join(files.dir, 'people.report.csv');
      const lines = (await readFile(path, 'utf8')).split('\n');
      const third = lines[3]!.split(',');
      const second = lines[2]!.split(',');
      second[3] = third[3]!;
      lines[2] = second.join(',');
      await writeFile(path, lines.join('\n'));

      const again = await callTool(mcp.client, 'import_contact_company_pairs', { file: 'people.csv' });
      expect(again.data.counts).toMatchObject({
        rows: 50,
        failed: 0,
        contactsFound: 50,
        companiesFound: 10,
        unchanged: 49,
        associated: 1,
      });
      const state = portalState(ctx.sandbox);
      for (const c of state.contacts) {
        const domain = c.properties.email!.split('@')[1]!;
        const linked = portal.associations('contacts', c.id, 'companies').map((a) => a.toObjectId);
        expect(linked).toEqual(state.byDomain.get(domain));
      }
      // Row 2 was looked up again (by e-mail), not taken from the tampered report.
      const row2 = (await readFile(path, 'utf8')).split('\n')[2];
      expect(row2!.split(',')[3]).toBe(state.byEmail.get('p1@c1.example.com')![0]);
    } finally {
      await mcp.close();
    }
  });
});
