import { adviceFor, HubSpotError } from '../hubspot/errors.js';
import type { AssociationSpec, AssociationType, BatchOutcome, StandardError } from '../hubspot/types.js';
import { sendChunked } from './chunks.js';

export interface Pair {
  fromId: string;
  toId: string;
}

export type PairStatus = 'associated' | 'unchanged' | 'removed' | 'failed';

export interface PairResult extends Pair {
  status: PairStatus;
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

/** The per-input errors that name one of the pair's ids (HubSpot names them in the message or context). */
function errorsFor(pair: Pair, errors: StandardError[]): StandardError[] {
  const mentions = (e: StandardError, id: string) =>
    new RegExp(`(^|[^0-9])${id}([^0-9]|$)`).test(`${e.message} ${JSON.stringify(e.context ?? {})}`);
  return errors.filter((e) => mentions(e, pair.fromId) || mentions(e, pair.toId));
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

interface Judged {
  result: PairResult;
  /** Worth one more try: the failure was HubSpot's, not the input's. */
  retry: boolean;
}

/**
 * Sends `items` in chunks and judges each pair from its chunk's answer. Whole-chunk failures were
 * already retried by the client; per-input errors that are transient get one more try here, alone.
 * Returns a result per unique pair.
 */
export async function writePairs<T extends Pair>(
  items: readonly T[],
  size: number,
  send: (part: T[]) => Promise<BatchOutcome<unknown>>,
  /** For endpoints whose results name the pairs done: a pair missing from them failed. */
  done?: (outcome: BatchOutcome<unknown>) => Set<string>,
): Promise<Map<string, PairResult>> {
  const judge = async (batch: readonly T[]): Promise<Array<Judged & { item: T }>> => {
    const answers = await sendChunked(batch, size, send);
    return answers.flatMap((answer) =>
      answer.part.map((item): Judged & { item: T } => {
        const pair = { fromId: item.fromId, toId: item.toId };
        if ('error' in answer)
          return { item, retry: false, result: { ...pair, status: 'failed', error: failure(answer.error) } };
        const mine = errorsFor(pair, answer.result.errors);
        const missing =
          done !== undefined && answer.result.errors.length > 0 && !done(answer.result).has(pairKey(pair));
        if (mine.length === 0 && !missing)
          return { item, retry: false, result: { ...pair, status: 'associated' } };
        const error = mine.length > 0 ? explain(pair, mine) : 'HubSpot did not associate this pair';
        const retry =
          mine.length > 0 && mine.every((e) => TRANSIENT.test(`${e.category ?? ''} ${e.status ?? ''}`));
        return { item, retry, result: { ...pair, status: 'failed', error } };
      }),
    );
  };
  const first = await judge(unique(items));
  const again = first.filter((j) => j.retry).map((j) => j.item);
  const second = again.length > 0 ? await judge(again) : [];
  return new Map([...first, ...second].map((j) => [pairKey(j.result), j.result]));
}
