/** Association types per object pair: HubSpot's defaults plus custom labels, with HubSpot's rules. */

import { conflict, notFound, validationError } from './errors.js';
import type { ObjectType } from './objectTypes.js';
import { customObjectTypes, firstCustomTypeId, hubspotDefinedTypes } from './typeCatalog.js';
import type { AssociationTypeDef } from './types.js';

/**
 * HubSpot's developer docs: "up to 10 association labels between each object pairing"; a newer KB
 * copy says 50 (docs/hubspot-fidelity.md §10.7, §12.7). The sandbox option `labelLimit` sets it.
 */
export const DEFAULT_LABEL_LIMIT = 10;

export interface LabelInput {
  label: string;
  name: string;
  inverseLabel?: string;
}

export interface LabelRegistry {
  /** HUBSPOT_DEFINED first, then custom, each by typeId. */
  forPair(fromTypeId: string, toTypeId: string): readonly Readonly<AssociationTypeDef>[];
  find(fromTypeId: string, toTypeId: string, typeId: number): Readonly<AssociationTypeDef> | undefined;
  byId(typeId: number): Readonly<AssociationTypeDef> | undefined;
  /**
   * The pair's unlabeled "most generic" type, used by default associations: HubSpot's, or for a
   * custom object pair the schema's USER_DEFINED one.
   */
  defaultType(fromTypeId: string, toTypeId: string): Readonly<AssociationTypeDef> | undefined;
  /** Custom labels (definitions, a paired label once) between the two types, either direction. */
  customLabelCount(a: string, b: string): number;
  /** Object pairs with custom labels, each once, in the direction its first label was created. */
  customLabelPairs(): Array<{ from: string; to: string }>;
  /** The cap on custom labels per object pair. */
  readonly labelLimit: number;
  /** Returns the new types, forward direction first. */
  create(from: ObjectType, to: ObjectType, input: LabelInput): Readonly<AssociationTypeDef>[];
  update(from: ObjectType, to: ObjectType, typeId: number, label: string, inverseLabel?: string): void;
  /** Removes the label (both directions); refuses HubSpot-defined types and labels in use. */
  remove(from: ObjectType, to: ObjectType, typeId: number, inUse: (typeId: number) => boolean): number[];
}

interface CustomDefinition {
  pair: string;
  /** The direction it was created in. */
  from: string;
  to: string;
  name: string;
  typeIds: number[];
  paired: boolean;
}

const pairKey = (from: string, to: string) => `${from}>${to}`;
const unorderedKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const INVALID_NAME = /-|^[0-9]/;

