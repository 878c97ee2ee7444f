/**
 * Configured association limits at write time (docs/hubspot-fidelity.md §3): a write that would
 * give a record more to-records of a typeId than its limit fails, in both directions of the pair;
 * links that already exist never count again, and limits are not retroactive (only new links are
 * refused). PRIMARY types are single-valued anyway and move instead.
 */
import type { AssociationStore } from './associationStore.js';
import { SandboxError } from './errors.js';
import type { LabelRegistry } from './labels.js';
import type { LimitStore } from './limits.js';
import { objectLabel } from './objectTypes.js';
import { SINGLE_VALUED_TYPE_IDS } from './typeCatalog.js';
import type { Endpoint } from './types.js';

/** The token HubSpot's over-limit answers carry (docs/hubspot-fidelity.md §3). */
export const LIMIT_EXCEEDED = 'ASSOCIATION_USER_CONFIG_LIMIT_EXCEEDED';

/** Returns check(from, to, typeIds): throws HubSpot's 400 when adding the types breaks a limit. */
export function createLimitGuard(labels: LabelRegistry, limits: LimitStore, store: AssociationStore) {
  const inverseOf = (typeId: number) => labels.byId(typeId)?.inverseTypeId ?? null;

  /** Fails when adding typeId would take the owner past its configured limit. */
  const checkLimit = (owner: Endpoint, target: Endpoint, typeId: number) => {
    if (SINGLE_VALUED_TYPE_IDS.has(typeId)) return;
    if (store.types(owner.type.id, owner.id, target.type.id, target.id)?.has(typeId)) return;
    const limit = limits.get(owner.type.id, target.type.id, typeId);
    if (!limit) return;
    const count = store.countWithType(owner.type.id, owner.id, target.type.id, typeId);
    if (count + 1 > limit.maxToObjectIds) {
      // HubSpot's body was seen only as text containing the token (a client matching it in
      // res.text, docs/hubspot-fidelity.md §3, §12.3): the sandbox puts it in subCategory and in
      // errors[].code, category VALIDATION_ERROR, with a message naming the limit.
      const label = labels.byId(typeId)?.label;
      const message = `Association limit exceeded: ${objectLabel(owner.type)}=${owner.id} already has ${count} ${target.type.name} associated with type ${typeId}${label ? ` (${label})` : ''}; the configured limit (maxToObjectIds) is ${limit.maxToObjectIds}`;
      const context = {
        fromObjectId: [owner.id],
        typeId: [String(typeId)],
        maxToObjectIds: [String(limit.maxToObjectIds)],
      };
      throw new SandboxError(
        400,
        'VALIDATION_ERROR',
        message,
        context,
        [{ message, code: LIMIT_EXCEEDED, context }],
        LIMIT_EXCEEDED,
      );
    }
  };

  return (from: Endpoint, to: Endpoint, typeIds: Iterable<number>) => {
    for (const typeId of typeIds) {
      checkLimit(from, to, typeId);
      const inverse = inverseOf(typeId);
      if (inverse !== null) checkLimit(to, from, inverse);
    }
  };
}
