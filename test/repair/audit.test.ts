import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';
import { buildMessyPortal, csvRows } from './helpers.js';

describe('audit_associations against a portal whose truth the test built', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false, rateLimit: 10_000 } });
  const call = (args: Record<string, unknown>) => callTool(ctx.mcp.client, 'audit_associations', args);

  it('counts every finding exactly, samples ids and writes every item to one CSV', async () => {
    const t = buildMessyPortal(ctx.sandbox);
    ctx.sandbox.log.reset();
    const out = await call({ fromObjectType: 'contacts', toObjectType: 'companies' });
    expect(out.isError).toBe(false);
    const counts = Object.fromEntries(
      Object.entries(out.data.findings as Record<string, { count: number }>).map(([k, f]) => [k, f.count]),
    );
    expect(counts).toEqual({
      orphans: 7,
      noPrimary: 3,
      multiplePrimary: 0,
      domainMatch: 2,
      domainAmbiguous: 1,
      freeMail: 1,
      noMatch: 2,
      noEmail: 1,
      duplicateDomains: 1,
      overLimit: 2,
    });
    const f = out.data.findings;
    expect(f.domainMatch.sample).toEqual([
      { id: t.orphans.match, ids: [t.A], domain: 'acme.example' },
      { id: t.orphans.match2, ids: [t.B], domain: 'beta.example' },
    ]);
    expect(f.domainAmbiguous.sample).toEqual([
      { id: t.orphans.ambiguous, ids: [t.C, t.C2], domain: 'gamma.example' },
    ]);
    // A company claiming gmail.com changes nothing: free-mail is never matched by domain.
    expect(f.freeMail.sample).toEqual([{ id: t.orphans.free, domain: 'gmail.com' }]);
    expect(f.noMatch.sample.map((s: { domain: string }) => s.domain)).toEqual([
      'sub.acme.example',
      'unknown.example',
    ]);
    expect(f.noPrimary.sample.map((s: { id: string }) => s.id)).toEqual([
      t.noPrimary.c6,
      t.noPrimary.c7,
      t.noPrimary.c9,
    ]);
    expect(f.duplicateDomains.sample).toEqual([{ domain: 'gamma.example', ids: [t.C, t.C2], links: [2, 2] }]);
    expect(f.overLimit.sample).toEqual([
      { id: t.A, typeId: 280, count: 3, max: 2 },
      { id: t.noPrimary.c6, typeId: t.decides, count: 2, max: 1 },
    ]);
    expect(out.data).toMatchObject({ scanned: 14, complete: true });
    const rows = await csvRows(ctx.mcp.exportDir, out.data.file);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(rows).toHaveLength(total);
    expect(
      rows
        .filter((r) => r[0] === 'orphans')
        .map((r) => r[2])
        .sort(),
    ).toEqual(Object.values(t.orphans).sort());
    // Requests: every one the sandbox saw but the label list (the shared, cached catalogue's).
    expect(out.data.requests).toBe(ctx.sandbox.log.entries.filter((e) => !e.path.includes('/labels')).length);
  });

  it('stops at maxRecords and keeps each sample to sampleSize', async () => {
    buildMessyPortal(ctx.sandbox);
    const out = await call({
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      maxRecords: 5,
      sampleSize: 1,
      checks: ['orphans', 'primary'],
    });
    expect(out.data).toMatchObject({ scanned: 5, complete: false, checks: ['orphans', 'primary'] });
    expect(Object.keys(out.data.findings)).toEqual(['orphans', 'noPrimary', 'multiplePrimary']);
    for (const finding of Object.values(out.data.findings as Record<string, { sample: unknown[] }>))
      expect(finding.sample.length).toBeLessThanOrEqual(1);
    expect(out.data.findings.noPrimary.count).toBe(1); // the first five contacts: c1, c3, c4, c5, c6
  });

  it('checks deals against their Primary company type, and reports progress with a total', async () => {
    const p = ctx.sandbox.portal;
    const [a, b] = [
      p.createObject('companies', { name: 'A' }).id,
      p.createObject('companies', { name: 'B' }).id,
    ];
    const deals = Array.from({ length: 1_500 }, (_, i) => p.createObject('deals', { dealname: `D${i}` }).id);
    deals.forEach((d, i) => {
      if (i % 3 === 0) p.associate('deals', d, 'companies', a, [5]);
      else if (i % 3 === 1) p.associate('deals', d, 'companies', b);
    });
    const seen: Progress[] = [];
    const result = await ctx.mcp.client.callTool(
      { name: 'audit_associations', arguments: { fromObjectType: 'deals', toObjectType: 'companies' } },
      undefined,
      { onprogress: (x) => seen.push(x) },
    );
    const data = result.structuredContent as {
      checks: string[];
      findings: Record<string, { count: number }>;
    };
    expect(data.checks).toEqual(['orphans', 'primary', 'limits']);
    expect(data.findings.orphans?.count).toBe(500);
    expect(data.findings.noPrimary?.count).toBe(500);
    expect(seen.length).toBeGreaterThan(1);
    for (const x of seen) expect(x.total).toBe(1_500);
    expect(seen.at(-1)?.progress).toBe(1_500);
  });

  it('refuses checks that do not apply to the pair, naming those that do', async () => {
    const out = await call({
      fromObjectType: 'deals',
      toObjectType: 'companies',
      checks: ['domain', 'duplicates'],
    });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('checks: domain, duplicates do not apply to deals→companies');
    expect(out.text).toContain('ask for orphans, primary, limits');
    const some = await call({
      fromObjectType: 'companies',
      toObjectType: 'contacts',
      checks: ['primary', 'duplicates'],
    });
    expect(some.isError).toBe(false);
    expect(some.data.checks).toEqual(['duplicates']);
    expect(some.text).toContain('primary: not for this pair');
  });
});
