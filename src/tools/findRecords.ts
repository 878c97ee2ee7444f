import { z } from 'zod';
import { searchRecords } from '../domain/records/search.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import type { SearchFilter } from '../hubspot/types.js';
import { objectType } from './schemas.js';
import { defineTool } from './types.js';

const NO_VALUE = new Set(['HAS_PROPERTY', 'NOT_HAS_PROPERTY']);

const propertyName = z.string().min(1);
const filter = z.object({
  propertyName,
  operator: z.enum([
    'EQ',
    'NEQ',
    'CONTAINS_TOKEN',
    'IN',
    'HAS_PROPERTY',
    'NOT_HAS_PROPERTY',
    'GT',
    'GTE',
    'LT',
    'LTE',
  ]),
  value: z.string().optional(),
  values: z.array(z.string()).min(1).max(100).optional().describe('For IN'),
});

function toFilter(f: z.infer<typeof filter>, i: number): SearchFilter {
  const at = `filters[${i}]`;
  if (f.operator === 'IN') {
    if (!f.values) throw new InputError(`${at}.values`, 'IN needs values', 'give values: ["a", "b"]');
    return { propertyName: f.propertyName, operator: 'IN', values: f.values };
  }
  if (NO_VALUE.has(f.operator)) return { propertyName: f.propertyName, operator: f.operator };
  if (f.value === undefined) {
    throw new InputError(
      `${at}.value`,
      `${f.operator} needs a value`,
      'give value as a string, e.g. "ada@example.com"',
    );
  }
  return { propertyName: f.propertyName, operator: f.operator, value: f.value };
}

export const findRecords = defineTool({
  name: 'find_records',
  title: 'Find records',
  description:
    'CRM search for record ids: text query and/or property filters (e.g. email EQ). Continue with nextCursor.',
  inputSchema: {
    objectType,
    query: z.string().min(1).max(3000).optional().describe('Free text'),
    filters: z.array(filter).min(1).max(6).optional().describe('ANDed'),
    properties: z.array(propertyName).max(100).optional(),
    limit: z.number().int().min(1).max(200).optional().describe('Default 10'),
    cursor: z.string().min(1).max(200).optional(),
  },
  outputSchema: {
    objectType: z.string(),
    results: z.array(z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullable()) })),
    total: z.number(),
    nextCursor: z.string().optional(),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler(deps, args) {
    const type = resolveObjectType(args.objectType, 'objectType');
    const filters = (args.filters ?? []).map(toFilter);
    const page = await searchRecords(deps, type, {
      query: args.query,
      filters,
      properties: args.properties ?? [],
      limit: args.limit ?? 10,
      cursor: args.cursor,
    });
    const { nextCursor } = page;
    const results = page.results.map((r) => ({ id: r.id, properties: r.properties }));
    const more = nextCursor ? `; more with cursor "${nextCursor}"` : '';
    return {
      data: { objectType: type.name, results, total: page.total, ...(nextCursor ? { nextCursor } : {}) },
      summary: `${results.length} of ${page.total} ${type.name} matched${more}.`,
    };
  },
});
