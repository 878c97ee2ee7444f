/** Request validation with HubSpot's wording (Jackson-style messages, VALIDATION_ERROR). */

import { type SandboxError, validationError } from './errors.js';
import { findObjectType, type ObjectType } from './objectTypes.js';
import { CATEGORIES, type Category } from './types.js';

export type Json = Record<string, unknown>;

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: SandboxError };

/** Line and column (1-based) of a character offset, as Jackson reports them. */
function position(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

export function parseBody(raw: string): ParsedBody {
  if (raw.trim() === '') {
    return {
      ok: false,
      error: validationError('Invalid JSON input: a request body was expected, but none found'),
    };
  }
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    const at = /position (\d+)/.exec(String(error))?.[1];
    const where = position(raw, at === undefined ? raw.length : Number(at) + 1);
    return {
      ok: false,
      error: validationError(`Invalid input JSON on ${where}: ${(error as Error).message}`),
    };
  }
}

/** The position Jackson names when it finds required fields missing: the end of the body. */
function endOf(raw: string): string {
  return position(raw, raw.trimEnd().length);
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Object with every named field present (not undefined/null), or HubSpot's "required fields" 400. */
export function requireFields(value: unknown, fields: readonly string[], raw: string, what = 'body'): Json {
  if (!isObject(value)) {
    throw validationError(
      `Invalid input JSON on ${endOf(raw)}: Cannot deserialize ${what} from ${Array.isArray(value) ? 'Array' : typeof value} value`,
    );
  }
  const missing = fields.filter((f) => value[f] === undefined || value[f] === null);
  if (missing.length > 0) {
    throw validationError(
      `Invalid input JSON on ${endOf(raw)}. Some required fields were not set: [${missing.join(', ')}]`,
    );
  }
  return value;
}

/** `{ inputs: [...] }` with at most `cap` entries (HubSpot rejects the whole request above it). */
export function requireInputs(body: unknown, raw: string, cap: number): unknown[] {
  const inputs = requireFields(body, ['inputs'], raw).inputs;
  if (!Array.isArray(inputs)) {
    throw validationError(`Invalid input JSON on ${endOf(raw)}: inputs must be an array`);
  }
  if (inputs.length > cap) {
    throw validationError(`Batch input size exceeds limit of ${cap}. Received ${inputs.length} inputs.`, {
      limit: [String(cap)],
    });
  }
  return inputs;
}

export function requireString(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw validationError(`Invalid input JSON: ${field} must be a string`);
}

export function requireInteger(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw validationError(`Invalid input JSON: ${field} must be an integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

export function requireCategory(value: unknown, field: string): Category {
  if (typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value))
    return value as Category;
  throw validationError(
    `Invalid input JSON: ${field} must be one of ${CATEGORIES.join(', ')}, got ${JSON.stringify(value)}`,
  );
}

/** Path object types: names (singular/plural) or ids, like HubSpot. */
export function objectTypeParam(value: string | undefined): ObjectType {
  const type = findObjectType(value ?? '');
  if (!type) throw validationError(`Unable to infer object type from: ${value}`);
  return type;
}

const RECORD_ID = /^[0-9]{1,20}$/;

export function isRecordId(value: unknown): value is string | number {
  return (typeof value === 'string' || typeof value === 'number') && RECORD_ID.test(String(value));
}

/** `{ id }` objects in batch inputs; HubSpot coerces numbers to strings. */
export function idOf(value: unknown, field: string, raw: string): string {
  const id = requireFields(value, ['id'], raw, field).id;
  return requireString(id, `${field}.id`).trim();
}

/** Query parameters that HubSpot accepts both repeated and comma-separated. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** `limit` query parameter: default when absent, clamped to max like HubSpot's list endpoints. */
export function limitParam(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw validationError(`limit must be a positive integer, got ${raw}`);
  return Math.min(n, max);
}
