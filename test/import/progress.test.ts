import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { connectInMemory, useSandboxServer } from '../helpers/mcp.js';

const FAST = { rateLimit: 2_000, windowMs: 1_000 };

/** Long writes report progress with a total when the caller passes a progress token. */
describe('progress notifications for long writes', () => {
  const ctx = useSandboxServer({ sandbox: { seed: false, ...FAST } });

  const track = async (name: string, args: Record<string, unknown>) => {
    const mcp = await connectInMemory(ctx.sandbox, {
      hubspot: { rateLimit: 2_000, limiter: { windowMs: 1_000 } },
    });
    const seen: Progress[] = [];
    try {
      const result = await mcp.client.callTool({ name, arguments: args }, undefined, {
        onprogress: (p) => seen.push(p),
      });
      expect(result.isError ?? false).toBe(false);
      return seen;
    } finally {
      await mcp.close();
    }
  };

  const expectRising = (seen: Progress[], total: number) => {
    expect(seen.length).toBeGreaterThan(1);
    for (const p of seen) expect(p.total).toBe(total);
    expect(seen.map((p) => p.progress)).toEqual([...seen.map((p) => p.progress)].sort((a, b) => a - b));
    expect(new Set(seen.map((p) => p.progress)).size).toBe(seen.length);
    expect(seen.at(-1)?.progress).toBe(total);
  };

  it('import_contact_company_pairs: rows done of all rows', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => ({
      contact: { email: `p${i}@x${i % 50}.example` },
      company: { name: `X${i % 50}`, domain: `x${i % 50}.example` },
    }));
    expectRising(await track('import_contact_company_pairs', { rows }), 3_000);
  });

  it('associate_records and remove_associations over more than one batch: pairs sent of all pairs', async () => {
    const contacts = ctx.sandbox.portal.createObjects('contacts', 5_000).map((o) => o.id);
    const companies = ctx.sandbox.portal.createObjects('companies', 5_000).map((o) => o.id);
    const pairs = contacts.map((fromId, i) => ({ fromId, toId: companies[i]! }));
    const target = { fromObjectType: 'contacts', toObjectType: 'companies', pairs };
    expectRising(await track('associate_records', target), 5_000);
    expectRising(await track('remove_associations', { ...target, confirm: true }), 5_000);
  });

  it('import_associations: rows done of all rows', async () => {
    const contacts = ctx.sandbox.portal.createObjects('contacts', 4_000).map((o) => o.id);
    const company = ctx.sandbox.portal.createObject('companies', { name: 'One' }).id;
    const rows = contacts.map((fromId) => ({ fromId, toId: company }));
    const seen = await track('import_associations', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      rows,
    });
    expectRising(seen, 4_000);
  });
});
