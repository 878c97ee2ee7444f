/** HubSpot's default (HUBSPOT_DEFINED) association types, paired with their inverses. */
import catalogue from './data/association-types.json' with { type: 'json' };
import { findObjectType } from './objectTypes.js';
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
    raw.push({ fromTypeId, toTypeId, typeId: t.typeId, label: t.label });
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
      inverseTypeId = reverse?.find((r) => r.label === t.label && r !== t)?.typeId ?? null;
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

/** Custom typeIds start above every HubSpot-defined id so the two never collide. */
export function firstCustomTypeId(): number {
  const max = Math.max(...catalogue.types.map((t) => t.typeId));
  return Math.max(2000, max + 1);
}
