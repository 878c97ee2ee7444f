/** HubSpot's default (HUBSPOT_DEFINED) association types, paired with their inverses. */
import { CUSTOM_OBJECTS } from './customObjects.js';
import catalogue from './data/association-types.json' with { type: 'json' };
import { findObjectType, objectTypeLabels } from './objectTypes.js';
import type { AssociationTypeDef } from './types.js';

/** The catalogue names object types by plural name; the portal's own table gives their ids. */
const typeId = (name: string): string | undefined => findObjectType(name)?.id;

/** Inverses the "same label in the reverse pair" rule cannot find: parent/child company share a pair. */
const EXPLICIT_INVERSES: Record<number, number> = { 13: 14, 14: 13 };

/**
 * Types where the from-record holds at most one to-record: a contact, deal, ticket, order, lead or
 * project has one primary company (contact), so writing a new primary moves it (HubSpot UI and API
 * behave this way). Listed by typeId because labels are renamed by HubSpot; descriptions mislead
 * (2 "Company to primary contact" is many-valued: the inverse of 1).
 */
export const SINGLE_VALUED_TYPE_IDS: ReadonlySet<number> = new Set([1, 5, 26, 509, 578, 580, 582, 1299]);

/** The guide's PRIMARY types (its tables label them all "Primary"), whatever HubSpot calls them now. */
export const PRIMARY_TYPE_IDS: ReadonlySet<number> = new Set(
  catalogue.types.filter((t) => t.label === 'Primary').map((t) => t.typeId),
);

const COMPANIES = '0-2';

/**
 * The label HubSpot answers for a PRIMARY type. Since 2024-02-19 the company-side types are
 * "<Object> with Primary Company" (changelog "changes-to-primary-labels-for-hubspot-defined-
 * association-labels"; docs/hubspot-fidelity.md §10.3): company→contact typeId 2 reads "Contact with
 * Primary Company" in real data (amp-labs/connectors#1271), company→deal 6 "Deal with Primary
 * Company". The rule: a PRIMARY type FROM companies is labelled with the other object's singular
 * name plus " with Primary Company" (2, 6, 25, 510); the other direction (contact→company 1, deal→
 * company 5, ticket→company 26, order 509, lead 580, project 1299) and the lead primaries that do
 * not involve a company (578, 582, 583) keep "Primary", as real reads of typeId 1 still show.
 * Clients must key on typeId (the changelog says so); this text only has to be HubSpot's.
 */
function primaryLabel(fromTypeId: string, toTypeId: string): string {
  if (fromTypeId !== COMPANIES) return 'Primary';
  const to = findObjectType(toTypeId);
  return `${to ? objectTypeLabels(to).singular : toTypeId} with Primary Company`;
}

interface Raw {
  fromTypeId: string;
  toTypeId: string;
  typeId: number;
  label: string | null;
}

const pairKey = (from: string, to: string) => `${from}>${to}`;

/** Builds the HUBSPOT_DEFINED types (skipping object types HubSpot gives no id) with inverses. */
export function hubspotDefinedTypes(): AssociationTypeDef[] {
  const raw: Raw[] = [];
  for (const t of catalogue.types) {
    const fromTypeId = typeId(t.from);
    const toTypeId = typeId(t.to);
    if (!fromTypeId || !toTypeId) continue;
    const label = PRIMARY_TYPE_IDS.has(t.typeId) ? primaryLabel(fromTypeId, toTypeId) : t.label;
    raw.push({ fromTypeId, toTypeId, typeId: t.typeId, label });
  }
  const byPair = new Map<string, Raw[]>();
  for (const t of raw) {
    const key = pairKey(t.fromTypeId, t.toTypeId);
    const list = byPair.get(key) ?? [];
    list.push(t);
    byPair.set(key, list);
  }
  const firstUnlabeled = (list: Raw[] | undefined) => list?.find((t) => t.label === null);

  return raw.map((t): AssociationTypeDef => {
    const reverse = byPair.get(pairKey(t.toTypeId, t.fromTypeId));
    let inverseTypeId: number | null = EXPLICIT_INVERSES[t.typeId] ?? null;
    if (inverseTypeId === null && t.label === null) {
      // Only the pair's main unlabeled type mirrors; the odd second ones (571, 565) stay one-way.
      const own = firstUnlabeled(byPair.get(pairKey(t.fromTypeId, t.toTypeId)));
      if (own === t) inverseTypeId = firstUnlabeled(reverse)?.typeId ?? null;
    } else if (inverseTypeId === null) {
      // PRIMARY pairs match on the guide's "Primary" (their current labels differ by direction).
      const same = (r: Raw) =>
        PRIMARY_TYPE_IDS.has(t.typeId) ? PRIMARY_TYPE_IDS.has(r.typeId) : r.label === t.label;
      inverseTypeId = reverse?.find((r) => r !== t && same(r))?.typeId ?? null;
    }
    return {
      fromTypeId: t.fromTypeId,
      toTypeId: t.toTypeId,
      typeId: t.typeId,
      category: 'HUBSPOT_DEFINED',
      label: t.label,
      inverseTypeId,
    };
  });
}

/** The custom object types' association types (USER_DEFINED, unlabeled; see customObjects.ts). */
export function customObjectTypes(): AssociationTypeDef[] {
  return CUSTOM_OBJECTS.flatMap((schema) =>
    schema.associations.flatMap((a): AssociationTypeDef[] => [
      {
        fromTypeId: schema.objectTypeId,
        toTypeId: a.toObjectTypeId,
        typeId: a.typeId,
        category: 'USER_DEFINED',
        label: null,
        name: a.name,
        inverseTypeId: a.inverseTypeId,
      },
      {
        fromTypeId: a.toObjectTypeId,
        toTypeId: schema.objectTypeId,
        typeId: a.inverseTypeId,
        category: 'USER_DEFINED',
        label: null,
        name: a.inverseName,
        inverseTypeId: a.typeId,
      },
    ]),
  );
}

/** Custom typeIds start above every HubSpot-defined id so the two never collide. */
export function firstCustomTypeId(): number {
  const max = Math.max(...catalogue.types.map((t) => t.typeId));
  return Math.max(2000, max + 1);
}
