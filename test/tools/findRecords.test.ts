import { describe, expect, it } from 'vitest';
import { callTool, useSandboxServer } from '../helpers/mcp.js';

describe('find_records (seeded demo portal)', () => {
  const ctx = useSandboxServer({ each: false });

  const find = (args: Record<string, unknown>) => callTool(ctx.mcp.client, 'find_records', args);
  const searches = () => ctx.sandbox.log.count((e) => e.path.endsWith('/search'));

  it('pages through a filter with cursors until every match is seen once', async () => {
    const expected = ctx.sandbox.portal
      .findObjects('contacts', (c) => c.properties.lastname === 'Turing')
      .map((c) => c.id)
      .sort();
    expect(expected.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await find({
        objectType: 'contact',
        filters: [{ propertyName: 'lastname', operator: 'EQ', value: 'Turing' }],
        properties: ['lastname', 'email'],
        limit: 8,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.isError).toBe(false);
      expect(page.data.total).toBe(expected.length);
      expect(page.data.results.length).toBeLessThanOrEqual(8);
      for (const r of page.data.results) expect(r.properties.lastname).toBe('Turing');
      seen.push(...page.data.results.map((r: { id: string }) => r.id));
      cursor = page.data.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(Math.ceil(expected.length / 8));
    expect(seen.sort()).toEqual(expected);
  });

  it('finds by free-text query and by a company domain', async () => {
    const query = await find({
      objectType: 'contacts',
      query: 'Hopper',
      properties: ['lastname'],
      limit: 200,
    });
    const hoppers = ctx.sandbox.portal.findObjects('contacts', (c) => c.properties.lastname === 'Hopper');
    expect(query.data.total).toBe(hoppers.length);
    expect(query.data.results.map((r: { id: string }) => r.id).sort()).toEqual(
      hoppers.map((c) => c.id).sort(),
    );
    expect(query.data.nextCursor).toBeUndefined();

    const company = ctx.sandbox.portal.findObjects('companies')[0]!;
    const byDomain = await find({
      objectType: '0-2',
      filters: [{ propertyName: 'domain', operator: 'EQ', value: company.properties.domain }],
      properties: ['name', 'domain'],
    });
    expect(byDomain.data).toMatchObject({ objectType: 'companies', total: 1, sandbox: true });
    expect(byDomain.data.results).toEqual([
      { id: company.id, properties: expect.objectContaining({ name: company.properties.name }) },
    ]);
  });

  it('combines filters (AND) with IN, GT and HAS_PROPERTY', async () => {
    const result = await find({
      objectType: 'companies',
      filters: [
        { propertyName: 'city', operator: 'IN', values: ['Berlin', 'Tokyo'] },
        { propertyName: 'numberofemployees', operator: 'GT', value: '300' },
        { propertyName: 'domain', operator: 'HAS_PROPERTY' },
      ],
      properties: ['city', 'numberofemployees'],
      limit: 200,
    });
    const expected = ctx.sandbox.portal.findObjects(
      'companies',
      (c) =>
        ['Berlin', 'Tokyo'].includes(c.properties.city ?? '') && Number(c.properties.numberofemployees) > 300,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(result.data.results.map((r: { id: string }) => r.id).sort()).toEqual(
      expected.map((c) => c.id).sort(),
    );
  });

  it('rejects filters missing their value(s), unknown types and cursors past 10,000 without searching', async () => {
    const before = searches();
    const noValue = await find({
      objectType: 'contacts',
      filters: [{ propertyName: 'email', operator: 'EQ' }],
    });
    expect(noValue.isError).toBe(true);
    expect(noValue.data.error.field).toBe('filters[0].value');
    const noValues = await find({
      objectType: 'contacts',
      filters: [
        { propertyName: 'email', operator: 'HAS_PROPERTY' },
        { propertyName: 'lastname', operator: 'IN' },
      ],
    });
    expect(noValues.data.error.field).toBe('filters[1].values');
    const type = await find({ objectType: 'spaceships', query: 'x' });
    expect(type.data.error.field).toBe('objectType');
    const deep = await find({ objectType: 'contacts', query: 'x', cursor: '10000' });
    expect(deep.data.error.field).toBe('cursor');
    const big = await find({ objectType: 'contacts', limit: 500 });
    expect(big.isError).toBe(true);
    expect(big.text).toContain('limit');
    expect(searches()).toBe(before);
  });
});
