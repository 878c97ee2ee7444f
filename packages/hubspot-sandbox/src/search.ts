/** CRM search semantics: filter groups (OR of ANDs), free-text query, sorts (docs/hubspot-api.md §6, §8). */
import { validationError } from './errors.js';
import { ownValue, searchableProperties } from './properties.js';
import type { CrmObject } from './types.js';
import { isObject, requireFields } from './validate.js';

const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
type Operator = (typeof OPERATORS)[number];

interface Filter {
  propertyName: string;
  operator: Operator;
  value?: string;
  highValue?: string;
  values?: string[];
}

interface Sort {
  propertyName: string;
  descending: boolean;
}

export interface SearchRequest {
  filterGroups: Filter[][];
  query?: string;
  sorts: Sort[];
  properties: string[];
  limit: number;
  /** Offset into the results. */
  after: number;
}

/** HubSpot's search caps: 5 groups, 6 filters each, 18 in all; 200 per page; 10 000 results. */
export const SEARCH_LIMITS = {
  groups: 5,
  filtersPerGroup: 6,
  filters: 18,
  pageSize: 200,
  results: 10_000,
} as const;

const scalar = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;

function parseFilter(item: unknown, raw: string): Filter {
  const f = requireFields(item, ['propertyName', 'operator'], raw, 'Filter');
  const operator = String(f.operator) as Operator;
  if (!OPERATORS.includes(operator)) {
    throw validationError(
      `Invalid filter operator ${JSON.stringify(f.operator)}; expected one of ${OPERATORS.join(', ')}`,
    );
  }
  const filter: Filter = { propertyName: String(f.propertyName), operator };
  const value = scalar(f.value);
  if (value !== undefined) filter.value = value;
  const highValue = scalar(f.highValue);
  if (highValue !== undefined) filter.highValue = highValue;
  if (Array.isArray(f.values)) filter.values = f.values.map((v) => String(v));
  const needsValue = !['HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'].includes(operator);
  if (needsValue && filter.value === undefined) {
    throw validationError(`Filter on ${filter.propertyName} with operator ${operator} needs a value`);
  }
  if (operator === 'BETWEEN' && filter.highValue === undefined) {
    throw validationError(`Filter on ${filter.propertyName} with operator BETWEEN needs a highValue`);
  }
  if ((operator === 'IN' || operator === 'NOT_IN') && !filter.values) {
    throw validationError(`Filter on ${filter.propertyName} with operator ${operator} needs values`);
  }
  return filter;
}

function parseSort(item: unknown): Sort {
  if (typeof item === 'string') {
    return item.startsWith('-')
      ? { propertyName: item.slice(1), descending: true }
      : { propertyName: item, descending: false };
  }
  if (isObject(item) && typeof item.propertyName === 'string') {
    return { propertyName: item.propertyName, descending: item.direction === 'DESCENDING' };
  }
  throw validationError(
    'Invalid sort: use "propertyName" or {"propertyName": ..., "direction": "ASCENDING"|"DESCENDING"}',
  );
}

export function parseSearch(body: unknown, raw: string): SearchRequest {
  const b = raw.trim() === '' ? {} : body;
  if (!isObject(b)) throw validationError('Invalid input JSON: the search request must be an object');
  const groups = Array.isArray(b.filterGroups) ? b.filterGroups : [];
  if (groups.length > SEARCH_LIMITS.groups) {
    throw validationError(`Too many filter groups: ${groups.length}; the maximum is ${SEARCH_LIMITS.groups}`);
  }
  const filterGroups = groups.map((g) => {
    const filters = requireFields(g, ['filters'], raw, 'FilterGroup').filters;
    if (!Array.isArray(filters)) throw validationError('Invalid input JSON: filters must be an array');
    if (filters.length > SEARCH_LIMITS.filtersPerGroup) {
      throw validationError(
        `Too many filters in a group: ${filters.length}; the maximum is ${SEARCH_LIMITS.filtersPerGroup}`,
      );
    }
    return filters.map((f) => parseFilter(f, raw));
  });
  const total = filterGroups.reduce((n, g) => n + g.length, 0);
  if (total > SEARCH_LIMITS.filters) {
    throw validationError(
      `Too many filters: ${total}; the maximum is ${SEARCH_LIMITS.filters} across all groups`,
    );
  }
  const limit = b.limit === undefined || b.limit === null ? 10 : Number(b.limit);
  if (!Number.isInteger(limit) || limit < 0 || limit > SEARCH_LIMITS.pageSize) {
    throw validationError(
      `limit must be an integer between 0 and ${SEARCH_LIMITS.pageSize}, got ${JSON.stringify(b.limit)}`,
    );
  }
  const afterRaw = b.after === undefined || b.after === null || b.after === '' ? '0' : String(b.after);
  if (!/^[0-9]+$/.test(afterRaw))
    throw validationError(`Invalid paging cursor after=${JSON.stringify(b.after)}`);
  const after = Number(afterRaw);
  if (after >= SEARCH_LIMITS.results) {
    throw validationError(
      `Search results are limited to ${SEARCH_LIMITS.results} records; paging beyond after=${after} is not allowed. Narrow the filters.`,
    );
  }
  return {
    filterGroups,
    ...(typeof b.query === 'string' && b.query.trim() !== '' ? { query: b.query } : {}),
    sorts: Array.isArray(b.sorts) ? b.sorts.map(parseSort) : [],
    properties: Array.isArray(b.properties)
      ? b.properties.filter((p): p is string => typeof p === 'string')
      : [],
    limit,
    after,
  };
}

