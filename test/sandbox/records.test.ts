import type { CrmObject } from 'hubspot-sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const HS = 'HUBSPOT_DEFINED';
const typeIds = (types: Array<{ typeId: number }>) => types.map((t) => t.typeId);

describe('record associations (R1–R4, R10)', () => {
  const ctx = useSandbox({ sandbox: { seed: false } });
  let contact: CrmObject;
  let company: CrmObject;

  beforeEach(() => {
    contact = ctx.sandbox.portal.createObject('contacts', { email: 'ada@example.com' });
    company = ctx.sandbox.portal.createObject('companies', { name: 'Acme', domain: 'acme.example.com' });
  });

  it('default-associates (R2) and reports both directions it wrote; both sides see it', async () => {
    const answer = await ctx.call(
      'PUT',
      `/crm/v4/objects/contact/${contact.id}/associations/default/company/${company.id}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'COMPLETE',
      startedAt: expect.any(String),
      completedAt: expect.any(String),
    });
    expect(answer.body.results).toEqual([
      {
        from: { id: contact.id },
        to: { id: company.id },
        associationSpec: { associationCategory: HS, associationTypeId: 279 },
      },
      {
        from: { id: company.id },
        to: { id: contact.id },
        associationSpec: { associationCategory: HS, associationTypeId: 280 },
      },
    ]);
    const fromCompany = await ctx.call(
      'GET',
      `/crm/v4/objects/companies/${company.id}/associations/contacts`,
    );
    expect(fromCompany.body.results).toEqual([
      { toObjectId: Number(contact.id), associationTypes: [{ category: HS, typeId: 280, label: null }] },
    ]);
  });

  it('writes labels (R1, 201) with numeric ids, keeps the unlabeled type and mirrors the inverse', async () => {
    const path = `/crm/v4/objects/contacts/${contact.id}/associations/companies/${company.id}`;
    const answer = await ctx.call('PUT', path, [{ associationCategory: HS, associationTypeId: 1 }]);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      fromObjectTypeId: '0-1',
      fromObjectId: Number(contact.id),
      toObjectTypeId: '0-2',
      toObjectId: Number(company.id),
      labels: ['Primary'],
    });
    expect(typeIds(ctx.sandbox.portal.associations('contacts', contact.id, 'companies')[0]!.types)).toEqual([
      1, 279,
    ]);
    expect(typeIds(ctx.sandbox.portal.associations('companies', company.id, 'contacts')[0]!.types)).toEqual([
      2, 280,
    ]);
  });

  it('treats the R1 array as the full label set: labels left out are removed, unlabeled stays', async () => {
    const label = ctx.sandbox.portal.createLabel('contacts', 'companies', {
      label: 'Champion',
      name: 'champion',
    })[0]!;
    const path = `/crm/v4/objects/contacts/${contact.id}/associations/companies/${company.id}`;
    await ctx.call('PUT', path, [
      { associationCategory: HS, associationTypeId: 1 },
      { associationCategory: 'USER_DEFINED', associationTypeId: label.typeId },
    ]);
    expect(typeIds(ctx.sandbox.portal.associations('contacts', contact.id, 'companies')[0]!.types)).toEqual([
      1,
      279,
      label.typeId,
    ]);
    const replaced = await ctx.call('PUT', path, [
      { associationCategory: 'USER_DEFINED', associationTypeId: label.typeId },
    ]);
    expect(replaced.body.labels).toEqual(['Champion']);
    expect(typeIds(ctx.sandbox.portal.associations('contacts', contact.id, 'companies')[0]!.types)).toEqual([
      279,
      label.typeId,
    ]);
    expect(typeIds(ctx.sandbox.portal.associations('companies', company.id, 'contacts')[0]!.types)).toEqual([
      280,
      label.inverseTypeId!,
    ]);
  });

  it('moves Primary: a contact has one primary company, the old one keeps the unlabeled link', async () => {
    const second = ctx.sandbox.portal.createObject('companies', { name: 'Globex' });
    ctx.sandbox.portal.associate('contacts', contact.id, 'companies', company.id, [1]);
    const answer = await ctx.call(
      'PUT',
      `/crm/v4/objects/contacts/${contact.id}/associations/companies/${second.id}`,
      [{ associationCategory: HS, associationTypeId: 1 }],
    );
    expect(answer.status).toBe(201);
    const links = ctx.sandbox.portal.associations('contacts', contact.id, 'companies');
    expect(links.map((l) => [l.toObjectId, typeIds(l.types)])).toEqual([
      [company.id, [279]],
      [second.id, [1, 279]],
    ]);
    expect(typeIds(ctx.sandbox.portal.associations('companies', company.id, 'contacts')[0]!.types)).toEqual([
      280,
    ]);
  });

  it('refuses a typeId that is not defined for the pair, or given with the wrong category', async () => {
    const path = `/crm/v4/objects/contacts/${contact.id}/associations/companies/${company.id}`;
    const wrongDirection = await ctx.call('PUT', path, [{ associationCategory: HS, associationTypeId: 2 }]);
    expect(wrongDirection.status).toBe(400);
    expect(wrongDirection.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      message: expect.stringMatching(/2 is not a valid/),
    });
    const wrongCategory = await ctx.call('PUT', path, [
      { associationCategory: 'USER_DEFINED', associationTypeId: 1 },
    ]);
    expect(wrongCategory.status).toBe(400);
    expect(wrongCategory.body.message).toMatch(/HUBSPOT_DEFINED, not USER_DEFINED/);
    expect(ctx.sandbox.portal.associations('contacts', contact.id, 'companies')).toEqual([]);
  });

  it('refuses a record that does not exist with HubSpot’s INVALID_OBJECT_IDS body', async () => {
    const answer = await ctx.call(
      'PUT',
      `/crm/v4/objects/contacts/38374264688/associations/companies/${company.id}`,
      [{ associationCategory: HS, associationTypeId: 279 }],
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      status: 'error',
      message: 'One or more associations are invalid',
      context: { INVALID_OBJECT_IDS: ['CONTACT=38374264688 is not valid'] },
      category: 'VALIDATION_ERROR',
    });
    // A company id is not a contact id: ids are portal-wide unique.
    const crossed = await ctx.call(
      'PUT',
      `/crm/v4/objects/contacts/${company.id}/associations/default/companies/${company.id}`,
    );
    expect(crossed.body.context.INVALID_OBJECT_IDS).toEqual([`CONTACT=${company.id} is not valid`]);
    expect(ctx.sandbox.portal.countAssociations()).toBe(0);
  });

  it('lists with cursor paging (R3): 500 per page at most, opaque after, no paging on the last page', async () => {
    const many = ctx.sandbox.portal.createObjects('contacts', 1203, (i) => ({ email: `c${i}@example.com` }));
    for (const c of many) ctx.sandbox.portal.associate('companies', company.id, 'contacts', c.id);
    const seen: number[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const answer = await ctx.call(
        'GET',
        `/crm/v4/objects/companies/${company.id}/associations/contacts?limit=1000${after ? `&after=${after}` : ''}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.results.length).toBeLessThanOrEqual(500);
      seen.push(...answer.body.results.map((r: { toObjectId: number }) => r.toObjectId));
      after = answer.body.paging?.next?.after;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(many.map((c) => Number(c.id)));
    const small = await ctx.call(
      'GET',
      `/crm/v4/objects/companies/${company.id}/associations/contacts?limit=2`,
    );
    expect(small.body.results).toHaveLength(2);
    expect(small.body.paging.next.after).not.toBe(String(small.body.results[1].toObjectId));
    const bad = await ctx.call(
      'GET',
      `/crm/v4/objects/companies/${company.id}/associations/contacts?after=garbage`,
    );
    expect(bad.status).toBe(400);
  });

  it('answers 404 when listing a record that does not exist', async () => {
    const answer = await ctx.call('GET', '/crm/v4/objects/contacts/999/associations/companies');
    expect(answer.status).toBe(404);
  });

  it('deletes every association of the pair (R4, 204) in both directions, records stay', async () => {
    ctx.sandbox.portal.associate('contacts', contact.id, 'companies', company.id, [1]);
    const answer = await ctx.call(
      'DELETE',
      `/crm/v4/objects/contacts/${contact.id}/associations/companies/${company.id}`,
    );
    expect(answer.status).toBe(204);
    expect(answer.body).toBeUndefined();
    expect(ctx.sandbox.portal.associations('contacts', contact.id, 'companies')).toEqual([]);
    expect(ctx.sandbox.portal.associations('companies', company.id, 'contacts')).toEqual([]);
    expect(ctx.sandbox.portal.getObject('contacts', contact.id)).toBeDefined();
  });

  it('queues a high-usage report (R10) and checks the user id', async () => {
    const answer = await ctx.call('POST', '/crm/v4/associations/usage/high-usage-report/42');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      userId: 42,
      userEmail: expect.stringContaining('@'),
      enqueueTime: { dateOnly: false },
    });
    expect(ctx.sandbox.portal.highUsageReports()).toEqual([42]);
    expect((await ctx.call('POST', '/crm/v4/associations/usage/high-usage-report/abc')).status).toBe(400);
  });

  it('drops a record’s associations when the record is archived', async () => {
    ctx.sandbox.portal.associate('contacts', contact.id, 'companies', company.id);
    const answer = await ctx.call('DELETE', `/crm/v3/objects/contacts/${contact.id}`);
    expect(answer.status).toBe(204);
    expect(ctx.sandbox.portal.associations('companies', company.id, 'contacts')).toEqual([]);
    expect(ctx.sandbox.portal.countAssociations()).toBe(0);
  });
});
