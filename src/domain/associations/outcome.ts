import { adviceFor, CancelledError, HubSpotError } from '../../hubspot/errors.js';
import type { AssociationSpec, AssociationType, BatchOutcome, StandardError } from '../../hubspot/types.js';
import { sendChunked } from '../batching/chunks.js';

export interface Pair {
  fromId: string;
  toId: string;
}

/**
 * What the portal holds for a pair after a write, as an agent can act on it: `associated` (the
 * wanted type is there), `unchanged` (it already was: nothing written), `removed` (with the types
 * removed), `absent` (nothing to remove), `failed` (HubSpot's reason and a fix).
 */
export type PairStatus = 'associated' | 'unchanged' | 'removed' | 'absent' | 'failed';

export interface PairResult extends Pair {
  status: PairStatus;
  /** For `removed`: the types the pair had that are gone now. */
  types?: AssociationType[];
  /** For a labeled `associated`: the pair had no link before (it gained the unlabeled type too). */
  newLink?: boolean;
  error?: string;
}

export const pairKey = (p: Pair) => `${p.fromId}>${p.toId}`;

export const specOf = (t: AssociationType): AssociationSpec => ({
  associationCategory: t.category,
  associationTypeId: t.typeId,
});

export function unique<T extends Pair>(pairs: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const p of pairs) if (!seen.has(pairKey(p))) seen.set(pairKey(p), p);
  return [...seen.values()];
}

/** Per-input errors HubSpot may not repeat: throttling or a server fault, not the input itself. */
const TRANSIENT = /RATE_LIMIT|INTERNAL|UNAVAILABLE|TIMEOUT|LOCKED/i;

/**
 * Per-input errors indexed by every id they name (HubSpot names the failing ids in the message or
 * the context), so finding a pair's errors costs a lookup, not a scan: a 2,000-input answer with
 * 2,000 errors stays linear.
 */
function indexErrors(errors: StandardError[]): Map<string, StandardError[]> {
  const index = new Map<string, StandardError[]>();
  for (const e of errors) {
    const ids = new Set(`${e.message} ${JSON.stringify(e.context ?? {})}`.match(/\d+/g) ?? []);
    for (const id of ids) {
      const list = index.get(id);
      if (list) list.push(e);
      else index.set(id, [e]);
    }
  }
  return index;
}

function errorsFor(pair: Pair, index: Map<string, StandardError[]>): StandardError[] {
  return [...new Set([...(index.get(pair.fromId) ?? []), ...(index.get(pair.toId) ?? [])])];
}

function describe(pair: Pair, errors: StandardError[]): string {
  return errors
    .map((e) => {
      const detail = Object.values(e.context ?? {})
        .flat()
        .filter((v) => v.includes(pair.fromId) || v.includes(pair.toId));
      return detail.length > 0 ? `${e.message} (${detail.slice(0, 3).join(', ')})` : e.message;
    })
    .join('; ');
}

/** A pair's failure, with what to do about it when HubSpot's wording tells. */
function explain(pair: Pair, errors: StandardError[]): string {
  const text = describe(pair, errors);
  const advice = adviceFor(`${text} ${errors.flatMap((e) => Object.keys(e.context ?? {})).join(' ')}`);
  return advice ? `${text}. Fix: ${advice}` : text;
}

export function failure(error: unknown): string {
  return error instanceof HubSpotError ? error.hint : error instanceof Error ? error.message : String(error);
}

interface Unsettled<T> {
  item: T;
  /** Why HubSpot did not confirm the pair (its per-input errors, or the whole chunk's failure). */
  error: string;
  /** Worth one more try if the portal does not hold it: the failure was HubSpot's, not the input's. */
  transient: boolean;
}

export interface WriteJudge {
  /** The pairs an answer names as done (for endpoints whose results list them). */
  confirmed(outcome: BatchOutcome<unknown>): Set<string>;
  /** Reads the pairs back: the keys of those the portal now holds as the write wanted. */
  holds(pairs: Pair[]): Promise<Set<string>>;
}

/**
 * Sends `items` in chunks and reports each pair as the portal holds it. Pairs the answer confirms
 * are associated; for the rest (an error naming a shared id, a whole-chunk failure, an answer lost
 * after the write) HubSpot's answer does not say what happened, so they are read back. A pair the
 * portal does not hold after a transient per-input error gets one more try, alone. Returns a result
 * per unique pair.
 */
export async function writePairs<T extends Pair>(
  items: readonly T[],
  size: number,
  send: (part: T[]) => Promise<BatchOutcome<unknown>>,
  judge: WriteJudge,
): Promise<Map<string, PairResult>> {
  const results = new Map<string, PairResult>();
  const round = async (batch: readonly T[]): Promise<T[]> => {
    const unsettled: Array<Unsettled<T>> = [];
    for (const answer of await sendChunked(batch, size, send)) {
      if ('error' in answer) {
        // Refused before it was sent (the call was cancelled): nothing to read back.
        if (answer.error instanceof CancelledError) {
          for (const item of answer.part)
            results.set(pairKey(item), {
              fromId: item.fromId,
              toId: item.toId,
              status: 'failed',
              error: failure(answer.error),
            });
          continue;
        }
        const error = failure(answer.error);
        for (const item of answer.part) unsettled.push({ item, error, transient: false });
        continue;
      }
      const { errors } = answer.result;
      const done = errors.length > 0 ? judge.confirmed(answer.result) : undefined;
      const index = indexErrors(errors);
      // Errors that name none of the chunk's records (an association type HubSpot does not know)
      // are about the request: they explain the pairs no error of their own names.
      const named = new Set(errors.length > 0 ? answer.part.flatMap((item) => errorsFor(item, index)) : []);
      const general = errors.filter((e) => !named.has(e));
      for (const item of answer.part) {
        const pair = { fromId: item.fromId, toId: item.toId };
        if (!done || done.has(pairKey(pair))) {
          results.set(pairKey(pair), { ...pair, status: 'associated' });
          continue;
        }
        const mine = errorsFor(pair, index);
        const why = mine.length > 0 ? mine : general;
        unsettled.push({
          item,
          error: why.length > 0 ? explain(pair, why) : 'HubSpot did not associate this pair',
          transient:
            mine.length > 0 && mine.every((e) => TRANSIENT.test(`${e.category ?? ''} ${e.status ?? ''}`)),
        });
      }
    }
    if (unsettled.length === 0) return [];
    let held: Set<string>;
    try {
      held = await judge.holds(unsettled.map((u) => u.item));
    } catch (error) {
      for (const u of unsettled) {
        results.set(pairKey(u.item), {
          fromId: u.item.fromId,
          toId: u.item.toId,
          status: 'failed',
          error: `${u.error}; whether it was written could not be checked (${failure(error)}): list_associations shows it`,
        });
      }
      return [];
    }
    const again: T[] = [];
    for (const u of unsettled) {
      const pair = { fromId: u.item.fromId, toId: u.item.toId };
      if (held.has(pairKey(pair))) results.set(pairKey(pair), { ...pair, status: 'associated' });
      else {
        results.set(pairKey(pair), { ...pair, status: 'failed', error: u.error });
        if (u.transient) again.push(u.item);
      }
    }
    return again;
  };
  const again = await round(unique(items));
  if (again.length > 0) await round(again);
  return results;
}
