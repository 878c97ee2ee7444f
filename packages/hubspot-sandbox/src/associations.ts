/**
 * Association rules on top of the edge store: records must exist, types must belong to the pair,
 * every write is mirrored with the inverse type, single-valued labels (Primary) move, and
 * configured limits hold. Each operation validates everything before it changes anything.
 */

import type { AssociationStore } from './associationStore.js';
import { validationError } from './errors.js';
import type { LabelRegistry } from './labels.js';
import type { LimitStore } from './limits.js';
import type { ObjectStore } from './objects.js';
import type { ObjectType } from './objectTypes.js';
import { SINGLE_VALUED_TYPE_IDS } from './typeCatalog.js';
import type { AssociatedRecord, AssociationTypeDef, Category } from './types.js';

export interface Spec {
  category: Category;
  typeId: number;
}

export interface Endpoint {
  type: ObjectType;
  id: string;
}

export interface DefaultWrite {
  from: string;
  to: string;
  typeId: number;
}

export interface AssociationService {
  /** The typeIds, checked against the pair (unknown id or wrong category → 400). */
  resolveSpecs(from: ObjectType, to: ObjectType, specs: readonly Spec[]): Readonly<AssociationTypeDef>[];
  /** Makes `types` (plus the unlabeled type) the pair's full label set; returns the labels. */
  setTypes(from: Endpoint, to: Endpoint, types: readonly Readonly<AssociationTypeDef>[]): string[];
  /** Adds the pair's default unlabeled type; returns what was written in both directions. */
  associateDefault(from: Endpoint, to: Endpoint): DefaultWrite[];
  removeAll(from: Endpoint, to: Endpoint): void;
  /** Removing the unlabeled type removes every association of the pair, as HubSpot does. */
  removeTypes(from: Endpoint, to: Endpoint, types: readonly Readonly<AssociationTypeDef>[]): void;
  page(
    from: Endpoint,
    toType: ObjectType,
    afterId: string | undefined,
    limit: number,
  ): {
    items: AssociatedRecord[];
    more: boolean;
  };
  /** Drops every association touching the record (its archive). */
  forgetRecord(type: ObjectType, id: string): void;
  exists(type: ObjectType, id: string): boolean;
  /** Whether any association carries the type. */
  inUse(typeId: number): boolean;
}

/** HubSpot names object types in error contexts as upper-case singulars: CONTACT=123. */
export function objectLabel(type: ObjectType): string {
  if (!/^[a-z_]+$/.test(type.name)) return type.name;
  const singular =
    type.name === 'companies' ? 'company' : type.name.replace(/(xe)?s$/, (_m, xe) => (xe ? 'x' : ''));
  return singular.toUpperCase();
}

const invalidIds = (ends: Endpoint[]) =>
  validationError('One or more associations are invalid', {
    INVALID_OBJECT_IDS: ends.map((e) => `${objectLabel(e.type)}=${e.id} is not valid`),
  });

