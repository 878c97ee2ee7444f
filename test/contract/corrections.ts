/** Documented spec-vs-reality corrections, applied to the converted specs before validation. */
import { allowNull, isObject, type JsonObject } from './jsonSchema.js';

/**
 * How HubSpot really answers where its spec says otherwise. Applied to the named component
 * schema in every spec that defines it. All corrected schemas occur only in responses.
 * - `also-integer`: the property may also be a JSON integer.
 * - `also-null`: the property may also be null.
 * - `extra-string`: an undeclared optional string property that real bodies carry.
 * - `optional`: a property the spec requires but real bodies omit.
 */
export interface RealityCorrection {
  schema: string;
  property: string;
  fix: 'also-integer' | 'also-null' | 'values-also-null' | 'extra-string' | 'optional';
  source: string;
}

const NUMERIC_IDS =
  'ids arrive as JSON numbers: HubSpot docs examples ("toObjectId": 5790939450, "fromObjectId": 29851), ' +
  'HubSpot/hubspot-api-nodejs issue #552, Ballerina docs/spec/sanitations.md (docs/hubspot-api.md §2)';
const RATE_LIMIT_BODY =
  'real error bodies carry it, e.g. the documented 429 body (docs/hubspot-api.md §9.5, §10)';

export const REALITY_CORRECTIONS: readonly RealityCorrection[] = [
  {
    schema: 'MultiAssociatedObjectWithLabel',
    property: 'toObjectId',
    fix: 'also-integer',
    source: NUMERIC_IDS,
  },
  { schema: 'LabelsBetweenObjectPair', property: 'fromObjectId', fix: 'also-integer', source: NUMERIC_IDS },
  { schema: 'LabelsBetweenObjectPair', property: 'toObjectId', fix: 'also-integer', source: NUMERIC_IDS },
  {
    schema: 'AssociationSpecWithLabel',
    property: 'label',
    fix: 'also-null',
    source:
      'unlabeled types come back with label null: HubSpot docs (docs/hubspot-api.md §2); ' +
      'Ballerina sanitation made it nullable (ballerina-platform module-ballerinax-hubspot.crm.associations)',
  },
  ...['status', 'policyName', 'errorType', 'groupName', 'requestId', 'error', 'error_description'].map(
    (property): RealityCorrection => ({
      schema: 'Error',
      property,
      fix: 'extra-string',
      source: RATE_LIMIT_BODY,
    }),
  ),
  ...['SimplePublicObject', 'SimplePublicObjectWithAssociations', 'SimplePublicUpsertObject'].map(
    (schema): RealityCorrection => ({
      schema,
      property: 'properties',
      fix: 'values-also-null',
      source:
        'HubSpot answers asked-for but unset properties with null (the spec types every value as a string); ' +
        'seen in HubSpot docs examples and every official client, which type property values as string | null',
    }),
  ),
  {
    schema: 'Error',
    property: 'category',
    fix: 'optional',
    source:
      'documented 429 bodies have errorType instead of category (docs/hubspot-api.md §9.5); ' +
      'HubSpot: treat every error field as optional (§10)',
  },
];

function alsoType(schema: JsonObject, type: string): JsonObject {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return { ...schema, type: types.includes(type) ? types : [...types, type] };
}

/** Applies one correction to a spec's converted component schemas; false if nothing matched. */
function applyCorrection(schemas: JsonObject, correction: RealityCorrection): boolean {
  const target = schemas[correction.schema];
  if (!isObject(target) || !isObject(target.properties)) return false;
  const props = target.properties;
  const current = props[correction.property];
  switch (correction.fix) {
    case 'extra-string':
      props[correction.property] = current ?? { type: 'string' };
      return true;
    case 'optional':
      if (!Array.isArray(target.required) || !target.required.includes(correction.property)) return false;
      target.required = target.required.filter((name) => name !== correction.property);
      return true;
    case 'also-null':
      if (!isObject(current)) return false;
      props[correction.property] = allowNull(current);
      return true;
    case 'values-also-null':
      if (!isObject(current) || !isObject(current.additionalProperties)) return false;
      current.additionalProperties = allowNull(current.additionalProperties);
      return true;
    case 'also-integer':
      if (!isObject(current)) return false;
      props[correction.property] = alsoType(current, 'integer');
      return true;
  }
}

/** Applies every correction that fits one spec's component schemas, recording which did. */
export function applyCorrections(schemas: JsonObject, applied: Set<RealityCorrection>): void {
  for (const correction of REALITY_CORRECTIONS) {
    if (applyCorrection(schemas, correction)) applied.add(correction);
  }
}

/** A correction that matches nothing means the specs changed: re-check it rather than carry it. */
export function assertNoStaleCorrections(applied: ReadonlySet<RealityCorrection>): void {
  const stale = REALITY_CORRECTIONS.filter((c) => !applied.has(c));
  if (stale.length > 0) {
    throw new Error(
      `reality corrections match no spec schema: ${stale.map((c) => `${c.schema}.${c.property}`)}`,
    );
  }
}
