import { ADVICE, adviceFor, HubSpotError, InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import { BATCH } from '../batching/chunks.js';
import type { PairDelta } from '../journal/changes.js';
import { readAssociations } from './read.js';

/**
 * Records scanned at most to find where a label is used (HubSpot has no "pairs with this label"
 * query): 100,000 contacts cost ~1,100 requests, about two minutes of a 100-per-10-s budget.
 */
export const USAGE_SCAN_LIMIT = 100_000;

/** HubSpot's refusal to delete a label that still describes associations. */
export const isLabelInUse = (error: unknown): boolean =>
  error instanceof HubSpotError && error.status === 400 && adviceFor(error.message) === ADVICE.labelInUse;

/**
 * Every pair of from→to records that carries `type`: the from records page by page (100 a page),
 * their associations read 1,000 records a request. Refuses past `limit` records with what to do.
 */
export async function pairsWithType(
  hubspot: Pick<HubSpot, 'objects' | 'associations'>,
  from: ObjectType,
  to: ObjectType,
  type: AssociationType,
  limit = USAGE_SCAN_LIMIT,
): Promise<PairDelta[]> {
  const found: PairDelta[] = [];
  const read = async (ids: string[]) => {
    await readAssociations(
      hubspot,
      from,
      to,
      ids.map((id) => ({ id })),
      {
        onPage(fromId, targets) {
          for (const t of targets) {
            const match = t.types.find((x) => x.typeId === type.typeId && x.category === type.category);
            if (match) found.push({ fromId, toId: t.toObjectId, types: [match] });
          }
        },
      },
    );
  };
  let ids: string[] = [];
  let scanned = 0;
  let after: string | undefined;
  do {
    const page = await hubspot.objects.list(from, { limit: 100, after, properties: [] });
    ids.push(...page.results.map((r) => r.id));
    scanned += page.results.length;
    after = page.after;
    if (after && scanned >= limit) {
      throw new InputError(
        'label',
        `is in use, and finding its pairs means reading more than ${limit} ${from.name}`,
        'take it off its pairs with remove_associations first, then delete it',
      );
    }
    if (ids.length >= BATCH.read || !after) {
      if (ids.length > 0) await read(ids);
      ids = [];
    }
  } while (after);
  return found;
}
