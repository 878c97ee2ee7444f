/**
 * The mess a real portal collects, added to the demo portal after its tidy records (so their ids
 * do not move): what audit_associations finds and repair_associations fixes. Sources of the
 * patterns: contacts imported without their company (a CSV import that linked none of 16,535
 * rows), free-mail sign-ups, a company created twice for one domain, a contact linked to two
 * companies with neither Primary, a label limit set after the links existed (limits are not
 * retroactive: docs/hubspot-fidelity.md §3).
 */
import { resolveObjectType } from './objectTypes.js';
import type { PortalState } from './portal.js';
import type { CrmObject } from './types.js';

const EPOCH = Date.UTC(2024, 1, 1, 9, 0, 0);

export function seedMess(state: PortalState, companies: readonly CrmObject[], ada: CrmObject): void {
  const { objects, associations, labels, limits } = state;
  const contact = resolveObjectType('contacts');
  const company = resolveObjectType('companies');
  let n = 0;
  const person = (firstname: string, lastname: string, email?: string) =>
    objects.create(
      contact.id,
      { firstname, lastname, ...(email ? { email } : {}), lifecyclestage: 'lead' },
      EPOCH + n++ * 60_000,
    );
  const link = (c: CrmObject, to: CrmObject, typeIds: number[] = []) =>
    associations.setTypes(
      { type: contact, id: c.id },
      { type: company, id: to.id },
      typeIds.map((t) => labels.find(contact.id, company.id, t)!),
    );
  const domain = (i: number) => companies[i]!.properties.domain;

  // A second Acme Labs for the same domain (written as a website), with people of its own.
  const twin = objects.create(
    company.id,
    { name: 'Acme Labs Inc.', domain: `www.${domain(0)!.replace('acmelabs', 'AcmeLabs')}`, city: 'Boston' },
    EPOCH,
  );
  link(person('Ines', 'Duarte', `ines.duarte@${domain(0)}`), twin, [1]);
  link(person('Omar', 'Haddad', `omar.haddad@${domain(0)}`), twin, [1]);

  // Imported without a company: three whose domain is one company's, one Acme (two companies),
  // two at domains no company has, three free-mail addresses, one with no e-mail at all.
  person('Priya', 'Nair', `priya.nair@${domain(1)}`);
  person('Jonas', 'Berg', `jonas.berg@${domain(2)}`);
  person('Mei', 'Chen', `mei.chen@${domain(3)}`);
  person('Lena', 'Fischer', `lena.fischer@${domain(0)}`);
  person('Carlos', 'Mendes', 'carlos@northwind-traders.example');
  person('Aiko', 'Tanaka', 'aiko.tanaka@contoso.example');
  person('Ravi', 'Patel', 'ravi.patel1987@gmail.com');
  person('Sara', 'Lind', 'sara.lind@yahoo.com');
  person('Noah', 'Becker', 'noah.becker@outlook.com');
  person('Walk-in', 'Visitor');

  // Linked, but no company is Primary: one match by e-mail domain, one only company, one neither.
  const sam = person('Sam', 'Rivera', `sam.rivera@${domain(5)}`);
  link(sam, companies[5]!);
  link(sam, companies[6]!);
  link(person('Ana', 'Lima', 'ana.lima@gmail.com'), companies[7]!);
  const tom = person('Tom', 'Okafor', 'tom.okafor@contoso.example');
  link(tom, companies[8]!);
  link(tom, companies[9]!);

  // "Decision maker" may be one company per contact, but the first contact already held it twice.
  const [decides] = labels.create(contact, company, { label: 'Decision maker', name: 'decision_maker' });
  for (const to of [companies[0]!, companies[1]!]) {
    const types = [
      ...(associations
        .page({ type: contact, id: ada.id }, company, undefined, 10)
        .items.find((r) => r.toObjectId === to.id)?.types ?? []),
    ];
    associations.setTypes({ type: contact, id: ada.id }, { type: company, id: to.id }, [
      ...types.filter((t) => t.label !== null).map((t) => labels.find(contact.id, company.id, t.typeId)!),
      decides!,
    ]);
  }
  limits.create(contact, company, { category: 'USER_DEFINED', typeId: decides!.typeId, maxToObjectIds: 1 });
}
