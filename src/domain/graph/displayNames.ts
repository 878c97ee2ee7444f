import type { ObjectType } from '../../hubspot/objectTypes.js';

type Properties = Record<string, string | null | undefined>;

/** How a record of one type is named: the properties to read and how to join them. */
export interface Namer {
  properties: string[];
  name(properties: Properties): string | undefined;
}

const text = (value: string | null | undefined) => value?.trim() || undefined;
const single = (property: string): Namer => ({
  properties: [property],
  name: (p) => text(p[property]),
});

/**
 * HubSpot's record names (the CRM's record pages): contacts by first + last name, else e-mail;
 * companies by name, else domain; deals, tickets and custom objects by one property.
 */
const STANDARD: Record<string, Namer> = {
  '0-1': {
    properties: ['firstname', 'lastname', 'email'],
    name: (p) => text([text(p.firstname), text(p.lastname)].filter(Boolean).join(' ')) ?? text(p.email),
  },
  '0-2': { properties: ['name', 'domain'], name: (p) => text(p.name) ?? text(p.domain) },
  '0-3': single('dealname'),
  '0-5': single('subject'),
};

/**
 * The namer for a type: the standard table, else the custom type's primary display property
 * (list_object_types), else `name` (line items, products and most other HubSpot objects).
 */
export function namerFor(type: ObjectType, primaryDisplayProperty?: string): Namer {
  return STANDARD[type.id] ?? single(primaryDisplayProperty ?? 'name');
}

/** A record without a name is shown by its id. */
export function displayName(namer: Namer, id: string, properties: Properties | undefined): string {
  return (properties && namer.name(properties)) || `#${id}`;
}
