import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('seeded demo portal', () => {
  let a: Sandbox;
  let b: Sandbox;

  beforeAll(async () => {
    [a, b] = await Promise.all([startSandbox(), startSandbox()]);
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('holds 50 companies, 200 contacts, 30 deals and 10 tickets', () => {
    expect(['companies', 'contacts', 'deals', 'tickets'].map((t) => a.portal.countObjects(t))).toEqual([
      50, 200, 30, 10,
    ]);
  });

  it('is deterministic: same ids, properties and links on every start', () => {
    const first = a.portal.findObjects('contacts').slice(0, 5);
    const second = b.portal.findObjects('contacts').slice(0, 5);
    expect(second.map((c) => [c.id, c.properties.email])).toEqual(
      first.map((c) => [c.id, c.properties.email]),
    );
    const contact = first[0]!;
    expect(b.portal.associations('contacts', contact.id, 'companies')).toEqual(
      a.portal.associations('contacts', contact.id, 'companies'),
    );
  });

  it('gives every contact exactly one Primary company, mirrored as typeId 2 on the company', () => {
    for (const contact of a.portal.findObjects('contacts')) {
      const primaries = a.portal
        .associations('contacts', contact.id, 'companies')
        .filter((r) => r.types.some((t) => t.typeId === 1));
      expect(primaries).toHaveLength(1);
      const back = a.portal.associations('companies', primaries[0]!.toObjectId, 'contacts');
      expect(back.find((r) => r.toObjectId === contact.id)?.types.map((t) => t.typeId)).toEqual([2, 280]);
    }
  });

  it('links deals and tickets to companies with their Primary types', () => {
    const deal = a.portal.findObjects('deals')[0]!;
    expect(a.portal.associations('deals', deal.id, 'companies')[0]!.types.map((t) => t.typeId)).toEqual([
      5, 341,
    ]);
    const ticket = a.portal.findObjects('tickets')[0]!;
    expect(a.portal.associations('tickets', ticket.id, 'companies')[0]!.types.map((t) => t.typeId)).toEqual([
      26, 339,
    ]);
    expect(a.portal.associations('tickets', ticket.id, 'contacts')).toHaveLength(1);
  });

  it('holds 5 custom-object projects, each linked to one company and two contacts', () => {
    const projects = a.portal.findObjects('2-3508467');
    expect(projects.map((p) => p.properties.status)).toEqual([
      'planned',
      'active',
      'done',
      'planned',
      'active',
    ]);
    for (const project of projects) {
      expect(a.portal.associations('2-3508467', project.id, 'companies')).toHaveLength(1);
      expect(a.portal.associations('2-3508467', project.id, 'contacts')).toHaveLength(2);
    }
    expect(b.portal.findObjects('p_projects').map((p) => p.id)).toEqual(projects.map((p) => p.id));
  });

  it('starts empty with seed: false', async () => {
    const empty = await startSandbox({ seed: false });
    try {
      expect(empty.portal.countObjects('contacts')).toBe(0);
      expect(empty.portal.countObjects('2-3508467')).toBe(0);
      expect(empty.portal.countAssociations()).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
