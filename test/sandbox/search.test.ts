import { startSandbox } from 'hubspot-sandbox';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { caller } from './helpers.js';

const SEARCH = '/crm/v3/objects/contacts/search';

describe('CRM search', () => {
  // A search budget high enough that these tests never meet the per-second limit.
  const ctx = useSandbox({ sandbox: { seed: false, searchPerSecond: 1000 }, each: false });

  beforeAll(() => {
    ctx.sandbox.portal.createObjects('contacts', 45, (i) => ({
      email: `user${i}@${i % 3 === 0 ? 'acme.com' : 'globex.com'}`,
      firstname: i % 5 === 0 ? 'Ada' : 'Alan',
      lastname: `Number ${i}`,
      ...(i % 2 === 0 ? { phone: `+1 555 ${i}` } : {}),
    }));
  });

  const eq = (propertyName: string, value: string, operator = 'EQ') => ({
    filterGroups: [{ filters: [{ propertyName, operator, value }] }],
  });

  it('finds by EQ on email (case-insensitive) with the default properties', async () => {
    const answer = await ctx.call('POST', SEARCH, eq('email', 'USER7@globex.com'));
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(1);
    expect(answer.body.results[0].properties).toMatchObject({ email: 'user7@globex.com', firstname: 'Alan' });
    expect(answer.body.paging).toBeUndefined();
  });

  it('never matches or returns inherited members for property names like constructor or __proto__', async () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const has = await ctx.call('POST', SEARCH, {
        filterGroups: [{ filters: [{ propertyName: name, operator: 'HAS_PROPERTY' }] }],
        properties: [name],
      });
      expect(has.status).toBe(200);
      expect(has.body.total).toBe(0);
    }
    const one = await ctx.call('POST', SEARCH, {
      ...eq('email', 'user7@globex.com'),
      properties: ['toString'],
    });
    expect(Object.hasOwn(one.body.results[0].properties, 'toString')).toBe(false);
  });

  it('pages CONTAINS_TOKEN results with limit/after and reports the total', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const answer = await ctx.call('POST', SEARCH, {
        ...eq('email', 'acme.com', 'CONTAINS_TOKEN'),
        properties: ['email'],
        limit: 4,
        ...(after ? { after } : {}),
      });
      expect(answer.body.total).toBe(15);
      expect(answer.body.results.length).toBeLessThanOrEqual(4);
      for (const r of answer.body.results) expect(r.properties.email).toMatch(/@acme\.com$/);
      ids.push(...answer.body.results.map((r: { id: string }) => r.id));
      after = answer.body.paging?.next?.after;
      pages++;
    } while (after);
    expect(pages).toBe(4);
    expect(new Set(ids).size).toBe(15);
    const wildcard = await ctx.call('POST', SEARCH, eq('email', '*@acme.com', 'CONTAINS_TOKEN'));
    expect(wildcard.body.total).toBe(15);
  });

  it('ORs filter groups, ANDs filters, and supports NEQ, IN, HAS_PROPERTY', async () => {
    const answer = await ctx.call('POST', SEARCH, {
      filterGroups: [
        {
          filters: [
            { propertyName: 'firstname', operator: 'EQ', value: 'Ada' },
            { propertyName: 'phone', operator: 'HAS_PROPERTY' },
          ],
        },
        {
          filters: [
            { propertyName: 'email', operator: 'IN', values: ['user1@globex.com', 'user2@globex.com'] },
          ],
        },
      ],
      limit: 100,
    });
    // Ada with a phone: i % 10 === 0 → 0,10,20,30,40; plus users 1 and 2.
    expect(answer.body.total).toBe(7);
    const neq = await ctx.call('POST', SEARCH, eq('firstname', 'Alan', 'NEQ'));
    expect(neq.body.total).toBe(9);
  });

  it('matches a free-text query against the default searchable properties', async () => {
    const answer = await ctx.call('POST', SEARCH, { query: 'number 4', limit: 100 });
    // "number" prefixes every lastname; "4" prefixes 4 and 40–44.
    expect(answer.body.total).toBe(6);
  });

  it('sorts by a property', async () => {
    const answer = await ctx.call('POST', SEARCH, {
      filterGroups: [{ filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'Ada' }] }],
      sorts: [{ propertyName: 'email', direction: 'DESCENDING' }],
      properties: ['email'],
    });
    const emails = answer.body.results.map((r: { properties: { email: string } }) => r.properties.email);
    expect(emails).toEqual([...emails].sort().reverse());
  });

  it('refuses too many filters, a limit above 200, unknown operators and paging past 10 000', async () => {
    const filters = Array.from({ length: 7 }, () => ({ propertyName: 'email', operator: 'HAS_PROPERTY' }));
    expect((await ctx.call('POST', SEARCH, { filterGroups: [{ filters }] })).status).toBe(400);
    expect((await ctx.call('POST', SEARCH, { limit: 201 })).status).toBe(400);
    expect((await ctx.call('POST', SEARCH, eq('email', 'x', 'LIKE'))).status).toBe(400);
    const beyond = await ctx.call('POST', SEARCH, { after: '10000' });
    expect(beyond.status).toBe(400);
    expect(beyond.body.message).toMatch(/10000/);
  });

  it('caps paging at 10 000 results while reporting the real total', async () => {
    const big = await startSandbox({ seed: false, searchPerSecond: 1000 });
    try {
      big.portal.createObjects('companies', 10_050, (i) => ({ name: `Co ${i}` }));
      const last = await caller(big)('POST', '/crm/v3/objects/companies/search', {
        limit: 200,
        after: '9900',
      });
      expect(last.body.total).toBe(10_050);
      expect(last.body.results).toHaveLength(100);
      expect(last.body.paging).toBeUndefined();
    } finally {
      await big.close();
    }
  });
});
