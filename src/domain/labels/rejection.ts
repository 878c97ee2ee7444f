import { ADVICE, adviceFor, InputError } from '../../hubspot/errors.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType } from '../../hubspot/types.js';
import type { PairResult } from '../associations/outcome.js';
import type { LabelCatalog, LabelRef } from './catalogue.js';
import type { Target } from './target.js';

/** HubSpot's words for a write it refused because it does not know the association type. */
export const isUnknownType = (error: string | undefined): boolean =>
  adviceFor(error ?? '') === ADVICE.invalidType;

/** No pair was written, and HubSpot said why: it does not know the association type. */
export function refusedAsUnknown(results: readonly PairResult[]): boolean {
  return (
    results.length > 0 &&
    results.every((r) => r.status === 'failed') &&
    results.some((r) => isUnknownType(r.error))
  );
}

export const typeKey = (t: AssociationType) => `${t.category}:${t.typeId}`;

/**
 * Types a bulk write used that HubSpot refused as unknown, each looked up again in a fresh list of
 * the pair (one read for all of them) by what the caller named (`ref`, by default the type's label):
 * by `typeKey`, the type it names now, or the refusal with the choices. HubSpot's unlabeled type is
 * its own and kept as it is.
 */
export async function retyped(
  labels: Pick<LabelCatalog, 'resolveAgain'>,
  from: ObjectType,
  to: ObjectType,
  refused: Iterable<{ type: AssociationType; ref?: LabelRef & { field: string } }>,
): Promise<Map<string, AssociationType | InputError>> {
  const distinct = new Map([...refused].map((r) => [typeKey(r.type), r]));
  const out = new Map<string, AssociationType | InputError>();
  await Promise.all(
    [...distinct].map(async ([k, { type, ref }]) => {
      if (type.label === null && !ref) return void out.set(k, type);
      const { field, ...named } = ref ?? { label: type.label ?? '', field: 'label' };
      const now = await labels.resolveAgain(from, to, named, type, field).catch((error: unknown) => {
        if (error instanceof InputError) return error;
        throw error;
      });
      out.set(k, now);
    }),
  );
  return out;
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
  /** When the outcome hints the type changed elsewhere (default: HubSpot refused it as unknown). */
  stale: (results: readonly PairResult[]) => boolean = refusedAsUnknown,
): Promise<R & { type?: AssociationType }> {
  const { from, to, type } = target;
  const first = await write(type);
  if (!type || !stale(first.results)) return { ...first, type };
  const now = await labels.resolveAgain(from, to, ref, type, ref.field);
  if (now.typeId === type.typeId && now.category === type.category) return { ...first, type };
  return { ...(await write(now)), type: now };
}
