import { setTimeout as sleep } from 'node:timers/promises';
import type { HubSpot } from '../../hubspot/index.js';
import type { CrmObject } from '../../hubspot/types.js';
import { failure } from '../associations/outcome.js';
import { chunk } from '../batching/chunks.js';
import type { RecordFinder } from '../records/finder.js';
import { COMPANIES } from '../records/findOrCreate.js';
import { companyKeyOf, type Key } from './rows.js';

/** HubSpot's IN filter takes at most 100 values. */
export const IN_VALUES = 100;

type Deps = { hubspot: Pick<HubSpot, 'objects'>; records: RecordFinder };

const byAge = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
const propOf = (o: CrmObject, name: string) => (o.properties[name] ?? '').trim();
/** A created company's key: its domain when it has one (rows with a domain are keyed by it), else its name. */
export const resultKey = (o: CrmObject) =>
  propOf(o, 'domain')
    ? companyKeyOf({ propertyName: 'domain', value: propOf(o, 'domain') })
    : companyKeyOf({ propertyName: 'name', value: propOf(o, 'name') });

/**
 * Searches the companies by domain (or name), 100 values per IN filter, paging through every match
 * (search has its own 5/s budget; the client keeps to it). Returns key → ids, oldest first, and
 * the keys whose search failed.
 */
export async function search(hubspot: Deps['hubspot'], keys: Key[]) {
  const found = new Map<string, string[]>();
  const failed = new Map<string, string>();
  const groups = (['domain', 'name'] as const).flatMap((propertyName) =>
    chunk(
      keys.filter((k) => k.propertyName === propertyName),
      IN_VALUES,
    ).map((part) => ({ propertyName, part })),
  );
  await Promise.all(
    groups.map(async ({ propertyName, part }) => {
      const values = part.map((k) => k.value);
      try {
        let after: string | undefined;
        do {
          const page = await hubspot.objects.search(COMPANIES, {
            filterGroups: [{ filters: [{ propertyName, operator: 'IN', values }] }],
            properties: [propertyName],
            limit: 200,
            after,
          });
          for (const o of page.results) {
            const k = companyKeyOf({ propertyName, value: propOf(o, propertyName) });
            found.set(k, [...(found.get(k) ?? []), o.id]);
          }
          after = page.after;
        } while (after);
      } catch (error) {
        for (const k of part) failed.set(companyKeyOf(k), failure(error));
      }
    }),
  );
  for (const ids of found.values()) ids.sort(byAge);
  return { found, failed };
}

/** After a create whose answer was lost: searches until each key shows up or the index lag has passed. */
export async function settle(deps: Deps, keys: Key[]): Promise<Map<string, string>> {
  const { settleMs, pollMs, now } = deps.records.timing;
  const landed = new Map<string, string>();
  const until = now() + settleMs;
  for (;;) {
    const left = keys.filter((k) => !landed.has(companyKeyOf(k)));
    const { found } = await search(deps.hubspot, left);
    for (const k of left) {
      const id = found.get(companyKeyOf(k))?.[0];
      if (id) landed.set(companyKeyOf(k), id);
    }
    if (landed.size === keys.length || now() >= until) return landed;
    await sleep(Math.min(pollMs, Math.max(0, until - now())));
  }
}
