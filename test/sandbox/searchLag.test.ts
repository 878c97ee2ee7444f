import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

// HubSpot: "It may take a few moments for newly created or updated CRM objects to appear in search
// results" (search guide, Limits, 2026-03); third parties report several seconds (docs/hubspot-fidelity.md §4).
// biome-ignore lint/suspicious/noExplicitAny: tests read HubSpot-shaped bodies by field
type Body = any;

describe('sandbox search index lag', () => {
  const ctx = useSandbox({ sandbox: { seed: false, searchLagMs: 400, searchPerSecond: 100 } });

  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Body }> => {
    const res = await fetch(`${ctx.sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ctx.sandbox.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
  };
  const byDomain = async (domain: string) => {
    const res = await call('POST', '/crm/v3/objects/companies/search', {
      filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'EQ', value: domain }] }],
      properties: ['domain', 'name'],
      limit: 10,
    });
    expect(res.status).toBe(200);
    return res.body.results as Array<{ id: string; properties: Record<string, string> }>;
  };
  /** Waits for the index to catch up (well past the lag), without asserting how long it took. */
  const afterLag = () => sleep(600);

  it('a created record is found by search only after the lag, though reads see it at once', async () => {
    const created = await call('POST', '/crm/v3/objects/companies', {
      properties: { name: 'Lagging', domain: 'lag.example' },
      associations: [],
    });
    expect(created.status).toBe(201);
    expect(await byDomain('lag.example')).toEqual([]);
    expect((await call('GET', `/crm/v3/objects/companies/${created.body.id}`)).status).toBe(200);
    await afterLag();
    expect((await byDomain('lag.example')).map((r) => r.id)).toEqual([created.body.id]);
  });

  it('an update is searchable by its old values until the index catches up; an archive likewise', async () => {
    ctx.sandbox.portal.setSearchLag(0); // a lag applies to the writes made while it is set
    const id = ctx.sandbox.portal.createObject('companies', { name: 'Old', domain: 'old.example' }).id;
    expect((await byDomain('old.example')).map((r) => r.id)).toEqual([id]);
    ctx.sandbox.portal.setSearchLag(400);

    await call('PATCH', `/crm/v3/objects/companies/${id}`, { properties: { domain: 'new.example' } });
    expect((await byDomain('old.example')).map((r) => r.id)).toEqual([id]);
    expect(await byDomain('new.example')).toEqual([]);
    await afterLag();
    expect(await byDomain('old.example')).toEqual([]);
    expect((await byDomain('new.example')).map((r) => r.id)).toEqual([id]);

    expect((await call('DELETE', `/crm/v3/objects/companies/${id}`)).status).toBe(204);
    expect((await byDomain('new.example')).map((r) => r.id)).toEqual([id]);
    await afterLag();
    expect(await byDomain('new.example')).toEqual([]);
  });

  it('with the lag set to 0, search sees every write at once', async () => {
    ctx.sandbox.portal.setSearchLag(0);
    const created = await call('POST', '/crm/v3/objects/companies', {
      properties: { name: 'Instant', domain: 'instant.example' },
      associations: [],
    });
    expect((await byDomain('instant.example')).map((r) => r.id)).toEqual([created.body.id]);
  });
});
