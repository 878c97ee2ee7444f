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
    if (!Number.isInteger(input.maxToObjectIds) || input.maxToObjectIds < 1) {
      throw validationError(
        `maxToObjectIds must be a positive integer; got ${input.maxToObjectIds} for type ${input.typeId}`,
        { typeId: [String(input.typeId)] },
      );
    }
    return def;
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
