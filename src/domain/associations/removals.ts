import { ADVICE, adviceFor, CancelledError, HubSpotError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import { BATCH, reporting, sendChunked } from '../batching/chunks.js';
import { failure, type Pair, type PairResult, pairKey, specOf, unique } from './outcome.js';
import { typesOfPairs } from './read.js';
import type { WriteProgress } from './writes.js';

const unknownType = (error: unknown) =>
  error instanceof HubSpotError && error.status === 400 && adviceFor(error.message) === ADVICE.invalidType;

/** Removing HubSpot's unlabeled type removes every association of the pair. */
const removesAll = (type: AssociationType) => type.label === null && type.category === 'HUBSPOT_DEFINED';

/**
 * Without `type` removes every association of each pair; with it, only that label. The pairs are
 * read first, so each result says what was removed (`removed` with its types) or that there was
 * nothing to remove (`absent`: no link, no such label, or no such record; a repeat is absent too).
 * HubSpot's archive answers carry no per-pair detail, so a failed request is settled by reading the
 * pairs again.
 */
export async function removePairs(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  pairs: readonly Pair[],
  type?: AssociationType,
  progress?: WriteProgress,
): Promise<PairResult[]> {
  const todo = unique(pairs);
  const before = await typesOfPairs(hubspot, from, to, todo);
  const outcome = new Map<string, PairResult>();
  const doomed = new Map<string, AssociationType[]>();
  for (const p of todo) {
    const types = before.get(pairKey(p)) ?? [];
    const going = !type || removesAll(type) ? types : types.filter((t) => t.typeId === type.typeId);
    if (going.length === 0) outcome.set(pairKey(p), { ...p, status: 'absent' });
    else doomed.set(pairKey(p), going);
  }
  const writes = todo.filter((p) => doomed.has(pairKey(p)));
  const answers = await sendChunked(writes, BATCH.undocumented, reporting(writes.length, progress, archive));
  async function archive(part: Pair[]) {
    if (type) {
      const spec = specOf(type);
      return hubspot.associations.batchArchiveLabels(
        from,
        to,
        part.map((p) => ({ ...p, types: [spec] })),
      );
    }
    const byFrom = new Map<string, string[]>();
    for (const p of part) {
      const toIds = byFrom.get(p.fromId);
      if (toIds) toIds.push(p.toId);
      else byFrom.set(p.fromId, [p.toId]);
    }
    return hubspot.associations.batchArchive(
      from,
      to,
      [...byFrom].map(([fromId, toIds]) => ({ fromId, toIds })),
    );
  }
  const unsure: Array<{ pair: Pair; error: string }> = [];
  for (const answer of answers) {
    for (const p of answer.part) {
      // Refused before it was sent (the call was cancelled), or refused for a type HubSpot does
      // not know (the label changed elsewhere; the caller may look it up again): nothing applied.
      if ('error' in answer && (answer.error instanceof CancelledError || unknownType(answer.error)))
        outcome.set(pairKey(p), { ...p, status: 'failed', error: failure(answer.error) });
      else if ('error' in answer) unsure.push({ pair: p, error: failure(answer.error) });
      else outcome.set(pairKey(p), { ...p, status: 'removed', types: doomed.get(pairKey(p)) });
    }
  }
  if (unsure.length > 0) await settle(hubspot, from, to, unsure, doomed, outcome);
  return pairs.map((p) => outcome.get(pairKey(p)) ?? { ...p, status: 'failed', error: 'not sent' });
}

/** A failed archive request may still have been applied: the portal says which pairs lost their types. */
async function settle(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  unsure: Array<{ pair: Pair; error: string }>,
  doomed: Map<string, AssociationType[]>,
  outcome: Map<string, PairResult>,
): Promise<void> {
  let after: Map<string, AssociationType[]>;
  try {
    after = await typesOfPairs(
      hubspot,
      from,
      to,
      unsure.map((u) => u.pair),
    );
  } catch (error) {
    for (const { pair, error: why } of unsure) {
      outcome.set(pairKey(pair), {
        ...pair,
        status: 'failed',
        error: `${why}; whether it was removed could not be checked (${failure(error)}): list_associations shows it`,
      });
    }
    return;
  }
  for (const { pair, error } of unsure) {
    const k = pairKey(pair);
    const left = new Set((after.get(k) ?? []).map((t) => t.typeId));
    const going = doomed.get(k) ?? [];
    outcome.set(
      k,
      going.some((t) => left.has(t.typeId))
        ? { ...pair, status: 'failed', error }
        : { ...pair, status: 'removed', types: going },
    );
  }
}
