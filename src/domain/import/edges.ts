import { InputError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationCategory, AssociationType } from '../../hubspot/types.js';
import { pairKey } from '../associations/outcome.js';
import type { PairDelta } from '../journal/changes.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { rewriteRefused } from './edgeRetry.js';
import type { EdgeRowInput, EdgeRowResult, Wanted } from './edgeTypes.js';
import { writeEdges } from './edgeWrite.js';

const ID = /^\d{1,20}$/;
/** The type an edge names: its typeId (and category) when given, else its label, else the default. */
async function typeOf(labels: LabelCatalog, from: ObjectType, to: ObjectType, e: EdgeRowInput) {
  if (e.typeId !== undefined && e.typeId !== '') {
    const id = Number(e.typeId);
    if (!Number.isInteger(id) || id <= 0)
      throw new InputError(
        'typeId',
        `${JSON.stringify(String(e.typeId))} is not a typeId`,
        'use a positive whole number from list_association_labels',
      );
    const category = e.category ? (e.category as AssociationCategory) : undefined;
    return labels.resolve(from, to, { associationTypeId: id, associationCategory: category }, 'typeId');
  }
  if (e.label) return labels.resolve(from, to, { label: e.label }, 'label');
  return undefined;
}

/**
 * Restores or copies links with their labels, one chunk of edges at a time. The edges of a pair are
 * grouped and the pair is read first: HubSpot replaces a pair's label set on write, so each write
 * carries what the pair has plus what the rows add (nothing is removed). A pair that already holds
 * every type its rows name is `unchanged`. Results come back per row, in row order.
 */
export async function importEdgeChunk(
  deps: { hubspot: Pick<HubSpot, 'associations'>; labels: LabelCatalog },
  from: ObjectType,
  to: ObjectType,
  rows: Array<{ row: number; input: EdgeRowInput }>,
  options: {
    dryRun?: boolean;
    onProgress?: (done: number, of: number) => void;
    added?: (delta: PairDelta) => void;
  } = {},
): Promise<EdgeRowResult[]> {
  const results = new Map<number, EdgeRowResult>();
  const wanted: Wanted = new Map();
  // All rows' types at once: the labels and typeIds the cached list lacks share one fresh read.
  const typed = await Promise.allSettled(rows.map(({ input }) => typeOf(deps.labels, from, to, input)));
  for (const [i, { row, input }] of rows.entries()) {
    const base = { row, fromId: input.fromId, toId: input.toId };
    try {
      if (!ID.test(input.fromId) || !ID.test(input.toId)) {
        throw new InputError(
          ID.test(input.fromId) ? 'toId' : 'fromId',
          'is not a record id',
          'use the decimal ids export_crm_data writes',
        );
      }
      const outcome = typed[i] as PromiseSettledResult<AssociationType | undefined>;
      if (outcome.status === 'rejected') throw outcome.reason;
      const type = outcome.value;
      const k = pairKey(input);
      const entry = wanted.get(k) ?? {
        pair: { fromId: input.fromId, toId: input.toId },
        types: new Map<number, AssociationType>(),
        rows: [] as number[],
      };
      if (type) entry.types.set(type.typeId, type);
      entry.rows.push(row);
      wanted.set(k, entry);
      results.set(row, { ...base, ...(type ? { typeId: type.typeId } : {}), status: 'planned' });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      results.set(row, {
        ...base,
        status: 'failed',
        error: `${error.field}: ${error.problem}`,
        fix: error.fix,
      });
    }
  }
  if (!options.dryRun && wanted.size > 0) {
    // The pair's unlabeled type: what a link that did not exist gains besides its labels.
    const unlabeled = options.added ? await deps.labels.unlabeled(from, to) : undefined;
    const write = {
      onProgress: options.onProgress,
      added: options.added && ((delta: PairDelta) => options.added?.(delta)),
      unlabeled,
    };
    await writeEdges(deps.hubspot, from, to, wanted, results, write);
    const inputs = new Map(rows.map(({ row, input }) => [row, input]));
    await rewriteRefused(deps, from, to, inputs, wanted, results, write);
  }
  return rows.map(({ row }) => results.get(row) as EdgeRowResult);
}
