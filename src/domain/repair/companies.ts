import { type ObjectType, resolveObjectType } from '../../hubspot/objectTypes.js';
import { normalizeDomain } from './domains.js';
import type { Apis } from './meter.js';
import { type ScannedRecord, scanRecords } from './scan.js';

export const CONTACTS = resolveObjectType('contacts');
export const COMPANIES = resolveObjectType('companies');

/** Every company's domain as compared (domains.ts): domain → company ids, in id order. */
export type DomainIndex = Map<string, string[]>;

export function addToIndex(index: DomainIndex, id: string, domain: string | null | undefined): void {
  const d = normalizeDomain(domain);
  if (!d) return;
  const ids = index.get(d);
  if (ids) ids.push(id);
  else index.set(d, [id]);
}

/**
 * Lists every company (100 a page) into a domain index. With `linksTo`, each company's
 * associations to that type are read too (1,000 ids a request) and handed to `onChunk`.
 */
export async function indexCompanies(
  hubspot: Apis,
  options: {
    linksTo?: ObjectType;
    signal?: AbortSignal;
    onChunk?: (records: ScannedRecord[]) => void | Promise<void>;
  } = {},
): Promise<DomainIndex> {
  const index: DomainIndex = new Map();
  await scanRecords(hubspot, {
    from: COMPANIES,
    ...(options.linksTo ? { to: options.linksTo } : {}),
    properties: ['domain'],
    ...(options.signal ? { signal: options.signal } : {}),
    async onChunk(records) {
      for (const r of records) addToIndex(index, r.id, r.properties.domain);
      await options.onChunk?.(records);
    },
  });
  return index;
}

/** Domains two or more companies share: the duplicates a merge would fold together. */
export function sharedDomains(index: DomainIndex): Array<{ domain: string; ids: string[] }> {
  return [...index]
    .filter(([, ids]) => ids.length > 1)
    .map(([domain, ids]) => ({ domain, ids }))
    .sort((a, b) => a.domain.localeCompare(b.domain));
}