const tokens = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Numbers compare as numbers, ISO dates against ms timestamps, everything else case-insensitively. */
function compare(actual: string, expected: string): number {
  const a = Number(actual);
  const b = Number(expected);
  if (actual.trim() !== '' && expected.trim() !== '' && !Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  const date = Date.parse(actual);
  if (!Number.isNaN(date) && /^\d{4}-\d{2}-\d{2}/.test(actual)) {
    const other = Number.isNaN(b) ? Date.parse(expected) : b;
    if (!Number.isNaN(other)) return date - other;
  }
  return actual.toLowerCase().localeCompare(expected.toLowerCase());
}

/** CONTAINS_TOKEN: the value's tokens appear in order, or `*` wildcards match the whole value or a token. */
function containsToken(actual: string, expected: string): boolean {
  if (expected.includes('*')) {
    const pattern = new RegExp(
      `^${expected
        .toLowerCase()
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return pattern.test(actual.toLowerCase()) || tokens(actual).some((t) => pattern.test(t));
  }
  const have = tokens(actual);
  const want = tokens(expected);
  if (want.length === 0) return false;
  return have.some((_, i) => want.every((w, j) => have[i + j] === w));
}

function test(filter: Filter, object: CrmObject): boolean {
  const actual = ownValue(object.properties, filter.propertyName);
  const has = actual !== undefined && actual !== '';
  const value = filter.value ?? '';
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'EQ':
      return has && compare(actual, value) === 0;
    case 'NEQ':
      return !has || compare(actual, value) !== 0;
    case 'LT':
      return has && compare(actual, value) < 0;
    case 'LTE':
      return has && compare(actual, value) <= 0;
    case 'GT':
      return has && compare(actual, value) > 0;
    case 'GTE':
      return has && compare(actual, value) >= 0;
    case 'BETWEEN':
      return has && compare(actual, value) >= 0 && compare(actual, filter.highValue ?? '') <= 0;
    case 'IN':
      return has && (filter.values ?? []).some((v) => compare(actual, v) === 0);
    case 'NOT_IN':
      return !has || !(filter.values ?? []).some((v) => compare(actual, v) === 0);
    case 'CONTAINS_TOKEN':
      return has && containsToken(actual, value);
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(actual, value);
  }
}

/** Free text: every query token prefixes a token of some default searchable property. */
function matchesQuery(typeId: string, object: CrmObject, query: string): boolean {
  const wanted = tokens(query);
  const have = searchableProperties(typeId).flatMap((name) =>
    tokens(ownValue(object.properties, name) ?? ''),
  );
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}

/** Every match, sorted (default: by id ascending). */
export function runSearch(typeId: string, objects: Iterable<CrmObject>, request: SearchRequest): CrmObject[] {
  const matches: CrmObject[] = [];
  for (const object of objects) {
    if (request.filterGroups.length > 0 && !request.filterGroups.some((g) => g.every((f) => test(f, object))))
      continue;
    if (request.query && !matchesQuery(typeId, object, request.query)) continue;
    matches.push(object);
  }
  const sort = request.sorts[0];
  if (sort) {
    const sign = sort.descending ? -1 : 1;
    matches.sort((x, y) => {
      const a = ownValue(x.properties, sort.propertyName);
      const b = ownValue(y.properties, sort.propertyName);
      if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
      return sign * compare(a, b) || Number(x.id) - Number(y.id);
    });
  }
  return matches;
}
