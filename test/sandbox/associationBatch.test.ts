import type { CrmObject } from 'hubspot-sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const HS = 'HUBSPOT_DEFINED';
const BATCH = '/crm/v4/associations/contacts/companies/batch';

describe('association batch endpoints (R5–R9)', () => {
  const ctx = useSandbox({ sandbox: { seed: false, batchReadPageSize: 3 } });
  let contacts: CrmObject[];
  let companies: CrmObject[];

  beforeEach(() => {
    contacts = ctx.sandbox.portal.createObjects('contacts', 8, (i) => ({ email: `c${i}@example.com` }));
    companies = ctx.sandbox.portal.createObjects('companies', 8, (i) => ({ name: `Company ${i}` }));
  });

  it('batch create with one bad id answers 207: one error, the good input applied', async () => {
    const answer = await ctx.call('POST', `${BATCH}/create`, {
      inputs: [
        {
          from: { id: contacts[0]!.id },
          to: { id: companies[0]!.id },
          types: [{ associationCategory: HS, associationTypeId: 1 }],
        },
        {
          from: { id: '999' },
          to: { id: companies[1]!.id },
          types: [{ associationCategory: HS, associationTypeId: 279 }],
        },
      ],
    });
    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({ status: 'COMPLETE', numErrors: 1 });
    expect(answer.body.results).toEqual([
      {
        fromObjectTypeId: '0-1',
        fromObjectId: Number(contacts[0]!.id),
        toObjectTypeId: '0-2',
        toObjectId: Number(companies[0]!.id),
        labels: ['Primary'],
      },
    ]);
    expect(answer.body.errors).toEqual([
      {
        status: 'error',
        category: 'VALIDATION_ERROR',
        message: 'One or more associations are invalid',
        errors: [],
        context: { INVALID_OBJECT_IDS: ['CONTACT=999 is not valid'] },
        links: {},
      },
    ]);
    expect(ctx.sandbox.portal.associations('contacts', contacts[0]!.id, 'companies')).toHaveLength(1);
    expect(ctx.sandbox.portal.countAssociations()).toBe(2); // one link, seen from both sides
  });

  it('batch create with every input good answers 201 without errors', async () => {
    const answer = await ctx.call('POST', `${BATCH}/create`, {
      inputs: contacts.map((c, i) => ({
        from: { id: c.id },
        to: { id: Number(companies[i]!.id) }, // numbers are accepted like HubSpot does
        types: [{ associationCategory: HS, associationTypeId: 279 }],
      })),
    });
    expect(answer.status).toBe(201);
    expect(answer.body.numErrors).toBeUndefined();
    expect(answer.body.results).toHaveLength(8);
    expect(ctx.sandbox.portal.countAssociations()).toBe(16);
  });

  it.each([
    ['create', 2001, 2000],
    ['read', 1001, 1000],
  ])(
    'refuses more inputs than HubSpot allows on %s (%i → 400) and writes nothing',
    async (endpoint, n, cap) => {
      const inputs = Array.from({ length: n }, () =>
        endpoint === 'read'
          ? { id: contacts[0]!.id }
          : {
              from: { id: contacts[0]!.id },
              to: { id: companies[0]!.id },
              types: [{ associationCategory: HS, associationTypeId: 279 }],
            },
      );
      const answer = await ctx.call('POST', `${BATCH}/${endpoint}`, { inputs });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        category: 'VALIDATION_ERROR',
        message: expect.stringContaining(`exceeds limit of ${cap}`),
      });
      expect(ctx.sandbox.portal.countAssociations()).toBe(0);
    },
  );

  it('refuses a body without inputs, or with an input missing required fields', async () => {
    const none = await ctx.call('POST', `${BATCH}/create`, { items: [] });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/Some required fields were not set: \[inputs\]/);
    const partial = await ctx.call('POST', `${BATCH}/create`, {
      inputs: [{ from: { id: contacts[0]!.id }, to: { id: companies[0]!.id } }],
    });
    expect(partial.status).toBe(400);
    expect(partial.body.message).toMatch(/\[types\]/);
  });

  it('batch associate/default answers 200 with failures inside the body', async () => {
    const answer = await ctx.call('POST', `${BATCH}/associate/default`, {
      inputs: [
        { from: { id: contacts[0]!.id }, to: { id: companies[0]!.id } },
        { from: { id: contacts[1]!.id }, to: { id: '123' } },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.numErrors).toBe(1);
    expect(answer.body.errors[0].context.INVALID_OBJECT_IDS).toEqual(['COMPANY=123 is not valid']);
    expect(
      answer.body.results.map(
        (r: { associationSpec: { associationTypeId: number } }) => r.associationSpec.associationTypeId,
      ),
    ).toEqual([279, 280]);
  });

  it('batch read pages per input: each input follows its own paging.next.after', async () => {
    for (const company of companies.slice(0, 7))
      ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', company.id);
    ctx.sandbox.portal.associate('contacts', contacts[1]!.id, 'companies', companies[0]!.id);

    const collected = new Map<string, number[]>();
    let inputs: Array<{ id: string; after?: string }> = [
      { id: contacts[0]!.id },
      { id: contacts[1]!.id },
      { id: contacts[2]!.id },
    ];
    let rounds = 0;
    while (inputs.length > 0) {
      const answer = await ctx.call('POST', `${BATCH}/read`, { inputs });
      expect(answer.status).toBe(200);
      rounds++;
      const next: typeof inputs = [];
      for (const result of answer.body.results) {
        expect(result.to.length).toBeLessThanOrEqual(3);
        const ids = collected.get(result.from.id) ?? [];
        ids.push(...result.to.map((t: { toObjectId: number }) => t.toObjectId));
        collected.set(result.from.id, ids);
        if (result.paging) next.push({ id: result.from.id, after: result.paging.next.after });
      }
      inputs = next;
    }
    expect(rounds).toBe(3); // 7 companies at 3 per page
    expect(collected.get(contacts[0]!.id)).toEqual(companies.slice(0, 7).map((c) => Number(c.id)));
    expect(collected.get(contacts[1]!.id)).toEqual([Number(companies[0]!.id)]);
    expect(collected.get(contacts[2]!.id)).toEqual([]);
  });

  it('batch read answers 207 for ids that do not exist, with the others read', async () => {
    ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', companies[0]!.id, [1]);
    const answer = await ctx.call('POST', `${BATCH}/read`, {
      inputs: [{ id: contacts[0]!.id }, { id: '77' }],
    });
    expect(answer.status).toBe(207);
    expect(answer.body.numErrors).toBe(1);
    expect(answer.body.errors[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { fromObjectId: ['77'] },
    });
    expect(answer.body.results).toEqual([
      {
        from: { id: contacts[0]!.id },
        to: [
          {
            toObjectId: Number(companies[0]!.id),
            associationTypes: [
              { category: HS, typeId: 1, label: 'Primary' },
              { category: HS, typeId: 279, label: null },
            ],
          },
        ],
      },
    ]);
  });

  it('batch archive (204) removes every association of each pair; `to` is an array', async () => {
    for (const company of companies.slice(0, 3))
      ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', company.id, [931]);
    const answer = await ctx.call('POST', `${BATCH}/archive`, {
      inputs: [{ from: { id: contacts[0]!.id }, to: [{ id: companies[0]!.id }, { id: companies[1]!.id }] }],
    });
    expect(answer.status).toBe(204);
    expect(
      ctx.sandbox.portal.associations('contacts', contacts[0]!.id, 'companies').map((r) => r.toObjectId),
    ).toEqual([companies[2]!.id]);
    expect(ctx.sandbox.portal.associations('companies', companies[0]!.id, 'contacts')).toEqual([]);
    const notArray = await ctx.call('POST', `${BATCH}/archive`, {
      inputs: [{ from: { id: contacts[0]!.id }, to: { id: companies[2]!.id } }],
    });
    expect(notArray.status).toBe(400);
  });

  it('batch labels/archive removes just the label; removing the unlabeled type removes the pair', async () => {
    ctx.sandbox.portal.associate('contacts', contacts[0]!.id, 'companies', companies[0]!.id, [1, 931]);
    ctx.sandbox.portal.associate('contacts', contacts[1]!.id, 'companies', companies[1]!.id, [931]);
    const answer = await ctx.call('POST', `${BATCH}/labels/archive`, {
      inputs: [
        {
          from: { id: contacts[0]!.id },
          to: { id: companies[0]!.id },
          types: [{ associationCategory: HS, associationTypeId: 931 }],
        },
        {
          from: { id: contacts[1]!.id },
          to: { id: companies[1]!.id },
          types: [{ associationCategory: HS, associationTypeId: 279 }],
        },
      ],
    });
    expect(answer.status).toBe(204);
    expect(
      ctx.sandbox.portal
        .associations('contacts', contacts[0]!.id, 'companies')[0]!
        .types.map((t) => t.typeId),
    ).toEqual([1, 279]);
    expect(
      ctx.sandbox.portal
        .associations('companies', companies[0]!.id, 'contacts')[0]!
        .types.map((t) => t.typeId),
    ).toEqual([2, 280]);
    expect(ctx.sandbox.portal.associations('contacts', contacts[1]!.id, 'companies')).toEqual([]);
    expect(ctx.sandbox.portal.associations('companies', companies[1]!.id, 'contacts')).toEqual([]);
  });
});
