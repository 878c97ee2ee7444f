/**
 * The emulator checklist (docs/hubspot-fidelity.md §11), item by item, on the dated paths HubSpot
 * wants clients on (2026-03); each test names its source.
 */
import type { CrmObject } from 'hubspot-sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { caller, UUID } from './helpers.js';

const HS = 'HUBSPOT_DEFINED';
const UD = 'USER_DEFINED';
const V = '2026-03';
const BATCH = `/crm/associations/${V}/contacts/companies/batch`;
const SCHEMA = `/crm/associations/${V}`;
const pairPath = (contact: string, company: string) =>
  `/crm/objects/${V}/contacts/${contact}/associations/companies/${company}`;
const typeIds = (types: Array<{ typeId: number }>) => types.map((t) => t.typeId);

describe('fidelity checklist (docs/hubspot-fidelity.md §11)', () => {
  const ctx = useSandbox({ sandbox: { seed: false, batchReadPageSize: 2 } });
  let contacts: CrmObject[];
  let companies: CrmObject[];
  const links = (contact: CrmObject) => ctx.sandbox.portal.associations('contacts', contact.id, 'companies');

  beforeEach(() => {
    contacts = ctx.sandbox.portal.createObjects('contacts', 4, (i) => ({ email: `f${i}@example.com` }));
    companies = ctx.sandbox.portal.createObjects('companies', 4, (i) => ({ name: `Fidelity ${i}` }));
  });

  // §10.1: A→B with typeId X implies B→A with the inverse; paired labels get two typeIds.
  it('writes the inverse type for HubSpot-defined types and for both halves of a paired label', async () => {
    const created = await ctx.call('POST', `${SCHEMA}/contacts/companies/labels`, {
      label: 'Manager',
      name: 'manager',
      inverseLabel: 'Managed by',
    });
    const manager = ctx.sandbox.portal.labels('contacts', 'companies').find((d) => d.label === 'Manager')!;
    expect(created.body.results.map((r: { typeId: number }) => r.typeId).sort()).toEqual(
      [manager.typeId, manager.inverseTypeId].sort(),
    );
    await ctx.call('PUT', pairPath(contacts[0]!.id, companies[0]!.id), [
      { associationCategory: HS, associationTypeId: 1 },
      { associationCategory: UD, associationTypeId: manager.typeId },
    ]);
    const reverse = await ctx.call(
      'GET',
      `/crm/objects/${V}/companies/${companies[0]!.id}/associations/contacts`,
    );
    expect(reverse.body.results[0].associationTypes).toEqual([
      { category: HS, typeId: 2, label: 'Contact with Primary Company' },
      { category: HS, typeId: 280, label: null },
      { category: UD, typeId: manager.inverseTypeId, label: 'Managed by' },
    ]);
    // Writing from the company side with the inverse label mirrors onto the contact side.
    await ctx.call(
      'PUT',
      `/crm/objects/${V}/companies/${companies[1]!.id}/associations/contacts/${contacts[1]!.id}`,
      [{ associationCategory: UD, associationTypeId: manager.inverseTypeId }],
    );
    expect(typeIds(links(contacts[1]!)[0]!.types)).toEqual([279, manager.typeId]);
  });

  // §10.3: "Primary Company" became "<ObjectType> with Primary Company" on 2024-02-19; typeIds unchanged.
  it('labels the company-side PRIMARY types "<Object> with Primary Company", the other side "Primary"', async () => {
    const label = async (from: string, to: string, typeId: number) =>
      (await ctx.call('GET', `${SCHEMA}/${from}/${to}/labels`)).body.results.find(
        (r: { typeId: number }) => r.typeId === typeId,
      )?.label;
    expect(await label('companies', 'contacts', 2)).toBe('Contact with Primary Company');
    expect(await label('companies', 'deals', 6)).toBe('Deal with Primary Company');
    expect(await label('companies', 'tickets', 25)).toBe('Ticket with Primary Company');
    expect(await label('companies', 'orders', 510)).toBe('Order with Primary Company');
    expect(await label('contacts', 'companies', 1)).toBe('Primary');
    expect(await label('deals', 'companies', 5)).toBe('Primary');
    expect(await label('tickets', 'companies', 26)).toBe('Primary');
    expect(await label('leads', 'contacts', 578)).toBe('Primary');
  });

  // §10.2, §10.4: PRIMARY comes with the unlabeled type and is single-valued (moves).
  it('moves PRIMARY to the new company and keeps the unlabeled link on the old one, for deals too', async () => {
    await ctx.call('PUT', pairPath(contacts[0]!.id, companies[0]!.id), [
      { associationCategory: HS, associationTypeId: 1 },
    ]);
    expect(typeIds(links(contacts[0]!)[0]!.types)).toEqual([1, 279]);
    await ctx.call('PUT', pairPath(contacts[0]!.id, companies[1]!.id), [
      { associationCategory: HS, associationTypeId: 1 },
    ]);
    expect(links(contacts[0]!).map((l) => [l.toObjectId, typeIds(l.types)])).toEqual([
      [companies[0]!.id, [279]],
      [companies[1]!.id, [1, 279]],
    ]);
    const deal = ctx.sandbox.portal.createObject('deals', { dealname: 'Move me' });
    for (const company of companies.slice(0, 2)) {
      const answer = await ctx.call(
        'PUT',
        `/crm/objects/${V}/deals/${deal.id}/associations/companies/${company.id}`,
        [{ associationCategory: HS, associationTypeId: 5 }],
      );
      expect(answer.status).toBe(201);
    }
    const dealLinks = ctx.sandbox.portal.associations('deals', deal.id, 'companies');
    expect(dealLinks.map((l) => typeIds(l.types))).toEqual([[341], [5, 341]]);
    const companySide = ctx.sandbox.portal.associations('companies', companies[0]!.id, 'deals');
    expect(typeIds(companySide[0]!.types)).toEqual([342]);
  });

  // §2, §10.5: "Deleting an unlabeled association will also delete all labeled associations".
  it('removes the whole pair, both directions, when labels/archive names the unlabeled type', async () => {
    ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', companies[0]!.id, [1]);
    const answer = await ctx.call('POST', `${BATCH}/labels/archive`, {
      inputs: [
        {
          from: { id: contacts[0]!.id },
          to: { id: companies[0]!.id },
          types: [{ associationCategory: HS, associationTypeId: 279 }],
        },
      ],
    });
    expect(answer.status).toBe(200);
    expect(links(contacts[0]!)).toEqual([]);
    expect(ctx.sandbox.portal.associations('companies', companies[0]!.id, 'contacts')).toEqual([]);
  });

  // §10.12 (MemberJunction/MJ#2743): an empty types list is a 2xx that links nothing.
  it('answers 2xx to an empty types list and links nothing, in batch create, PUT and object create', async () => {
    const batch = await ctx.call('POST', `${BATCH}/create`, {
      inputs: [{ from: { id: contacts[0]!.id }, to: { id: companies[0]!.id }, types: [] }],
    });
    expect(batch.status).toBe(201);
    expect(batch.body.results).toEqual([]);
    const put = await ctx.call('PUT', pairPath(contacts[1]!.id, companies[1]!.id), []);
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ fromObjectId: Number(contacts[1]!.id), labels: [] });
    const created = await ctx.call('POST', `/crm/objects/${V}/contacts`, {
      properties: { email: 'empty@example.com' },
      associations: [{ to: { id: companies[2]!.id }, types: [] }],
    });
    expect(created.status).toBe(201);
    expect(ctx.sandbox.portal.countAssociations()).toBe(0);
    // An existing link is left as it is.
    ctx.sandbox.portal.associate('contacts', contacts[2]!.id, 'companies', companies[2]!.id, [1]);
    await ctx.call('PUT', pairPath(contacts[2]!.id, companies[2]!.id), []);
    expect(typeIds(links(contacts[2]!)[0]!.types)).toEqual([1, 279]);
  });

  // §3 (a client matching 'ASSOCIATION_USER_CONFIG_LIMIT_EXCEEDED' in a PUT's 400 text); §12.3.
  it('refuses a write over a configured limit with ASSOCIATION_USER_CONFIG_LIMIT_EXCEEDED', async () => {
    ctx.sandbox.portal.setLimit('contacts', 'companies', 279, 1);
    ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', companies[0]!.id);
    const single = await ctx.call('PUT', pairPath(contacts[0]!.id, companies[1]!.id), [
      { associationCategory: HS, associationTypeId: 279 },
    ]);
    expect(single.status).toBe(400);
    expect(single.body).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      subCategory: 'ASSOCIATION_USER_CONFIG_LIMIT_EXCEEDED',
      correlationId: expect.stringMatching(UUID),
      errors: [{ code: 'ASSOCIATION_USER_CONFIG_LIMIT_EXCEEDED', message: single.body.message }],
    });
    expect(single.body.message).toMatch(/the configured limit \(maxToObjectIds\) is 1/);
    const batch = await ctx.call('POST', `${BATCH}/create`, {
      inputs: [1, 2].map((i) => ({
        from: { id: contacts[i]!.id },
        to: { id: companies[i === 1 ? 1 : 0]!.id },
        types: [{ associationCategory: HS, associationTypeId: 279 }],
      })),
    });
    expect(batch.status).toBe(201);
    const over = await ctx.call('POST', `${BATCH}/create`, {
      inputs: [
        {
          from: { id: contacts[1]!.id },
          to: { id: companies[2]!.id },
          types: [{ associationCategory: HS, associationTypeId: 279 }],
        },
      ],
    });
    expect(over.status).toBe(207);
    expect(over.body.errors[0]).toMatchObject({
      subCategory: 'ASSOCIATION_USER_CONFIG_LIMIT_EXCEEDED',
      errors: [{ code: 'ASSOCIATION_USER_CONFIG_LIMIT_EXCEEDED' }],
    });
  });

  // §3: custom limits ≤ 10,000; label limit ≤ object limit ("valid range"); object limit ≥ label limits (">N").
  it('validates limit configurations against the subscription limit and the pair', async () => {
    const base = `${SCHEMA}/definitions/configurations/contacts/companies/batch`;
    const label = ctx.sandbox.portal.createLabel('contacts', 'companies', {
      label: 'Buyer',
      name: 'buyer',
    })[0]!;
    const tooMany = await ctx.call('POST', `${base}/create`, {
      inputs: [{ category: HS, typeId: 279, maxToObjectIds: 10_001 }],
    });
    expect(tooMany.status).toBe(207);
    expect(tooMany.body.errors[0]).toMatchObject({ category: 'VALIDATION_ERROR' });
    expect(tooMany.body.errors[0].message).toMatch(/subscription limit of 10000; the valid range is 1-10000/);
    const ok = await ctx.call('POST', `${base}/create`, {
      inputs: [
        { category: HS, typeId: 279, maxToObjectIds: 10_000 },
        { category: UD, typeId: label.typeId, maxToObjectIds: 5 },
      ],
    });
    expect(ok.status).toBe(201);
    await ctx.call('POST', `${base}/update`, { inputs: [{ category: HS, typeId: 279, maxToObjectIds: 10 }] });
    const labelOver = await ctx.call('POST', `${base}/update`, {
      inputs: [{ category: UD, typeId: label.typeId, maxToObjectIds: 11 }],
    });
    expect(labelOver.body.errors[0].message).toMatch(
      /must not exceed the object limit of 10.*valid range is 1-10$/,
    );
    expect(
      (
        await ctx.call('POST', `${base}/update`, {
          inputs: [{ category: UD, typeId: label.typeId, maxToObjectIds: 10 }],
        })
      ).status,
    ).toBe(200);
    const objectUnder = await ctx.call('POST', `${base}/update`, {
      inputs: [{ category: HS, typeId: 279, maxToObjectIds: 9 }],
    });
    expect(objectUnder.body.errors[0].message).toMatch(
      /at least the highest label limit, 10; the allowed range is >9$/,
    );
    expect(
      ctx.sandbox.portal.limits('contacts', 'companies').map((l) => [l.typeId, l.maxToObjectIds]),
    ).toEqual([
      [279, 10],
      [label.typeId, 10],
    ]);
  });

  // §3: "Association configurations are not enforced retroactively".
  it('accepts a limit below the current count, keeps the links and refuses only new ones', async () => {
    for (const company of companies.slice(0, 3)) {
      ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', company.id);
    }
    const set = await ctx.call(
      'POST',
      `${SCHEMA}/definitions/configurations/contacts/companies/batch/create`,
      {
        inputs: [{ category: HS, typeId: 279, maxToObjectIds: 1 }],
      },
    );
    expect(set.status).toBe(201);
    expect(links(contacts[0]!)).toHaveLength(3);
    const rewrite = await ctx.call('PUT', pairPath(contacts[0]!.id, companies[0]!.id), [
      { associationCategory: HS, associationTypeId: 1 },
    ]);
    expect(rewrite.status).toBe(201);
    const fourth = await ctx.call('PUT', pairPath(contacts[0]!.id, companies[3]!.id), [
      { associationCategory: HS, associationTypeId: 279 },
    ]);
    expect(fourth.status).toBe(400);
    expect(links(contacts[0]!)).toHaveLength(3);
  });

  // §6: the two 401 bodies; an unknown token is INVALID_AUTHENTICATION with HubSpot's wording.
  it('answers an unknown token with the INVALID_AUTHENTICATION body', async () => {
    const answer = await caller(ctx.sandbox)('GET', `${SCHEMA}/contacts/companies/labels`, undefined, 'nope');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      status: 'error',
      message:
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      correlationId: expect.stringMatching(UUID),
      category: 'INVALID_AUTHENTICATION',
    });
  });

  // §10.9, §10.10: numeric ids; 500 per page on the list; batch read pages per input.
  it('sends ids as numbers and pages the list and batch read per input', async () => {
    for (const company of companies)
      ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', company.id);
    ctx.sandbox.portal.associate('contacts', contacts[1]!.id, 'companies', companies[0]!.id);
    const list = await ctx.call(
      'GET',
      `/crm/objects/${V}/contacts/${contacts[0]!.id}/associations/companies?limit=501`,
    );
    expect(list.body.results).toHaveLength(4);
    expect(typeof list.body.results[0].toObjectId).toBe('number');
    const first = await ctx.call('POST', `${BATCH}/read`, {
      inputs: [{ id: contacts[0]!.id }, { id: contacts[1]!.id }],
    });
    expect(first.status).toBe(200);
    expect(first.body.results[0].to).toHaveLength(2);
    expect(first.body.results[0].paging.next.after).toEqual(expect.any(String));
    expect(first.body.results[1].paging).toBeUndefined();
    const next = await ctx.call('POST', `${BATCH}/read`, {
      inputs: [{ id: contacts[0]!.id, after: first.body.results[0].paging.next.after }],
    });
    expect(next.body.results[0].to.map((t: { toObjectId: number }) => t.toObjectId)).toEqual(
      companies.slice(2).map((c) => Number(c.id)),
    );
  });
});

