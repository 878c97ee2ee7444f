/**
 * Association rules on top of the edge store: records must exist, types must belong to the pair,
 * every write is mirrored with the inverse type, single-valued labels (Primary) move, and
 * configured limits hold. Each operation validates everything before it changes anything.
 */

import type { AssociationStore } from './associationStore.js';
import { validationError } from './errors.js';
import type { LabelRegistry } from './labels.js';
import { createLimitGuard } from './limitGuard.js';
import type { LimitStore } from './limits.js';
import type { ObjectStore } from './objects.js';
import { type ObjectType, objectLabel } from './objectTypes.js';
import { SINGLE_VALUED_TYPE_IDS } from './typeCatalog.js';
import type { AssociatedRecord, AssociationTypeDef, Category, Endpoint } from './types.js';

export interface Spec {
  category: Category;
  typeId: number;
}

export interface DefaultWrite {
  from: string;
  to: string;
  category: Category;
  typeId: number;
}

export interface AssociationService {
  /** The typeIds, checked against the pair (unknown id or wrong category → 400). */
  resolveSpecs(from: ObjectType, to: ObjectType, specs: readonly Spec[]): Readonly<AssociationTypeDef>[];
  /** Makes `types` (plus the unlabeled type) the pair's full label set; returns the labels. */
  setTypes(from: Endpoint, to: Endpoint, types: readonly Readonly<AssociationTypeDef>[]): string[];
  /**
   * What PUT R1 and batch create do with their `types`: setTypes, except that an empty list links
   * nothing and changes nothing (undefined) though the records are still checked.
   */
  writeLabels(
    from: Endpoint,
    to: Endpoint,
    types: readonly Readonly<AssociationTypeDef>[],
  ): string[] | undefined;
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
  /** How many records of toType the record is associated with. */
  count(from: Endpoint, toType: ObjectType): number;
  /** Drops every association touching the record (its archive). */
  forgetRecord(type: ObjectType, id: string): void;
  exists(type: ObjectType, id: string): boolean;
  /** Whether any association carries the type. */
  inUse(typeId: number): boolean;
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

  /**
   * A single-valued type (PRIMARY) moves: other targets of the owner lose it, keep the rest. Move
   * rather than refuse: the v3 API "always marks the newly associated company as the new primary";
   * what v4 does was never observed (docs/hubspot-fidelity.md §10.4, §12.2; the sandbox's choice).
   */
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

  const checkLimits = createLimitGuard(labels, limits, store);

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

  // Replace, not add: "to replace the existing label, only include the new label" (associate-
  // records guide; docs/hubspot-fidelity.md §1, §12.1: unconfirmed live, PRIMARY included).
  const setTypes: AssociationService['setTypes'] = (from, to, types) => {
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
  };

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

    setTypes,

    // An empty types list is a 2xx that links nothing: a connector trusted that answer and linked
    // nothing (docs/hubspot-fidelity.md §10.12, §11.2). Which answer HubSpot gives for unknown ids
    // alongside it is not known; the sandbox still checks them, as for any write.
    writeLabels(from, to, types) {
      if (types.length > 0) return setTypes(from, to, types);
      requireRecords(from, to);
      return undefined;
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
      const category = unlabeled.category;
      const writes: DefaultWrite[] = [{ from: from.id, to: to.id, category, typeId: unlabeled.typeId }];
      if (unlabeled.inverseTypeId !== null) {
        writes.push({ from: to.id, to: from.id, category, typeId: unlabeled.inverseTypeId });
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

    count: (from, toType) => store.count(from.type.id, from.id, toType.id),

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
