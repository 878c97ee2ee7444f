/**
 * Loads HubSpot's official OpenAPI specs (spec/hubspot-openapi) once, corrected and compiled for
 * ajv, and maps concrete requests to the spec operation they call.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { applyCorrections, assertNoStaleCorrections, type RealityCorrection } from './corrections.js';
import { isObject, type JsonObject, toJsonSchema } from './jsonSchema.js';

/** The spec files the contract tests read; unmodified copies (provenance in SOURCES.md). */
export const SPEC_FILES = [
  'associations-v4-records.json',
  'associations-v4-schema-labels-configurations.json',
  'associations-v4-schema-labels.rollout50914-2024.json',
  // Generic before specific on purpose: precedence must come from literal segments, not load order.
  'crm-objects-v3.json',
  'crm-contacts-v3.json',
  'crm-companies-v3.json',
  'crm-schemas-v3.json',
  // The date-versioned family the client speaks by default (2026-09's files are pre-GA snapshots
  // that lack 207s and the GET list, docs/hubspot-fidelity.md §7: not a contract to check against).
  'associations-2026-03-dated.json',
  'associations-schema-2026-03-dated.json',
  'crm-objects-2026-03-dated.json',
  'crm-contacts-2026-03-dated.json',
  'crm-companies-2026-03-dated.json',
  'crm-schemas-2026-03-dated.json',
  'crm-limits-tracking-2026-03-dated.json',
  // The token endpoints: the dated one the client uses, its undated twin, and v1 (sunset 2027-02-16).
  'auth-oauth-2026-03-dated.json',
  'auth-oauth-v3.json',
  'auth-oauth-v1.json',
  'account-info-2026-03-dated.json',
] as const;

const SPEC_DIR = new URL('../../spec/hubspot-openapi/', import.meta.url);

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}
export interface MediaType {
  schema?: JsonObject;
}
interface ResponseSpec {
  content?: Record<string, MediaType>;
}
interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses: Record<string, ResponseSpec>;
}

interface IndexedOperation {
  spec: string;
  method: string;
  template: string;
  segments: string[];
  parameters: Parameter[];
  operation: Operation;
}

