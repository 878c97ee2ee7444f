import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const PREFIXES = ['/crm/associations/v4', '/crm/v4/associations'];

describe('association labels (S1–S4)', () => {
  const ctx = useSandbox();

  it.each(PREFIXES)(
    'lists HubSpot’s contact→company types under %s, unlabeled with label null',
    async (prefix) => {
      const answer = await ctx.call('GET', `${prefix}/contacts/companies/labels`);
      expect(answer.status).toBe(200);
      expect(answer.body.results).toContainEqual({ category: 'HUBSPOT_DEFINED', typeId: 279, label: null });
      expect(answer.body.results).toContainEqual({
        category: 'HUBSPOT_DEFINED',
        typeId: 1,
        label: 'Primary',
      });
      const reverse = await ctx.call('GET', `${prefix}/companies/contacts/labels`);
      expect(reverse.body.results.map((r: { typeId: number }) => r.typeId)).toEqual(
        expect.arrayContaining([2, 280]),
      );
      expect(reverse.body.results.map((r: { typeId: number }) => r.typeId)).not.toContain(279);
    },
  );

  it('creates a paired label: one typeId per direction, the inverse label on the reverse', async () => {
    const answer = await ctx.call('POST', '/crm/associations/v4/contacts/companies/labels', {
      label: 'Manager',
      name: 'manager_employee',
      inverseLabel: 'Employee',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(2);
    const forward = (
      await ctx.call('GET', '/crm/associations/v4/contacts/companies/labels')
    ).body.results.find((r: { label: string }) => r.label === 'Manager');
    const reverse = (
      await ctx.call('GET', '/crm/v4/associations/companies/contacts/labels')
    ).body.results.find((r: { label: string }) => r.label === 'Employee');
    expect(forward).toMatchObject({ category: 'USER_DEFINED' });
    expect(reverse).toMatchObject({ category: 'USER_DEFINED' });
    expect(forward.typeId).toBeGreaterThan(1357);
    expect(new Set(answer.body.results.map((r: { typeId: number }) => r.typeId))).toEqual(
      new Set([forward.typeId, reverse.typeId]),
    );
    const [def] = ctx.sandbox.portal.labels('contacts', 'companies').filter((d) => d.label === 'Manager');
    expect(def?.inverseTypeId).toBe(reverse.typeId);
  });

  it('creates an unpaired label with the same label in both directions', async () => {
    const answer = await ctx.call('POST', '/crm/v4/associations/deals/companies/labels', {
      label: 'Reseller',
      name: 'reseller',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r: { label: string }) => r.label)).toEqual(['Reseller', 'Reseller']);
    expect(ctx.sandbox.portal.labels('companies', 'deals').some((d) => d.label === 'Reseller')).toBe(true);
    expect(ctx.sandbox.portal.labels('deals', 'companies').some((d) => d.label === 'Reseller')).toBe(true);
  });

  it.each([
    ['a hyphen', 'has-hyphen'],
    ['a leading digit', '9lives'],
  ])('refuses an internal name with %s', async (_, name) => {
    const answer = await ctx.call('POST', '/crm/associations/v4/contacts/companies/labels', {
      label: 'Bad',
      name,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ category: 'VALIDATION_ERROR' });
    expect(answer.body.message).toMatch(/hyphens or begin with a numerical character/);
    expect(ctx.sandbox.portal.labels('contacts', 'companies').some((d) => d.label === 'Bad')).toBe(false);
  });

  it('refuses a body without the required name', async () => {
    const answer = await ctx.call('POST', '/crm/associations/v4/contacts/companies/labels', {
      label: 'Nameless',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/Some required fields were not set: \[name\]/);
  });

  it('allows 10 custom labels per object pair (both directions count) and refuses the 11th', async () => {
    // The demo portal already has one ("Decision maker", seedMess.ts).
    const seeded = ctx.sandbox.portal
      .labels('contacts', 'companies')
      .filter((d) => d.category === 'USER_DEFINED').length;
    expect(seeded).toBe(1);
    for (let i = seeded; i < 10; i++) {
      const path = i % 2 === 0 ? 'contacts/companies' : 'companies/contacts';
      const answer = await ctx.call('POST', `/crm/associations/v4/${path}/labels`, {
        label: `L${i}`,
        name: `l${i}`,
      });
      expect(answer.status).toBe(200);
    }
    const eleventh = await ctx.call('POST', '/crm/associations/v4/contacts/companies/labels', {
      label: 'L10',
      name: 'l10',
    });
    expect(eleventh.status).toBe(400);
    expect(eleventh.body.message).toMatch(/more than 10 association labels/);
    const custom = ctx.sandbox.portal
      .labels('contacts', 'companies')
      .filter((d) => d.category === 'USER_DEFINED');
    expect(custom).toHaveLength(10);
    // Another pair has its own allowance.
    const other = await ctx.call('POST', '/crm/associations/v4/contacts/deals/labels', {
      label: 'Sponsor',
      name: 'sponsor',
    });
    expect(other.status).toBe(200);
  });

  it('refuses a second label with the same internal name in the pair', async () => {
    await ctx.call('POST', '/crm/associations/v4/contacts/companies/labels', {
      label: 'A',
      name: 'same_name',
    });
    const again = await ctx.call('POST', '/crm/associations/v4/companies/contacts/labels', {
      label: 'B',
      name: 'same_name',
    });
    expect(again.status).toBe(409);
    expect(again.body.category).toBe('CONFLICT');
  });

  it('renames a label and its inverse (204)', async () => {
    const created = await ctx.call('POST', '/crm/associations/v4/contacts/companies/labels', {
      label: 'Manager',
      name: 'manager',
      inverseLabel: 'Employee',
    });
    const forward = ctx.sandbox.portal.labels('contacts', 'companies').find((d) => d.label === 'Manager')!;
    expect(created.status).toBe(200);
    const update = await ctx.call('PUT', '/crm/associations/v4/contacts/companies/labels', {
      associationTypeId: forward.typeId,
      label: 'Boss',
      inverseLabel: 'Report',
    });
    expect(update.status).toBe(204);
    expect(
      ctx.sandbox.portal.labels('contacts', 'companies').find((d) => d.typeId === forward.typeId)?.label,
    ).toBe('Boss');
    expect(
      ctx.sandbox.portal.labels('companies', 'contacts').find((d) => d.typeId === forward.inverseTypeId)
        ?.label,
    ).toBe('Report');
    const hubspotDefined = await ctx.call('PUT', '/crm/associations/v4/contacts/companies/labels', {
      associationTypeId: 1,
      label: 'Main',
    });
    expect(hubspotDefined.status).toBe(400);
    expect(ctx.sandbox.portal.labels('contacts', 'companies').find((d) => d.typeId === 1)?.label).toBe(
      'Primary',
    );
  });

  it.each(PREFIXES)('refuses to delete HubSpot-defined types under %s', async (prefix) => {
    for (const typeId of [1, 279]) {
      const answer = await ctx.call('DELETE', `${prefix}/contacts/companies/labels/${typeId}`);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/HubSpot-defined/);
    }
    expect(ctx.sandbox.portal.labels('contacts', 'companies').map((d) => d.typeId)).toEqual(
      expect.arrayContaining([1, 279]),
    );
  });

  it('refuses to delete a label in use, then deletes it (both directions) once unused', async () => {
    await ctx.call('POST', '/crm/associations/v4/contacts/companies/labels', {
      label: 'Advisor',
      name: 'advisor',
      inverseLabel: 'Advised',
    });
    const def = ctx.sandbox.portal.labels('contacts', 'companies').find((d) => d.label === 'Advisor')!;
    const contact = ctx.sandbox.portal.findObjects('contacts')[0]!;
    const company = ctx.sandbox.portal.findObjects('companies')[10]!;
    ctx.sandbox.portal.associate('contacts', contact.id, 'companies', company.id, [def.typeId]);

    const refused = await ctx.call('DELETE', `/crm/associations/v4/contacts/companies/labels/${def.typeId}`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/remove the label from those associations before deleting/);

    await ctx.call('DELETE', `/crm/v4/objects/contacts/${contact.id}/associations/companies/${company.id}`);
    const deleted = await ctx.call('DELETE', `/crm/associations/v4/contacts/companies/labels/${def.typeId}`);
    expect(deleted.status).toBe(204);
    expect(ctx.sandbox.portal.labels('contacts', 'companies').some((d) => d.typeId === def.typeId)).toBe(
      false,
    );
    expect(
      ctx.sandbox.portal.labels('companies', 'contacts').some((d) => d.typeId === def.inverseTypeId),
    ).toBe(false);
    const missing = await ctx.call('DELETE', `/crm/associations/v4/contacts/companies/labels/${def.typeId}`);
    expect(missing.status).toBe(404);
  });

  it('gives an unpaired label on a self pair a single type that reads the same both ways', async () => {
    const answer = await ctx.call('POST', '/crm/associations/v4/contacts/contacts/labels', {
      label: 'Colleague',
      name: 'colleague',
    });
    expect(answer.body.results).toHaveLength(1);
    const typeId = answer.body.results[0].typeId;
    const [a, b] = ctx.sandbox.portal.findObjects('contacts');
    ctx.sandbox.portal.associate('contacts', a!.id, 'contacts', b!.id, [typeId]);
    expect(ctx.sandbox.portal.associations('contacts', b!.id, 'contacts')).toEqual([
      {
        toObjectId: a!.id,
        types: [
          { category: 'HUBSPOT_DEFINED', typeId: 449, label: null },
          { category: 'USER_DEFINED', typeId, label: 'Colleague' },
        ],
      },
    ]);
  });
});
