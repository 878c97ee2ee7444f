/**
 * The portal's own object type table, written from HubSpot's docs and kept apart from any client:
 * a client that spells a type or its id wrong gets HubSpot's answer here, not its own mistake back.
 *
 * Ids: "Understanding the CRM", object type IDs table (https://developers.hubspot.com/docs/guides/crm)
 * and the associations guide's type id tables. Names: HubSpot accepts an object type in a path as
 * its plural name, singular name or id, in any case (`contacts`, `contact`, `0-1`). Custom objects
 * are the portal's schemas (customObjects.ts): an unknown `2-…` id is HubSpot's 400, like any
 * other unknown type.
 */
import { CUSTOM_OBJECTS, customObjectKeys, customSchema } from './customObjects.js';

/** A resolved object type: `id` is the objectTypeId, `name` the plural name HubSpot answers with. */
export interface ObjectType {
  id: string;
  name: string;
}

/** [plural, singular, objectTypeId] for every standard object HubSpot gives an id. */
const STANDARD: ReadonlyArray<readonly [string, string, string]> = [
  ['contacts', 'contact', '0-1'],
  ['companies', 'company', '0-2'],
  ['deals', 'deal', '0-3'],
  ['tickets', 'ticket', '0-5'],
  ['products', 'product', '0-7'],
  ['line_items', 'line_item', '0-8'],
  ['quotes', 'quote', '0-14'],
  ['communications', 'communication', '0-18'],
  ['feedback_submissions', 'feedback_submission', '0-19'],
  ['tasks', 'task', '0-27'],
  ['notes', 'note', '0-46'],
  ['meetings', 'meeting', '0-47'],
  ['calls', 'call', '0-48'],
  ['emails', 'email', '0-49'],
  ['invoices', 'invoice', '0-53'],
  ['marketing_events', 'marketing_event', '0-54'],
  ['subscriptions', 'subscription', '0-69'],
  ['goals', 'goal', '0-74'],
  ['discounts', 'discount', '0-84'],
  ['fees', 'fee', '0-85'],
  ['taxes', 'tax', '0-86'],
  ['payments', 'payment', '0-101'],
  ['users', 'user', '0-115'],
  ['postal_mail', 'postal_mail', '0-116'],
  ['orders', 'order', '0-123'],
  ['leads', 'lead', '0-136'],
  ['carts', 'cart', '0-142'],
  ['services', 'service', '0-162'],
  ['courses', 'course', '0-410'],
  ['listings', 'listing', '0-420'],
  ['appointments', 'appointment', '0-421'],
  ['projects', 'project', '0-970'],
];

/** The standard object types, plural name and id. */
export const OBJECT_TYPES: readonly ObjectType[] = STANDARD.map(([name, , id]) => ({ id, name }));

/**
 * Plural name, singular name and id of each standard type, and the keys of each custom type, to
 * the type; built once, never changed. Custom types are named by their id in answers and messages.
 */
const byKey: ReadonlyMap<string, Readonly<ObjectType>> = new Map([
  ...STANDARD.flatMap(([name, singular, id]) =>
    [name, singular, id].map((key) => [key, { id, name }] as const),
  ),
  ...CUSTOM_OBJECTS.flatMap((schema) =>
    customObjectKeys(schema).map(
      (key) => [key.toLowerCase(), { id: schema.objectTypeId, name: schema.objectTypeId }] as const,
    ),
  ),
]);

const singulars: ReadonlyMap<string, string> = new Map(STANDARD.map(([, singular, id]) => [id, singular]));

/** The type a path segment or seed call names, or undefined when HubSpot would not infer one. */
export function findObjectType(input: string): ObjectType | undefined {
  const known = byKey.get(input.toLowerCase());
  return known && { ...known };
}

const words = (name: string) => name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Display labels ("Contact", "Line items"; a custom type's schema labels), as HubSpot shows types. */
export function objectTypeLabels(type: ObjectType): { singular: string; plural: string } {
  const custom = customSchema(type.id);
  if (custom) return { ...custom.labels };
  return { singular: words(singulars.get(type.id) ?? type.name), plural: words(type.name) };
}

/** Like findObjectType, for names the sandbox's own code and its callers pass: unknown ones throw. */
export function resolveObjectType(input: string): ObjectType {
  const type = findObjectType(input);
  if (!type) throw new RangeError(`unknown object type ${JSON.stringify(input.slice(0, 40))}`);
  return type;
}
/** HubSpot names object types in error contexts as upper-case singulars: CONTACT=123. */
export function objectLabel(type: ObjectType): string {
  if (!/^[a-z_]+$/.test(type.name)) return type.name;
  const singular =
    type.name === 'companies' ? 'company' : type.name.replace(/(xe)?s$/, (_m, xe) => (xe ? 'x' : ''));
  return singular.toUpperCase();
}
