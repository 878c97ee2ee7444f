import { InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { CrmObject, SearchFilter } from '../../hubspot/types.js';

/** HubSpot search pages stop at 10,000 results (deeper `after` values get a 400). */
export const MAX_SEARCH_RESULTS = 10_000;

/** HubSpot's search cursor is the offset as a decimal string. */
const offsetOf = (cursor?: string) => (cursor && /^\d+$/.test(cursor) ? Number(cursor) : undefined);

export interface RecordQuery {
  query?: string;
  /** ANDed. */
  filters: SearchFilter[];
  properties: string[];
  limit: number;
  cursor?: string;
}

/**
 * One page of CRM search (its own 5/s budget), with a cursor to continue while HubSpot's
 * 10,000-result ceiling allows.
 */
export async function searchRecords(
  deps: { hubspot: Pick<HubSpot, 'objects'> },
  type: ObjectType,
  q: RecordQuery,
): Promise<{ results: CrmObject[]; total: number; nextCursor?: string }> {
  const offset = offsetOf(q.cursor) ?? 0;
  if (offset >= MAX_SEARCH_RESULTS) {
    throw new InputError(
      'cursor',
      `HubSpot search stops at ${MAX_SEARCH_RESULTS} results`,
      'narrow the query or filters',
    );
  }
  const page = await deps.hubspot.objects.search(type, {
    ...(q.query ? { query: q.query } : {}),
    filterGroups: q.filters.length > 0 ? [{ filters: q.filters }] : [],
    properties: q.properties,
    limit: Math.min(q.limit, MAX_SEARCH_RESULTS - offset),
    after: q.cursor,
  });
  const more = page.after !== undefined && (offsetOf(page.after) ?? 0) < MAX_SEARCH_RESULTS;
  return { results: page.results, total: page.total, ...(more ? { nextCursor: page.after } : {}) };
}
