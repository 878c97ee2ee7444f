import { type ObjectType, resolveObjectType } from './objectTypes.js';

/** Standard objects HubSpot addresses by name in every API; anything else goes by its type id. */
const NAMED = new Set([
  'contacts',
  'companies',
  'deals',
  'tickets',
  'notes',
  'calls',
  'emails',
  'meetings',
  'tasks',
]);

/** The path segment for an object type; input is re-resolved so no raw string reaches a URL. */
export function typeSegment(type: ObjectType | string): string {
  const resolved = typeof type === 'string' ? resolveObjectType(type) : resolveObjectType(type.id);
  return encodeURIComponent(NAMED.has(resolved.name) ? resolved.name : resolved.id);
}

/** Encodes one path segment (ids are validated before they get here; this is belt and braces). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}
