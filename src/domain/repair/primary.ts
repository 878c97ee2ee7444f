import type { AssociationType } from '../../hubspot/types.js';

/**
 * HubSpot's PRIMARY types that are single-valued for their from-record: a contact, deal, ticket,
 * order, lead or project has at most one primary company (lead: contact, deal). Keyed by typeId
 * (HubSpot renames the labels; docs/hubspot-fidelity.md §10 rows 3–4): src/data/association-
 * types.json describes each as "<X> to primary <Y>". Their inverses (company→contact 2 "Contact
 * with Primary Company", …) are many-valued for the company and single-valued for the other record.
 */
const OWNED_BY_FROM: ReadonlySet<number> = new Set([1, 5, 26, 509, 578, 580, 582, 1299]);

export interface PrimaryType {
  type: AssociationType;
  /** Whose single value it is: the from-record's (contact→company 1) or the to-record's (company→contact 2). */
  owner: 'from' | 'to';
}

/** The pair's PRIMARY type, if it has one: by typeId, else HubSpot's own wording ("… Primary …"). */
export function primaryOf(types: readonly AssociationType[]): PrimaryType | undefined {
  const own = types.find((t) => t.category === 'HUBSPOT_DEFINED' && OWNED_BY_FROM.has(t.typeId));
  if (own) return { type: own, owner: 'from' };
  const inverse = types.find(
    (t) => t.category === 'HUBSPOT_DEFINED' && t.label !== null && /\bprimary\b/i.test(t.label),
  );
  return inverse ? { type: inverse, owner: 'to' } : undefined;
}

export const hasType = (types: readonly AssociationType[], t: AssociationType) =>
  types.some((x) => x.typeId === t.typeId && x.category === t.category);
