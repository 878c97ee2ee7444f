import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociatedObject, LimitConfiguration } from '../../hubspot/types.js';
import { readAssociations } from '../associations/read.js';
import { COMPANIES, CONTACTS, type DomainIndex, sharedDomains } from './companies.js';
import type { Findings } from './findings.js';
import type { Apis } from './meter.js';
import type { ScannedRecord } from './scan.js';

/** The audit's checks that look past one record: configured limits and companies sharing a domain. */

export type Limit = LimitConfiguration & { maxToObjectIds: number };

/** Each record over a configured limit: its links of the limited type outnumber the limit. */
export function checkLimits(f: Findings, type: ObjectType, r: ScannedRecord, limits: Limit[]) {
  for (const l of limits) {
    const n = r.links.filter((link) =>
      link.types.some((t) => t.typeId === l.typeId && t.category === l.category),
    ).length;
    if (n > l.maxToObjectIds)
      f.add(
        'overLimit',
        type.name,
        { id: r.id, typeId: l.typeId, count: n, max: l.maxToObjectIds },
        `typeId ${l.typeId}: ${n} > ${l.maxToObjectIds}`,
      );
  }
}

export const distinct = (links: AssociatedObject[]) => new Set(links.map((l) => l.toObjectId)).size;

/** Companies sharing a domain, each with its number of contacts (read where no pass counted them). */
export async function duplicates(
  hubspot: Apis,
  f: Findings,
  index: DomainIndex,
  counts: Map<string, number>,
  signal?: AbortSignal,
) {
  const groups = sharedDomains(index);
  const missing = groups.flatMap((g) => g.ids).filter((id) => !counts.has(id));
  if (missing.length > 0) {
    signal?.throwIfAborted();
    const seen = new Map<string, Set<string>>();
    await readAssociations(
      hubspot,
      COMPANIES,
      CONTACTS,
      missing.map((id) => ({ id })),
      {
        onPage(fromId, objects) {
          const set = seen.get(fromId) ?? new Set<string>();
          for (const o of objects) if (o.types.length > 0) set.add(o.toObjectId);
          seen.set(fromId, set);
        },
      },
    );
    for (const id of missing) counts.set(id, seen.get(id)?.size ?? 0);
  }
  for (const g of groups) {
    const links = g.ids.map((id) => counts.get(id) ?? 0);
    f.add(
      'duplicateDomains',
      COMPANIES.name,
      { domain: g.domain, ids: g.ids, links },
      `contacts: ${links.join(';')}`,
    );
  }
}