interface SpecIndex {
  ajv: Ajv;
  operations: IndexedOperation[];
  compiled: WeakMap<object, ValidateFunction>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

// Loading and compiling every spec takes a while: done once per test worker, on first use.
const cache: { index?: SpecIndex } = {};

function specId(file: string): string {
  return `https://hubspot-openapi.invalid/${file}`;
}

function resolveLocal(doc: JsonObject, ref: string): unknown {
  const pointer = ref.slice(ref.indexOf('#') + 1);
  let node: unknown = doc;
  for (const part of pointer.split('/').slice(1)) {
    if (!isObject(node)) return undefined;
    node = node[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node;
}

/** Inlines `$ref`ed parameters and responses (schemas keep their `$ref`s for ajv). */
function deref<T>(doc: JsonObject, node: unknown): T {
  if (isObject(node) && typeof node.$ref === 'string') return deref<T>(doc, resolveLocal(doc, node.$ref));
  return node as T;
}

function loadSpec(file: string, ajv: Ajv, applied: Set<RealityCorrection>): IndexedOperation[] {
  const raw: unknown = JSON.parse(readFileSync(new URL(file, SPEC_DIR), 'utf8'));
  const id = specId(file);
  const doc = toJsonSchema(raw, id) as JsonObject;
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  applyCorrections(schemas, applied);
  // Registered under its own $id so `<id>#/components/schemas/X` resolves; ajv ignores the rest.
  ajv.addSchema({ $id: id, components: { schemas } });

  const operations: IndexedOperation[] = [];
  for (const [template, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    const shared = (Array.isArray(item.parameters) ? item.parameters : []).map((p) =>
      deref<Parameter>(doc, p),
    );
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const own = (Array.isArray(op.parameters) ? op.parameters : []).map((p) => deref<Parameter>(doc, p));
      const byKey = new Map([...shared, ...own].map((p) => [`${p.in}:${p.name}`, p]));
      const responses: Record<string, ResponseSpec> = {};
      for (const [code, response] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        responses[code] = deref<ResponseSpec>(doc, response);
      }
      const requestBody = deref<Operation['requestBody']>(doc, op.requestBody);
      operations.push({
        spec: file,
        method: method.toUpperCase(),
        template,
        segments: template.split('/').slice(1),
        parameters: [...byKey.values()],
        operation: { requestBody, responses },
      });
    }
  }
  return operations;
}

function loadIndex(): SpecIndex {
  if (cache.index) return cache.index;
  const ajv = new Ajv({ strict: false, allErrors: true });
  formatsModule.default(ajv);
  const applied = new Set<RealityCorrection>();
  const operations = SPEC_FILES.flatMap((file) => loadSpec(file, ajv, applied));
  assertNoStaleCorrections(applied);
  cache.index = { ajv, operations, compiled: new WeakMap() };
  return cache.index;
}

/** The compiled ajv validator for a schema taken from the index, compiled once. */
export function validatorFor(schema: JsonObject): ValidateFunction {
  const index = loadIndex();
  let validate = index.compiled.get(schema);
  if (!validate) {
    validate = index.ajv.compile(schema);
    index.compiled.set(schema, validate);
  }
  return validate;
}

// ---------------------------------------------------------------------------------------------
// Operation lookup.

export interface OperationMatch {
  spec: string;
  method: string;
  template: string;
  pathParams: Record<string, string>;
}

interface Found {
  op: IndexedOperation;
  pathParams: Record<string, string>;
}

export function splitPath(path: string): { segments: string[]; search: string } {
  const at = path.indexOf('?');
  const pathname = at === -1 ? path : path.slice(0, at);
  const search = at === -1 ? '' : path.slice(at + 1);
  return { segments: pathname.split('/').slice(1), search };
}

function matchSegments(template: string[], concrete: string[]): Record<string, string> | undefined {
  if (template.length !== concrete.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const value = concrete[i] ?? '';
    if (part.startsWith('{') && part.endsWith('}')) {
      if (value === '') return undefined;
      params[part.slice(1, -1)] = safeDecode(value);
    } else if (part !== value) return undefined;
  }
  return params;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Negative when `a` is more specific: the first segment where they differ is literal in `a`. */
function bySpecificity(a: Found, b: Found): number {
  for (const [i, part] of a.op.segments.entries()) {
    const aParam = part.startsWith('{');
    const bParam = (b.op.segments[i] ?? '').startsWith('{');
    if (aParam !== bParam) return aParam ? 1 : -1;
  }
  return 0;
}

/** The most specific operation matching the request, or why none does. */
export function find(method: string, path: string): Found | string {
  const { segments } = splitPath(path);
  const upper = method.toUpperCase();
  const onPath: Found[] = [];
  for (const op of loadIndex().operations) {
    const pathParams = matchSegments(op.segments, segments);
    if (pathParams) onPath.push({ op, pathParams });
  }
  const candidates = onPath.filter((f) => f.op.method === upper).sort(bySpecificity);
  const best = candidates[0];
  if (best) return best;
  const pathname = `/${segments.join('/')}`;
  if (onPath.length === 0) return `no operation in the HubSpot specs matches ${upper} ${pathname}`;
  const allowed = [...new Set(onPath.map((f) => f.op.method))].join(', ');
  return `${upper} is not an operation on ${pathname} (the specs declare ${allowed})`;
}

/** The spec operation a concrete request maps to, or undefined when the specs have none. */
export function findOperation(method: string, path: string): OperationMatch | undefined {
  const found = find(method, path);
  if (typeof found === 'string') return undefined;
  const { spec, method: m, template } = found.op;
  return { spec, method: m, template, pathParams: found.pathParams };
}
