/**
 * Object schemas, read only (spec crm-schemas-2026-03-dated.json, `ObjectSchema`): the portal's
 * custom object types, under the dated prefix and the legacy ones. Sandbox choices: a standard type
 * (contacts, 0-1) has no schema here (404), a name that is no type at all is HubSpot's 400.
 */
import {
  CUSTOM_OBJECTS,
  type CustomObjectSchema,
  customSchema,
  fullyQualifiedName,
} from '../customObjects.js';
import { notFound } from '../errors.js';
import type { Route, RouteContext } from '../router.js';
import { objectTypeParam } from '../validate.js';
import { FAMILIES } from '../versions.js';

interface Include {
  properties: boolean;
  associations: boolean;
  audit: boolean;
}

/** The include… query flags, true unless sent as false (spec defaults). */
const include = (ctx: RouteContext): Include => {
  const flag = (name: string) => ctx.query.get(name)?.toLowerCase() !== 'false';
  return {
    properties: flag('includePropertyDefinitions'),
    associations: flag('includeAssociationDefinitions'),
    audit: flag('includeAuditMetadata'),
  };
};

interface PropertyRow {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  options?: ReadonlyArray<{ label: string; value: string }>;
}

/** HubSpot's own properties of every custom object, besides the schema's. */
const DEFAULT_PROPERTIES: readonly PropertyRow[] = [
  { name: 'hs_object_id', label: 'Record ID', type: 'number', fieldType: 'number' },
  { name: 'hs_createdate', label: 'Object create date/time', type: 'datetime', fieldType: 'date' },
  {
    name: 'hs_lastmodifieddate',
    label: 'Object last modified date/time',
    type: 'datetime',
    fieldType: 'date',
  },
];

function wireProperties(schema: CustomObjectSchema, audit: Include['audit']) {
  const stamps = audit ? { createdAt: schema.createdAt, updatedAt: schema.createdAt } : {};
  const own = schema.properties.map((p: PropertyRow, i) => ({
    ...p,
    hubspotDefined: false,
    displayOrder: i + 1,
  }));
  const defaults = DEFAULT_PROPERTIES.map((p) => ({ ...p, hubspotDefined: true, displayOrder: -1 }));
  return [...own, ...defaults].map(({ options, ...p }) => ({
    ...p,
    description: '',
    groupName: `${schema.name}_information`,
    options: (options ?? []).map((o, i) => ({ ...o, displayOrder: i, hidden: false })),
    hasUniqueValue: false,
    hidden: false,
    formField: !p.hubspotDefined,
    calculated: false,
    externalOptions: false,
    archived: false,
    modificationMetadata: {
      archivable: !p.hubspotDefined,
      readOnlyDefinition: p.hubspotDefined,
      readOnlyValue: p.hubspotDefined,
    },
    ...stamps,
  }));
}

function wireSchema(schema: CustomObjectSchema, flags: Include) {
  const stamps = flags.audit ? { createdAt: schema.createdAt, updatedAt: schema.createdAt } : {};
  return {
    id: schema.id,
    objectTypeId: schema.objectTypeId,
    name: schema.name,
    fullyQualifiedName: fullyQualifiedName(schema),
    labels: { ...schema.labels },
    primaryDisplayProperty: schema.primaryDisplayProperty,
    secondaryDisplayProperties: [...schema.secondaryDisplayProperties],
    requiredProperties: [...schema.requiredProperties],
    searchableProperties: [...schema.searchableProperties],
    allowsSensitiveProperties: false,
    archived: false,
    properties: flags.properties ? wireProperties(schema, flags.audit) : [],
    associations: flags.associations
      ? schema.associations.map((a) => ({
          id: String(a.typeId),
          name: a.name,
          fromObjectTypeId: schema.objectTypeId,
          toObjectTypeId: a.toObjectTypeId,
          ...stamps,
        }))
      : [],
    ...stamps,
  };
}

export function schemaRoutes(): Route[] {
  return FAMILIES.flatMap((family) =>
    family.schemas.flatMap((prefix): Route[] => [
      {
        method: 'GET',
        template: prefix,
        handle(ctx) {
          // No schema is archived in the sandbox.
          const archived = ctx.query.get('archived') === 'true';
          const results = archived ? [] : CUSTOM_OBJECTS.map((s) => wireSchema(s, include(ctx)));
          return { status: 200, body: { results } };
        },
      },
      {
        method: 'GET',
        template: `${prefix}/{objectType}`,
        handle(ctx) {
          const type = objectTypeParam(ctx.params.objectType);
          const schema = customSchema(type.id);
          if (!schema)
            throw notFound(`Object type ${type.id} has no custom object schema`, { objectType: [type.id] });
          return { status: 200, body: wireSchema(schema, include(ctx)) };
        },
      },
    ]),
  );
}
