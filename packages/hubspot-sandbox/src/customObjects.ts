/**
 * The portal's custom object types, as the schemas API describes them (spec
 * crm-schemas-2026-03-dated.json, `ObjectSchema`). The set is fixed: the sandbox does not emulate
 * creating schemas. Sandbox choices, written down:
 * - One type, "projects" (objectTypeId 2-3508467). Its name is the same as HubSpot's standard
 *   Projects object (0-970) on purpose: a bare `projects` in a path is the standard object, as in a
 *   portal that made its own projects before HubSpot shipped one; the custom one goes by its id.
 * - A custom type is addressed by its objectTypeId, its fullyQualifiedName (`p{portalId}_{name}`,
 *   HubSpot's schema guide and example bodies) or the `p_{name}` short form integrations use; not by
 *   its bare name (HubSpot documents only the id and the fully qualified name for custom objects).
 * - Association types to contacts and companies: one USER_DEFINED unlabeled type per direction
 *   (label null, named like the schema guide's `my_object_to_contact`), ids 1401–1404, between
 *   HubSpot's defined ids (≤ 1357) and the sandbox's custom labels (from 2000).
 */
import { PORTAL_ID } from './account.js';

export interface CustomProperty {
  name: string;
  label: string;
  type: 'string' | 'number' | 'enumeration';
  fieldType: 'text' | 'number' | 'select';
  options?: ReadonlyArray<{ label: string; value: string }>;
}

/** One association definition from the custom type to another type, with its inverse. */
export interface CustomAssociation {
  toObjectTypeId: string;
  typeId: number;
  name: string;
  inverseTypeId: number;
  inverseName: string;
}

export interface CustomObjectSchema {
  /** The numeric part of the objectTypeId (the spec's `id`). */
  id: string;
  objectTypeId: string;
  name: string;
  labels: { singular: string; plural: string };
  primaryDisplayProperty: string;
  secondaryDisplayProperties: readonly string[];
  requiredProperties: readonly string[];
  searchableProperties: readonly string[];
  properties: readonly CustomProperty[];
  associations: readonly CustomAssociation[];
  createdAt: string;
}

export const CUSTOM_OBJECTS: readonly CustomObjectSchema[] = [
  {
    id: '3508467',
    objectTypeId: '2-3508467',
    name: 'projects',
    labels: { singular: 'Project', plural: 'Projects' },
    primaryDisplayProperty: 'name',
    secondaryDisplayProperties: ['status'],
    requiredProperties: ['name'],
    searchableProperties: ['name'],
    properties: [
      { name: 'name', label: 'Name', type: 'string', fieldType: 'text' },
      {
        name: 'status',
        label: 'Status',
        type: 'enumeration',
        fieldType: 'select',
        options: [
          { label: 'Planned', value: 'planned' },
          { label: 'Active', value: 'active' },
          { label: 'Done', value: 'done' },
        ],
      },
      { name: 'budget', label: 'Budget', type: 'number', fieldType: 'number' },
    ],
    associations: [
      {
        toObjectTypeId: '0-1',
        typeId: 1401,
        name: 'project_to_contact',
        inverseTypeId: 1402,
        inverseName: 'contact_to_project',
      },
      {
        toObjectTypeId: '0-2',
        typeId: 1403,
        name: 'project_to_company',
        inverseTypeId: 1404,
        inverseName: 'company_to_project',
      },
    ],
    createdAt: '2024-01-15T08:00:00.000Z',
  },
];

export const fullyQualifiedName = (schema: CustomObjectSchema) => `p${PORTAL_ID}_${schema.name}`;

/** Every way a path may name the type, lower-cased: id, fully qualified name, `p_` short form. */
export const customObjectKeys = (schema: CustomObjectSchema): string[] => [
  schema.objectTypeId,
  fullyQualifiedName(schema),
  `p_${schema.name}`,
];

export function customSchema(objectTypeId: string): CustomObjectSchema | undefined {
  return CUSTOM_OBJECTS.find((s) => s.objectTypeId === objectTypeId);
}
