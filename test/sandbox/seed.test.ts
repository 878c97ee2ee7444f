import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('seeded demo portal', () => {
  let a: Sandbox;
  let b: Sandbox;

  beforeAll(async () => {
    [a, b] = await Promise.all([startSandbox(), startSandbox()]);
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('holds 51 companies, 215 contacts, 30 deals and 10 tickets', () => {
    expect(['companies', 'contacts', 'deals', 'tickets'].map((t) => a.portal.countObjects(t))).toEqual([
      51, 215, 30, 10,
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

  it('gives each of the first 200 contacts exactly one Primary company, mirrored as typeId 2 on the company', () => {
    for (const contact of a.portal.findObjects('contacts').slice(0, 200)) {
      const primaries = a.portal
        .associations('contacts', contact.id, 'companies')
        .filter((r) => r.types.some((t) => t.typeId === 1));
      expect(primaries).toHaveLength(1);
      const back = a.portal.associations('companies', primaries[0]!.toObjectId, 'contacts');
      const defined = back
        .find((r) => r.toObjectId === contact.id)
        ?.types.filter((t) => t.category === 'HUBSPOT_DEFINED');
      expect(defined?.map((t) => t.typeId)).toEqual([2, 280]);
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

  it('has the mess a real portal collects: orphans, no Primary, a duplicate company, a label over its limit', () => {
    const contacts = a.portal.findObjects('contacts');
    const companies = (id: string) => a.portal.associations('contacts', id, 'companies');
    const orphans = contacts.filter((c) => companies(c.id).length === 0);
    expect(orphans.map((c) => c.properties.email?.split('@')[1] ?? null)).toEqual([
      'globexlabs.example.com',
      'initechlabs.example.com',
      'umbrellalabs.example.com',
      'acmelabs.example.com',
      'northwind-traders.example',
      'contoso.example',
      'gmail.com',
      'yahoo.com',
      'outlook.com',
      null,
    ]);
    const noPrimary = contacts.filter(
      (c) => companies(c.id).length > 0 && !companies(c.id).some((r) => r.types.some((t) => t.typeId === 1)),
    );
    expect(noPrimary.map((c) => companies(c.id).length)).toEqual([2, 1, 2]);
    const twins = a.portal
      .findObjects('companies')
      .filter((c) => /acmelabs\.example\.com$/i.test(c.properties.domain ?? ''));
    expect(twins.map((c) => c.properties.domain)).toEqual([
      'acmelabs.example.com',
      'www.AcmeLabs.example.com',
    ]);
    for (const twin of twins)
      expect(a.portal.associations('companies', twin.id, 'contacts').length).toBeGreaterThan(0);
    const decides = a.portal.labels('contacts', 'companies').find((t) => t.label === 'Decision maker')!;
    expect(a.portal.limits('contacts', 'companies').map((l) => [l.typeId, l.maxToObjectIds])).toEqual([
      [decides.typeId, 1],
    ]);
    const holders = contacts.filter(
      (c) => companies(c.id).filter((r) => r.types.some((t) => t.typeId === decides.typeId)).length > 1,
    );
    expect(holders.map((c) => c.properties.email)).toEqual([contacts[0]!.properties.email]);
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
