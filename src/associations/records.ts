import { HubSpotError } from '../hubspot/errors.js';
import type { HubSpot } from '../hubspot/index.js';
import type { ObjectType } from '../hubspot/objectTypes.js';
import { typeSegment } from '../hubspot/paths.js';
import type { AssociationSpec, AssociationType, StandardError } from '../hubspot/types.js';
import { BATCH, chunk, sendChunked } from './chunks.js';
import { readAssociations } from './read.js';

export interface Pair {
  fromId: string;
  toId: string;
}

export type PairStatus = 'associated' | 'unchanged' | 'removed' | 'failed';

export interface PairResult extends Pair {
  status: PairStatus;
  error?: string;
}

export interface PlannedRequest {
  method: string;
  path: string;
  inputs: number;
}

const pairKey = (p: Pair) => `${p.fromId}>${p.toId}`;
const specOf = (t: AssociationType): AssociationSpec => ({
  associationCategory: t.category,
  associationTypeId: t.typeId,
});

function unique(pairs: readonly Pair[]): Pair[] {
  const seen = new Map<string, Pair>();
  for (const p of pairs) if (!seen.has(pairKey(p))) seen.set(pairKey(p), p);
  return [...seen.values()];
}

/** Which per-input error belongs to a pair: HubSpot names the failing ids in the message or context. */
function errorFor(pair: Pair, errors: StandardError[]): string | undefined {
  const mentions = (e: StandardError, id: string) => {
    const text = `${e.message} ${JSON.stringify(e.context ?? {})}`;
    return new RegExp(`(^|[^0-9])${id}([^0-9]|$)`).test(text);
  };
  const found = errors.filter((e) => mentions(e, pair.fromId) || mentions(e, pair.toId));
  if (found.length === 0) return undefined;
  return found
    .map((e) => {
      const detail = Object.values(e.context ?? {})
        .flat()
        .filter((v) => v.includes(pair.fromId) || v.includes(pair.toId));
      return detail.length > 0 ? `${e.message} (${detail.slice(0, 3).join(', ')})` : e.message;
    })
    .join('; ');
}

function failure(error: unknown): string {
  return error instanceof HubSpotError ? error.hint : error instanceof Error ? error.message : String(error);
}

export function planAssociate(
  from: ObjectType,
  to: ObjectType,
  count: number,
  type?: AssociationType,
): PlannedRequest[] {
  const base = `/crm/v4/associations/${typeSegment(from)}/${typeSegment(to)}`;
  const plan: PlannedRequest[] = [];
  if (type) {
    for (const part of chunk(Array.from({ length: count }), BATCH.read)) {
      plan.push({ method: 'POST', path: `${base}/batch/read`, inputs: part.length });
    }
  }
  const path = type ? `${base}/batch/create` : `${base}/batch/associate/default`;
  for (const part of chunk(Array.from({ length: count }), type ? BATCH.create : BATCH.undocumented)) {
    plan.push({ method: 'POST', path, inputs: part.length });
  }
  return plan;
}

/**
 * Associates each pair: the default (unlabeled) type when `type` is absent, else that label.
 * Labels HubSpot replaces on write, so a labeled write carries the pair's existing labels too and
 * pairs that already have the label are left alone. Results come back in input order.
 */
