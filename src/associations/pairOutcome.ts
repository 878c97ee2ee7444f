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
    return answers.flatMap((answer) => {
      if ('error' in answer) {
        const error = failure(answer.error);
        return answer.part.map((item) => ({
          item,
          retry: false,
          result: { fromId: item.fromId, toId: item.toId, status: 'failed' as const, error },
        }));
      }
      const { errors } = answer.result;
      const index = indexErrors(errors);
      const succeeded = done && errors.length > 0 ? done(answer.result) : undefined;
      return answer.part.map((item): Judged & { item: T } => {
        const pair = { fromId: item.fromId, toId: item.toId };
        const mine = errorsFor(pair, index);
        const missing = succeeded !== undefined && !succeeded.has(pairKey(pair));
        if (mine.length === 0 && !missing)
          return { item, retry: false, result: { ...pair, status: 'associated' } };
        const error = mine.length > 0 ? explain(pair, mine) : 'HubSpot did not associate this pair';
        const retry =
          mine.length > 0 && mine.every((e) => TRANSIENT.test(`${e.category ?? ''} ${e.status ?? ''}`));
        return { item, retry, result: { ...pair, status: 'failed', error } };
      });
    });
  };
  const first = await judge(unique(items));
  const again = first.filter((j) => j.retry).map((j) => j.item);
  const second = again.length > 0 ? await judge(again) : [];
  return new Map([...first, ...second].map((j) => [pairKey(j.result), j.result]));
}