export function createAssociationService(
  objects: ObjectStore,
  labels: LabelRegistry,
  limits: LimitStore,
  store: AssociationStore,
): AssociationService {
  const exists = (type: ObjectType, id: string) => /^[0-9]{1,20}$/.test(id) && objects.has(type.id, id);

  const requireRecords = (from: Endpoint, to: Endpoint) => {
    const missing = [from, to].filter((e) => !exists(e.type, e.id));
    if (missing.length > 0) throw invalidIds(missing);
  };

  const inverseOf = (typeId: number) => labels.byId(typeId)?.inverseTypeId ?? null;

  const removeEdge = (a: Endpoint, b: Endpoint, typeId: number) => {
    store.remove(a.type.id, a.id, b.type.id, b.id, typeId);
    const inverse = inverseOf(typeId);
    if (inverse !== null) store.remove(b.type.id, b.id, a.type.id, a.id, inverse);
  };

  /** A single-valued type (Primary) moves: other targets of the owner lose it, keep the rest. */
  const moveSingle = (owner: Endpoint, target: Endpoint, typeId: number) => {
    if (!SINGLE_VALUED_TYPE_IDS.has(typeId)) return;
    for (const other of store.targetsWithType(owner.type.id, owner.id, target.type.id, typeId)) {
      if (other !== target.id) removeEdge(owner, { type: target.type, id: other }, typeId);
    }
  };

  /** Records pointed at by types without an inverse (invoice→ticket 986…): target → sources. */
  const oneWayInto = new Map<string, Map<string, Endpoint>>();

  const addEdge = (a: Endpoint, b: Endpoint, typeId: number) => {
    moveSingle(a, b, typeId);
    const inverse = inverseOf(typeId);
    if (inverse !== null) moveSingle(b, a, inverse);
    store.add(a.type.id, a.id, b.type.id, b.id, typeId);
    if (inverse !== null) store.add(b.type.id, b.id, a.type.id, a.id, inverse);
    else {
      const sources = oneWayInto.get(`${b.type.id}|${b.id}`) ?? new Map<string, Endpoint>();
      sources.set(`${a.type.id}|${a.id}`, a);
      oneWayInto.set(`${b.type.id}|${b.id}`, sources);
    }
  };

  /** Fails when adding typeId would take the owner past its configured limit. */
  const checkLimit = (owner: Endpoint, target: Endpoint, typeId: number) => {
    if (SINGLE_VALUED_TYPE_IDS.has(typeId)) return;
    if (store.types(owner.type.id, owner.id, target.type.id, target.id)?.has(typeId)) return;
    const limit = limits.get(owner.type.id, target.type.id, typeId);
    if (!limit) return;
    const count = store.countWithType(owner.type.id, owner.id, target.type.id, typeId);
    if (count + 1 > limit.maxToObjectIds) {
      const label = labels.byId(typeId)?.label;
      throw validationError(
        `Association limit exceeded: ${objectLabel(owner.type)}=${owner.id} already has ${count} ${target.type.name} associated with type ${typeId}${label ? ` (${label})` : ''}; the configured limit (maxToObjectIds) is ${limit.maxToObjectIds}`,
        {
          fromObjectId: [owner.id],
          typeId: [String(typeId)],
          maxToObjectIds: [String(limit.maxToObjectIds)],
        },
      );
    }
  };

  const checkLimits = (from: Endpoint, to: Endpoint, typeIds: Iterable<number>) => {
    for (const typeId of typeIds) {
      checkLimit(from, to, typeId);
      const inverse = inverseOf(typeId);
      if (inverse !== null) checkLimit(to, from, inverse);
    }
  };

  const removeAll = (from: Endpoint, to: Endpoint) => {
    for (const t of [...(store.types(from.type.id, from.id, to.type.id, to.id) ?? [])])
      removeEdge(from, to, t);
    for (const t of [...(store.types(to.type.id, to.id, from.type.id, from.id) ?? [])])
      removeEdge(to, from, t);
  };

  const toRecord = (toId: string, typeIds: ReadonlySet<number>): AssociatedRecord => ({
    toObjectId: toId,
    types: [...typeIds]
      .map((id) => labels.byId(id))
      .filter((d): d is AssociationTypeDef => d !== undefined)
      .sort(
        (a, b) =>
          Number(a.category !== 'HUBSPOT_DEFINED') - Number(b.category !== 'HUBSPOT_DEFINED') ||
          a.typeId - b.typeId,
      )
      .map((d) => ({ category: d.category, typeId: d.typeId, label: d.label })),
  });

  return {
    exists,
    inUse: (typeId) => store.usage(typeId) > 0,

    resolveSpecs(from, to, specs) {
      return specs.map((spec) => {
        const def = labels.find(from.id, to.id, spec.typeId);
        if (!def) {
          throw validationError(
            `associationTypeId ${spec.typeId} is not a valid association type from ${objectLabel(from)} to ${objectLabel(to)}; list the valid ones with GET /crm/v4/associations/${from.name}/${to.name}/labels`,
            { associationTypeId: [String(spec.typeId)] },
          );
        }
        if (def.category !== spec.category) {
          throw validationError(
            `associationTypeId ${spec.typeId} has associationCategory ${def.category}, not ${spec.category}`,
            { associationTypeId: [String(spec.typeId)] },
          );
        }
        return def;
      });
    },

    setTypes(from, to, types) {
      requireRecords(from, to);
      const target = new Set(types.map((d) => d.typeId));
      const unlabeled = labels.defaultType(from.type.id, to.type.id);
      if (unlabeled) target.add(unlabeled.typeId);
      if (target.size === 0) throw validationError('At least one association type is required');
      const current = new Set(store.types(from.type.id, from.id, to.type.id, to.id) ?? []);
      const additions = [...target].filter((t) => !current.has(t));
      checkLimits(from, to, additions);
      for (const t of current) if (!target.has(t)) removeEdge(from, to, t);
      for (const t of additions) addEdge(from, to, t);
      return [...target]
        .map((t) => labels.byId(t)?.label)
        .filter((label): label is string => typeof label === 'string');
    },

    associateDefault(from, to) {
      requireRecords(from, to);
      const unlabeled = labels.defaultType(from.type.id, to.type.id);
      if (!unlabeled) {
        throw validationError(
          `There is no default association type from ${objectLabel(from.type)} to ${objectLabel(to.type)}`,
        );
      }
      checkLimits(from, to, [unlabeled.typeId]);
      addEdge(from, to, unlabeled.typeId);
      const writes: DefaultWrite[] = [{ from: from.id, to: to.id, typeId: unlabeled.typeId }];
      if (unlabeled.inverseTypeId !== null) {
        writes.push({ from: to.id, to: from.id, typeId: unlabeled.inverseTypeId });
      }
      return writes;
    },

    removeAll,

    removeTypes(from, to, types) {
      const unlabeled = labels.defaultType(from.type.id, to.type.id);
      if (types.some((d) => d.typeId === unlabeled?.typeId)) {
        removeAll(from, to);
        return;
      }
      for (const d of types) removeEdge(from, to, d.typeId);
    },

    page(from, toType, afterId, limit) {
      const { items, more } = store.page(from.type.id, from.id, toType.id, afterId, limit);
      return { items: items.map(([id, set]) => toRecord(id, set)), more };
    },

    // Edges into the record are found through its own edges (writes are mirrored) and, for
    // types without an inverse, through oneWayInto.
    forgetRecord(type, id) {
      const drop = (fromType: string, fromId: string) => {
        for (const t of [...(store.types(fromType, fromId, type.id, id) ?? [])]) {
          store.remove(fromType, fromId, type.id, id, t);
        }
      };
      for (const edge of store.edgesFrom(type.id, id)) {
        for (const t of edge.typeIds) store.remove(type.id, id, edge.toType, edge.toId, t);
        drop(edge.toType, edge.toId);
      }
      for (const source of oneWayInto.get(`${type.id}|${id}`)?.values() ?? [])
        drop(source.type.id, source.id);
      oneWayInto.delete(`${type.id}|${id}`);
    },
  };
}