export async function associatePairs(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  pairs: readonly Pair[],
  type?: AssociationType,
): Promise<PairResult[]> {
  const outcome = new Map<string, PairResult>();
  const todo = unique(pairs);
  if (!type) {
    const answers = await sendChunked(todo, BATCH.undocumented, (part) =>
      hubspot.associations.batchAssociateDefault(from, to, part),
    );
    for (const answer of answers) {
      if ('error' in answer) {
        for (const p of answer.part)
          outcome.set(pairKey(p), { ...p, status: 'failed', error: failure(answer.error) });
        continue;
      }
      const done = new Set(answer.result.results.map((r) => pairKey({ fromId: r.fromId, toId: r.toId })));
      for (const p of answer.part) {
        const ok = done.has(pairKey(p)) || answer.result.errors.length === 0;
        const error = ok
          ? undefined
          : (errorFor(p, answer.result.errors) ?? 'HubSpot did not associate this pair');
        outcome.set(pairKey(p), ok ? { ...p, status: 'associated' } : { ...p, status: 'failed', error });
      }
    }
  } else {
    const existing = new Map<string, AssociationType[]>();
    const wanted = new Set(todo.map(pairKey));
    const fromIds = [...new Set(todo.map((p) => p.fromId))].map((id) => ({ id }));
    await readAssociations(hubspot, from, to, fromIds, {
      onPage(fromId, objects) {
        for (const o of objects) {
          const k = pairKey({ fromId, toId: o.toObjectId });
          if (wanted.has(k)) existing.set(k, o.types);
        }
      },
    });
    const writes = [];
    for (const p of todo) {
      const have = existing.get(pairKey(p)) ?? [];
      if (have.some((t) => t.typeId === type.typeId)) outcome.set(pairKey(p), { ...p, status: 'unchanged' });
      else writes.push({ ...p, types: [...have.filter((t) => t.label !== null).map(specOf), specOf(type)] });
    }
    const answers = await sendChunked(writes, BATCH.create, (part) =>
      hubspot.associations.batchCreate(from, to, part),
    );
    for (const answer of answers) {
      for (const p of answer.part) {
        const pair = { fromId: p.fromId, toId: p.toId };
        if ('error' in answer)
          outcome.set(pairKey(p), { ...pair, status: 'failed', error: failure(answer.error) });
        else {
          const error = errorFor(pair, answer.result.errors);
          outcome.set(
            pairKey(p),
            error ? { ...pair, status: 'failed', error } : { ...pair, status: 'associated' },
          );
        }
      }
    }
  }
  return pairs.map((p) => outcome.get(pairKey(p)) ?? { ...p, status: 'failed', error: 'not sent' });
}

export function planRemove(
  from: ObjectType,
  to: ObjectType,
  count: number,
  type?: AssociationType,
): PlannedRequest[] {
  const path = `/crm/v4/associations/${typeSegment(from)}/${typeSegment(to)}/batch/${type ? 'labels/archive' : 'archive'}`;
  return chunk(Array.from({ length: count }), BATCH.undocumented).map((part) => ({
    method: 'POST',
    path,
    inputs: part.length,
  }));
}

/** Without `type` removes every association of each pair; with it, only that label. */
export async function removePairs(
  hubspot: Pick<HubSpot, 'associations'>,
  from: ObjectType,
  to: ObjectType,
  pairs: readonly Pair[],
  type?: AssociationType,
): Promise<PairResult[]> {
  const todo = unique(pairs);
  const answers = await sendChunked(todo, BATCH.undocumented, async (part) => {
    if (type) {
      const spec = specOf(type);
      await hubspot.associations.batchArchiveLabels(
        from,
        to,
        part.map((p) => ({ ...p, types: [spec] })),
      );
    } else {
      const byFrom = new Map<string, string[]>();
      for (const p of part) byFrom.set(p.fromId, [...(byFrom.get(p.fromId) ?? []), p.toId]);
      await hubspot.associations.batchArchive(
        from,
        to,
        [...byFrom].map(([fromId, toIds]) => ({ fromId, toIds })),
      );
    }
  });
  const outcome = new Map<string, PairResult>();
  for (const answer of answers) {
    for (const p of answer.part) {
      outcome.set(
        pairKey(p),
        'error' in answer
          ? { ...p, status: 'failed', error: failure(answer.error) }
          : { ...p, status: 'removed' },
      );
    }
  }
  return pairs.map((p) => outcome.get(pairKey(p)) ?? { ...p, status: 'failed', error: 'not sent' });
}