describe('label cap per object pair (docs/hubspot-fidelity.md §10.7)', () => {
  const create = (call: ReturnType<typeof caller>, i: number) =>
    call('POST', `${SCHEMA}/contacts/deals/labels`, {
      label: `Role ${i}`,
      name: `role_${i}`,
      inverseLabel: `Has ${i}`,
    });

  describe('default 10', () => {
    const ctx = useSandbox({ sandbox: { seed: false } });
    it('refuses the 11th custom label for a pair with a 400 naming the limit; other pairs are free', async () => {
      for (let i = 0; i < 10; i++) expect((await create(ctx.call, i)).status).toBe(200);
      const eleventh = await create(ctx.call, 10);
      expect(eleventh.status).toBe(400);
      expect(eleventh.body).toMatchObject({ category: 'VALIDATION_ERROR', context: { labelLimit: ['10'] } });
      expect(eleventh.body.message).toMatch(/label limit for an object pair is 10/);
      const other = await ctx.call('POST', `${SCHEMA}/contacts/companies/labels`, {
        label: 'Free',
        name: 'free',
      });
      expect(other.status).toBe(200);
    });
  });

  describe('labelLimit option', () => {
    const ctx = useSandbox({ sandbox: { seed: false, labelLimit: 2 } });
    it('counts a paired label once and refuses the third', async () => {
      expect((await create(ctx.call, 0)).status).toBe(200);
      expect((await create(ctx.call, 1)).status).toBe(200);
      const third = await create(ctx.call, 2);
      expect(third.status).toBe(400);
      expect(third.body.message).toMatch(/more than 2 association labels/);
      const usage = await ctx.call(
        'GET',
        `/crm/limits/${V}/associations/labels?fromObjectTypeId=0-1&toObjectTypeId=0-3`,
      );
      expect(usage.body.results[0]).toMatchObject({ limit: 2, usage: 2, percentage: 100 });
    });
  });
});

// §4, §5: search has its own per-second budget; its 429 is SECONDLY and no search answer carries
// X-HubSpot-RateLimit-* headers, on the dated path as on v3.
describe('search budget on the dated path', () => {
  const ctx = useSandbox({ sandbox: { seed: false, searchPerSecond: 1 } });
  it('answers the second search in a second with the SECONDLY 429, neither with rate headers', async () => {
    const search = () => ctx.call('POST', `/crm/objects/${V}/contacts/search`, {});
    const [first, second] = [await search(), await search()];
    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.body).toEqual({
      status: 'error',
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
      correlationId: expect.stringMatching(UUID),
      policyName: 'SECONDLY',
      groupName: expect.stringMatching(/^publicapi:/),
    });
    for (const answer of [first, second]) {
      expect([...answer.headers.keys()].filter((h) => h.startsWith('x-hubspot-ratelimit'))).toEqual([]);
    }
  });
});
