import catalogue from '../../data/association-types.json' with { type: 'json' };
import { HubSpotError } from '../../hubspot/errors.js';
import type { HubSpot } from '../../hubspot/index.js';
import type { LimitInput, LimitsApi } from '../../hubspot/limitsApi.js';
import type { ObjectType } from '../../hubspot/objectTypes.js';
import type { AssociationType, LimitConfiguration } from '../../hubspot/types.js';
import { assertBatchOk } from '../batching/chunks.js';
import type { LabelCatalog } from '../labels/catalogue.js';
import { resolveLabelTarget } from '../labels/target.js';

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

type LimitDeps = { hubspot: Pick<HubSpot, 'limits'>; labels: LabelCatalog };

/** Sets the limit for the target's type: nothing sent when it already is `max`. */
export async function setLimit(
  deps: LimitDeps,
  target: LimitTarget,
  max: number,
): Promise<{ action: 'created' | 'updated' | 'unchanged'; maxToObjectIds: number }> {
  const { from, to, type, current } = target;
  if (current?.maxToObjectIds === max) return { action: 'unchanged', maxToObjectIds: max };
  const input = { category: type.category, typeId: type.typeId, maxToObjectIds: max };
  return writeLimit(deps.hubspot.limits, from, to, input, current !== undefined);
}

/** Purges the target's limit (back to HubSpot's default); false when none was set (nothing sent). */
export async function removeLimit(deps: LimitDeps, target: LimitTarget): Promise<boolean> {
  const { from, to, type, current } = target;
  if (!current) return false;
  await deps.hubspot.limits.purge(from, to, [{ category: type.category, typeId: type.typeId }]);
  return true;
}

export interface ListedLimit {
  typeId: number;
  category: LimitConfiguration['category'];
  label: string | null;
  maxToObjectIds: number;
  fromObjectType?: string;
  toObjectType?: string;
}

/**
 * The configured limits: every one in the portal (named by pair where HubSpot's catalogue knows
 * the type), or those of one object pair with their label texts.
 */
export async function listLimits(
  deps: LimitDeps,
  pair?: { from: ObjectType; to: ObjectType },
): Promise<ListedLimit[]> {
  const out = (l: LimitConfiguration & { maxToObjectIds: number }) => ({
    typeId: l.typeId,
    category: l.category,
    label: l.label ?? null,
    maxToObjectIds: l.maxToObjectIds,
  });
  if (!pair) {
    return configured(await deps.hubspot.limits.all()).map((l) => {
      const names = pairOfLimit(l);
      return { ...out(l), ...(names ? { fromObjectType: names.from, toObjectType: names.to } : {}) };
    });
  }
  const { from, to } = pair;
  const limits = configured(await deps.hubspot.limits.forPair(from, to));
  // C2 may omit label text; name custom types from the pair's catalogue (unlabeled stays null).
  const types = limits.some((l) => !l.label) ? await deps.labels.list(from, to) : [];
  return limits.map((l) => ({
    ...out(l),
    label: l.label || (types.find((t) => t.typeId === l.typeId && t.category === l.category)?.label ?? null),
    fromObjectType: from.name,
    toObjectType: to.name,
  }));
}

/** R10: HubSpot e-mails the user a report of records near their association limits. */
export function requestHighUsageReport(deps: { hubspot: Pick<HubSpot, 'associations'> }, userId: number) {
  return deps.hubspot.associations.requestHighUsageReport(userId);
}
