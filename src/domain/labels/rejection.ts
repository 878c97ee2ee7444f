import { ADVICE, adviceFor } from '../../hubspot/errors.js';
import type { AssociationType } from '../../hubspot/types.js';
import type { PairResult } from '../associations/outcome.js';
import type { LabelCatalog, LabelRef } from './catalogue.js';
import type { Target } from './target.js';

/** No pair was written, and HubSpot said why: it does not know the association type. */
export function refusedAsUnknown(results: readonly PairResult[]): boolean {
  return (
    results.length > 0 &&
    results.every((r) => r.status === 'failed') &&
    results.some((r) => adviceFor(r.error ?? '') === ADVICE.invalidType)
  );
}

/**
 * A write of `target.type`, and when HubSpot refuses that type as unknown (the label was deleted,
 * or deleted and made again, outside this process since the pair's list was read) the pair's list
 * is read once more and what the caller named resolved against it: a type that is gone fails with
 * the choices; a label that now has another typeId is written with it; a type still listed keeps
 * HubSpot's answer. Returns the write's outcome and the type it wrote.
 */
export async function writeKnownType<R extends { results: PairResult[] }>(
  labels: Pick<LabelCatalog, 'resolveAgain'>,
  target: Target,
  ref: LabelRef & { field: string },
  write: (type: AssociationType | undefined) => Promise<R>,
): Promise<R & { type?: AssociationType }> {
  const { from, to, type } = target;
  const first = await write(type);
  if (!type || !refusedAsUnknown(first.results)) return { ...first, type };
  const now = await labels.resolveAgain(from, to, ref, type, ref.field);
  if (now.typeId === type.typeId && now.category === type.category) return { ...first, type };
  return { ...(await write(now)), type: now };
}