export function createLabelRegistry(labelLimit = DEFAULT_LABEL_LIMIT): LabelRegistry {
  const byId = new Map<number, AssociationTypeDef>();
  const byPair = new Map<string, number[]>();
  const definitions = new Map<number, CustomDefinition>();
  let nextTypeId = firstCustomTypeId();

  const add = (def: AssociationTypeDef) => {
    byId.set(def.typeId, def);
    const key = pairKey(def.fromTypeId, def.toTypeId);
    byPair.set(key, [...(byPair.get(key) ?? []), def.typeId]);
  };
  for (const def of [...hubspotDefinedTypes(), ...customObjectTypes()]) add(def);
  const definitionsOf = (pair: string) => [...new Set(definitions.values())].filter((d) => d.pair === pair);

  const find = (fromTypeId: string, toTypeId: string, typeId: number) => {
    const def = byId.get(typeId);
    return def && def.fromTypeId === fromTypeId && def.toTypeId === toTypeId ? def : undefined;
  };

  const requireCustom = (from: ObjectType, to: ObjectType, typeId: number, action: string) => {
    const def = find(from.id, to.id, typeId);
    if (!def) throw notFound(`Association type ${typeId} does not exist from ${from.name} to ${to.name}`);
    if (def.category === 'HUBSPOT_DEFINED') {
      throw validationError(
        `Cannot ${action} association type ${typeId}: HubSpot-defined (default) association types, including the Primary label, cannot be ${action}d`,
      );
    }
    if (def.label === null) {
      throw validationError(
        `Cannot ${action} association type ${typeId}: it is the unlabeled association type of a custom object's schema, not an association label`,
      );
    }
    const definition = definitions.get(typeId);
    if (!definition)
      throw notFound(`Association type ${typeId} does not exist from ${from.name} to ${to.name}`);
    return { def, definition };
  };

  return {
    forPair(fromTypeId, toTypeId) {
      const defs = (byPair.get(pairKey(fromTypeId, toTypeId)) ?? []).map((id) => byId.get(id)!);
      const rank = (d: AssociationTypeDef) => (d.category === 'HUBSPOT_DEFINED' ? 0 : 1);
      return defs.sort((a, b) => rank(a) - rank(b) || a.typeId - b.typeId);
    },
    find,
    byId: (typeId) => byId.get(typeId),
    defaultType(fromTypeId, toTypeId) {
      const unlabeled = (byPair.get(pairKey(fromTypeId, toTypeId)) ?? [])
        .map((id) => byId.get(id)!)
        .filter((d) => d.label === null);
      return unlabeled.find((d) => d.category === 'HUBSPOT_DEFINED') ?? unlabeled[0];
    },
    customLabelCount: (a, b) => definitionsOf(unorderedKey(a, b)).length,
    customLabelPairs() {
      const first = new Map<string, { from: string; to: string }>();
      for (const d of new Set(definitions.values())) if (!first.has(d.pair)) first.set(d.pair, d);
      return [...first.values()].map(({ from, to }) => ({ from, to }));
    },
    labelLimit,

    create(from, to, input) {
      const label = input.label.trim();
      if (label === '') throw validationError('label must not be empty');
      if (input.name.trim() === '' || INVALID_NAME.test(input.name)) {
        throw validationError(
          `Invalid association label name "${input.name}": the internal name cannot include hyphens or begin with a numerical character`,
          { name: [input.name] },
        );
      }
      const pair = unorderedKey(from.id, to.id);
      const existing = definitionsOf(pair);
      if (existing.length >= labelLimit) {
        throw validationError(
          `Cannot create more than ${labelLimit} association labels between ${from.name} and ${to.name} (the label limit for an object pair is ${labelLimit}); delete an unused label first`,
          { labelLimit: [String(labelLimit)] },
        );
      }
      const clash = existing.find((d) => d.name === input.name);
      if (clash) {
        throw conflict(
          `An association label named "${input.name}" already exists between ${from.name} and ${to.name} (typeIds ${clash.typeIds.join(', ')})`,
        );
      }
      const inverseLabel = input.inverseLabel?.trim() || undefined;
      const forward: AssociationTypeDef = {
        fromTypeId: from.id,
        toTypeId: to.id,
        typeId: nextTypeId++,
        category: 'USER_DEFINED',
        label,
        name: input.name,
        inverseTypeId: null,
      };
      const created = [forward];
      if (from.id === to.id && inverseLabel === undefined) {
        // An unpaired label on a self pair (contact↔contact) reads the same both ways: one type.
        forward.inverseTypeId = forward.typeId;
      } else {
        // Without inverseLabel HubSpot still makes one typeId per direction, both with the label.
        const reverse: AssociationTypeDef = {
          fromTypeId: to.id,
          toTypeId: from.id,
          typeId: nextTypeId++,
          category: 'USER_DEFINED',
          label: inverseLabel ?? label,
          name: input.name,
          inverseTypeId: forward.typeId,
        };
        forward.inverseTypeId = reverse.typeId;
        created.push(reverse);
      }
      const definition: CustomDefinition = {
        pair,
        from: from.id,
        to: to.id,
        name: input.name,
        typeIds: created.map((d) => d.typeId),
        paired: inverseLabel !== undefined,
      };
      for (const def of created) {
        add(def);
        definitions.set(def.typeId, definition);
      }
      return created;
    },

    update(from, to, typeId, label, inverseLabel) {
      const { def, definition } = requireCustom(from, to, typeId, 'update');
      if (label.trim() === '') throw validationError('label must not be empty');
      const inverse = def.inverseTypeId === null ? undefined : byId.get(def.inverseTypeId);
      def.label = label.trim();
      if (!inverse || inverse === def) return;
      if (inverseLabel?.trim()) {
        inverse.label = inverseLabel.trim();
        definition.paired = true;
      } else if (!definition.paired) {
        inverse.label = def.label;
      }
    },

    remove(from, to, typeId, inUse) {
      const { definition } = requireCustom(from, to, typeId, 'delete');
      if (definition.typeIds.some(inUse)) {
        throw validationError(
          `Association label ${typeId} is used to describe associated records; remove the label from those associations before deleting it`,
        );
      }
      for (const id of definition.typeIds) {
        const def = byId.get(id)!;
        byId.delete(id);
        definitions.delete(id);
        const key = pairKey(def.fromTypeId, def.toTypeId);
        byPair.set(
          key,
          (byPair.get(key) ?? []).filter((t) => t !== id),
        );
      }
      return definition.typeIds;
    },
  };
}
