/** Association limits ("definition configurations"): max to-records per from-record and typeId. */

import { notFound, SandboxError, validationError } from './errors.js';
import type { LabelRegistry } from './labels.js';
import type { ObjectType } from './objectTypes.js';
import type { Category, LimitConfig } from './types.js';

export interface LimitInput {
  category: Category;
  typeId: number;
  maxToObjectIds: number;
}

export interface LimitStore {
  get(fromTypeId: string, toTypeId: string, typeId: number): LimitConfig | undefined;
  list(fromTypeId?: string, toTypeId?: string): LimitConfig[];
  create(from: ObjectType, to: ObjectType, input: LimitInput): LimitConfig;
  update(from: ObjectType, to: ObjectType, input: LimitInput): LimitConfig;
  purge(from: ObjectType, to: ObjectType, category: string, typeId: number): void;
  /** Drops limits of deleted label types. */
  forgetTypes(typeIds: readonly number[]): void;
}

const key = (from: string, to: string, typeId: number) => `${from}>${to}#${typeId}`;

/** KB "Set limits for record associations" (Jan 2026): custom limits up to 10,000 (docs/hubspot-fidelity.md §3). */
export const SUBSCRIPTION_LIMIT = 10_000;

export function createLimitStore(labels: LabelRegistry): LimitStore {
  const limits = new Map<string, LimitConfig>();

  const check = (from: ObjectType, to: ObjectType, input: LimitInput) => {
    const def = labels.find(from.id, to.id, input.typeId);
    if (!def) {
      throw validationError(
        `Association type ${input.typeId} does not exist from ${from.name} to ${to.name}`,
        {
          typeId: [String(input.typeId)],
        },
      );
    }
    if (def.category !== input.category) {
      throw validationError(
        `Association type ${input.typeId} has category ${def.category}, not ${input.category}`,
        { typeId: [String(input.typeId)] },
      );
    }
    const max = input.maxToObjectIds;
    const context = { typeId: [String(input.typeId)] };
    if (!Number.isInteger(max) || max < 1 || max > SUBSCRIPTION_LIMIT) {
      throw validationError(
        `Invalid maxToObjectIds ${max} for type ${input.typeId}: custom limits must be at most the subscription limit of ${SUBSCRIPTION_LIMIT}; the valid range is 1-${SUBSCRIPTION_LIMIT}`,
        context,
      );
    }
    checkAgainstPair(from, to, def, max, context);
    return def;
  };

  /**
   * "Label limits must always be less than or equal to the object limit if it is set" and an
   * object limit below a label limit fails "greater than the existing label limits (i.e., >10)"
   * (changelog "Introducing Custom Association Limits", docs/hubspot-fidelity.md §3). The object
   * limit is the limit on the pair's unlabeled type. The changelog's examples ("1-9" for an object
   * limit of 10, ">10" for a label limit of 10) are one off from its own ≤ rule; the sandbox keeps
   * the rule and states exact ranges in that format: "1-N" and ">M" (M = highest label limit − 1).
   */
  const checkAgainstPair = (
    from: ObjectType,
    to: ObjectType,
    def: { typeId: number },
    max: number,
    context: Record<string, string[]>,
  ) => {
    const objectType = labels.defaultType(from.id, to.id)?.typeId;
    if (objectType === undefined) return;
    if (def.typeId !== objectType) {
      const objectLimit = limits.get(key(from.id, to.id, objectType))?.maxToObjectIds;
      if (objectLimit !== undefined && max > objectLimit) {
        throw validationError(
          `Invalid maxToObjectIds ${max} for label type ${def.typeId}: a label limit must not exceed the object limit of ${objectLimit} (type ${objectType}); the valid range is 1-${objectLimit}`,
          context,
        );
      }
      return;
    }
    const labelLimits = [...limits.values()]
      .filter((l) => l.fromObjectTypeId === from.id && l.toObjectTypeId === to.id && l.typeId !== objectType)
      .map((l) => l.maxToObjectIds);
    const highest = Math.max(0, ...labelLimits);
    if (max < highest) {
      throw validationError(
        `Invalid maxToObjectIds ${max} for the object limit (type ${objectType}): it must be at least the highest label limit, ${highest}; the allowed range is >${highest - 1}`,
        context,
      );
    }
  };

  return {
    get: (fromTypeId, toTypeId, typeId) => limits.get(key(fromTypeId, toTypeId, typeId)),

    list(fromTypeId, toTypeId) {
      return [...limits.values()]
        .filter(
          (l) =>
            (!fromTypeId || l.fromObjectTypeId === fromTypeId) &&
            (!toTypeId || l.toObjectTypeId === toTypeId),
        )
        .map((l) => ({ ...l, label: labels.byId(l.typeId)?.label ?? null }));
    },

    create(from, to, input) {
      const def = check(from, to, input);
      const k = key(from.id, to.id, input.typeId);
      if (limits.has(k)) {
        throw new SandboxError(
          409,
          'CONFLICT',
          `A limit already exists for association type ${input.typeId} from ${from.name} to ${to.name}; use batch/update to change it`,
          { typeId: [String(input.typeId)] },
        );
      }
      const config: LimitConfig = {
        fromObjectTypeId: from.id,
        toObjectTypeId: to.id,
        category: def.category,
        typeId: def.typeId,
        label: def.label,
        maxToObjectIds: input.maxToObjectIds,
      };
      limits.set(k, config);
      return { ...config };
    },

    update(from, to, input) {
      check(from, to, input);
      const config = limits.get(key(from.id, to.id, input.typeId));
      if (!config) {
        throw notFound(
          `No limit is configured for association type ${input.typeId} from ${from.name} to ${to.name}; use batch/create first`,
          { typeId: [String(input.typeId)] },
        );
      }
      config.maxToObjectIds = input.maxToObjectIds;
      return { ...config };
    },

    purge(from, to, _category, typeId) {
      limits.delete(key(from.id, to.id, typeId));
    },

    forgetTypes(typeIds) {
      for (const [k, l] of limits) if (typeIds.includes(l.typeId)) limits.delete(k);
    },
  };
}
