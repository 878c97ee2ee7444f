import catalogue from '../data/association-types.json' with { type: 'json' };
import { HubSpotError } from '../hubspot/errors.js';
import type { HubSpot } from '../hubspot/index.js';
import type { LimitInput, LimitsApi } from '../hubspot/limitsApi.js';
import type { ObjectType } from '../hubspot/objectTypes.js';
import type { AssociationType, BatchOutcome, LimitConfiguration } from '../hubspot/types.js';
import type { LabelCatalog } from './labels.js';
import { resolveLabelTarget } from './target.js';

/** HUBSPOT_DEFINED typeIds are unique portal-wide, so C1's bare typeIds can be named by pair. */
const definedPairs = new Map(catalogue.types.map((t) => [t.typeId, { from: t.from, to: t.to }]));

/** The object pair of a configured limit, when HubSpot's own catalogue knows it. */
export function pairOfLimit(limit: LimitConfiguration): { from: string; to: string } | undefined {
  return limit.category === 'HUBSPOT_DEFINED' ? definedPairs.get(limit.typeId) : undefined;
}

/** C2 may list every type of the pair; only those with a max are configured limits. */
export function configured(
  limits: LimitConfiguration[],
): Array<LimitConfiguration & { maxToObjectIds: number }> {
  return limits.filter(
    (l): l is LimitConfiguration & { maxToObjectIds: number } => l.maxToObjectIds !== undefined,
  );
}

export interface LimitTarget {
  from: ObjectType;
  to: ObjectType;
  type: AssociationType;
  /** The pair's current limit for this type (C2), if one is configured. */
  current?: LimitConfiguration;
}

/**
 * Resolves the object pair and the association type (label text, internal name or typeId), then
 * reads the pair's configured limits so callers can decide between create, update and no-op.
 */
export async function resolveLimitTarget(
  deps: { hubspot: Pick<HubSpot, 'limits'>; labels: LabelCatalog },
  args: { fromObjectType: string; toObjectType: string; label?: string; associationTypeId?: number },
): Promise<LimitTarget> {
  const { from, to, type } = await resolveLabelTarget(deps.labels, args, 'whose limit to change');
  const limits = configured(await deps.hubspot.limits.forPair(from, to));
  const current = limits.find((l) => l.typeId === type.typeId && l.category === type.category);
  return { from, to, type, current };
}

/** A batch answer with per-input errors (207 or inline) fails the call with HubSpot's own words. */
export function assertBatchOk<T>(outcome: BatchOutcome<T>, what: string): void {
  if (outcome.errors.length === 0) return;
  const first = outcome.errors[0];
  throw new HubSpotError(
    outcome.status,
    {
      message: outcome.errors.map((e) => e.message).join('; '),
      category: first?.category,
      context: first?.context,
    },
    { method: 'POST', path: what },
  );
}

/**
 * Creates the limit (C3) or updates it (C4) when one exists. A create refused as a conflict (409,
 * or a 207 whose errors are all CONFLICT) means someone configured it since our read: updating is
 * then what applies.
 */
export async function writeLimit(
  limits: LimitsApi,
  from: ObjectType,
  to: ObjectType,
  input: LimitInput,
  exists: boolean,
): Promise<{ action: 'created' | 'updated'; maxToObjectIds: number }> {
  if (!exists) {
    const outcome = await limits.create(from, to, [input]).catch((error: unknown) => {
      if (error instanceof HubSpotError && error.status === 409) return undefined;
      throw error;
    });
    const conflict =
      !outcome || (outcome.errors.length > 0 && outcome.errors.every((e) => e.category === 'CONFLICT'));
    if (!conflict) {
      assertBatchOk(outcome, 'association limit create');
      return {
        action: 'created',
        maxToObjectIds: outcome.results[0]?.maxToObjectIds ?? input.maxToObjectIds,
      };
    }
  }
  const outcome = await limits.update(from, to, [input]);
  assertBatchOk(outcome, 'association limit update');
  return { action: 'updated', maxToObjectIds: outcome.results[0]?.maxToObjectIds ?? input.maxToObjectIds };
}

/** The fields both limit-writing tools answer with: which type, and the limit it had before. */
export function limitOutcome(type: AssociationType, current?: LimitConfiguration) {
  const previous = current?.maxToObjectIds;
  return {
    typeId: type.typeId,
    category: type.category,
    label: type.label,
    ...(previous !== undefined ? { previousMaxToObjectIds: previous } : {}),
  };
}
