/**
 * Checks HubSpot-shaped HTTP requests and responses against HubSpot's official OpenAPI specs
 * (spec/hubspot-openapi), after a short list of documented spec-vs-reality corrections.
 * Every check returns human-readable problems; an empty list means the exchange conforms.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';

type JsonObject = { [key: string]: unknown };

/** The spec files the contract tests read; unmodified copies (provenance in SOURCES.md). */
export const SPEC_FILES = [
  'associations-v4-records.json',
  'associations-v4-schema-labels-configurations.json',
  'associations-v4-schema-labels.rollout50914-2024.json',
  // Generic before specific on purpose: precedence must come from literal segments, not load order.
  'crm-objects-v3.json',
  'crm-contacts-v3.json',
  'crm-companies-v3.json',
  'auth-oauth-v1.json',
] as const;

const SPEC_DIR = new URL('../../spec/hubspot-openapi/', import.meta.url);

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
  'HubSpot/hubspot-api-nodejs issue #552, Ballerina docs/spec/sanitations.md (reference/hubspot-api.md §2)';
const RATE_LIMIT_BODY =
  'real error bodies carry it, e.g. the documented 429 body (reference/hubspot-api.md §9.5, §10)';

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
      'unlabeled types come back with label null: HubSpot docs (reference/hubspot-api.md §2); ' +
      'Ballerina sanitation made it nullable (reference/seed-systems.md (a))',
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
      'documented 429 bodies have errorType instead of category (reference/hubspot-api.md §9.5); ' +
      'HubSpot: treat every error field as optional (§10)',
  },
];

// ---------------------------------------------------------------------------------------------
// Loading: OpenAPI 3.0 → JSON Schema draft-07, one ajv schema per spec file.

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}
interface MediaType {
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
const MAX_PROBLEMS = 20;

const cache: { index?: SpecIndex } = {};

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function specId(file: string): string {
  return `https://hubspot-openapi.invalid/${file}`;
}

/**
 * Rewrites one spec into plain JSON Schema: `nullable` becomes a null type, local `$ref`s become
 * absolute (so inline operation schemas resolve against their own spec), and objects with declared
 * properties are closed so invented or misspelt fields are reported.
 */
function toJsonSchema(node: unknown, id: string): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, id));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples') out[key] = value;
    else if (key === '$ref' && typeof value === 'string' && value.startsWith('#/'))
      out[key] = `${id}${value}`;
    else out[key] = toJsonSchema(value, id);
  }
  if (out.nullable === true) {
    delete out.nullable;
    return allowNull(out);
  }
  const props = out.properties;
  const composed = 'allOf' in out || 'anyOf' in out || 'oneOf' in out;
  // An empty `properties: {}` is how these generated specs spell "free-form object": keep it open.
  if (out.type === 'object' && isObject(props) && Object.keys(props).length > 0 && !composed) {
    if (!('additionalProperties' in out)) out.additionalProperties = false;
  }
  return out;
}

function allowNull(schema: JsonObject): JsonObject {
  if (typeof schema.$ref === 'string' || schema.type === undefined)
    return { anyOf: [schema, { type: 'null' }] };
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const out: JsonObject = { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
  return out;
}

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
  for (const correction of REALITY_CORRECTIONS) {
    if (applyCorrection(schemas, correction)) applied.add(correction);
  }
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
  const stale = REALITY_CORRECTIONS.filter((c) => !applied.has(c));
  // A correction that matches nothing means the specs changed: re-check it rather than carry it.
  if (stale.length > 0) {
    throw new Error(
      `reality corrections match no spec schema: ${stale.map((c) => `${c.schema}.${c.property}`)}`,
    );
  }
  cache.index = { ajv, operations, compiled: new WeakMap() };
  return cache.index;
}

function validatorFor(index: SpecIndex, schema: JsonObject): ValidateFunction {
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

function splitPath(path: string): { segments: string[]; search: string } {
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

function find(method: string, path: string): Found | string {
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

// ---------------------------------------------------------------------------------------------
// Value checks.

export type Query =
  | URLSearchParams
  | Record<string, string | number | boolean | readonly string[] | undefined>;

export interface RequestToCheck {
  method: string;
  /** Path as sent to HubSpot; may carry a query string. */
  path: string;
  query?: Query;
  /** Raw text/bytes from the wire, or an already-parsed JSON value; undefined or empty = none. */
  body?: unknown;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface ResponseToCheck {
  method: string;
  path: string;
  status: number;
  /** Defaults to application/json when `body` is an already-parsed value. */
  contentType?: string;
  /** Raw text/bytes from the wire, or an already-parsed JSON value; undefined or empty = none. */
  body?: unknown;
}

function describe(error: ErrorObject): string {
  const at = error.instancePath ? ` at ${error.instancePath}` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at}: missing required property '${String(params.missingProperty)}'`;
    case 'additionalProperties':
      return `${at}: property '${String(params.additionalProperty)}' is not declared in the spec`;
    case 'enum':
      return `${at}: must be one of ${JSON.stringify(params.allowedValues)}`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

function check(schema: JsonObject, value: unknown, label: string): string[] {
  const validate = validatorFor(loadIndex(), schema);
  if (validate(value)) return [];
  const problems = (validate.errors ?? []).map((e) => `${label}${describe(e)}`);
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `${label}: …and ${problems.length - MAX_PROBLEMS} more`];
}

function isJsonType(contentType: string): boolean {
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json');
}

function isFormType(contentType: string): boolean {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** Picks the declared media type for a concrete content type: exact, then `type/*`, then `*\/*`. */
function mediaFor(content: Record<string, MediaType>, contentType: string): [string, MediaType] | undefined {
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const major = essence.split('/')[0];
  for (const key of [essence, `${major}/*`, '*/*']) {
    const media = content[key];
    if (media) return [key, media];
  }
  return undefined;
}

type Decoded = { present: false } | { present: true; raw: boolean; value: unknown; text: string };

function decodeBody(body: unknown): Decoded {
  if (body === undefined) return { present: false };
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    return text.length === 0 ? { present: false } : { present: true, raw: true, value: undefined, text };
  }
  return { present: true, raw: false, value: body, text: '' };
}

/** Validates a body against a media type's schema; parses raw text when the media is JSON. */
function checkBody(
  decoded: Decoded & { present: true },
  contentType: string,
  media: MediaType,
  label: string,
) {
  if (!media.schema) return [];
  let value = decoded.value;
  if (decoded.raw && isFormType(contentType)) {
    // Form fields are strings; a repeated field cannot match a single-valued property.
    const form = new URLSearchParams(decoded.text);
    const repeated = [...new Set(form.keys())].filter((name) => form.getAll(name).length > 1);
    if (repeated.length > 0) return [`${label} repeats form field(s) ${repeated.join(', ')}`];
    return check(media.schema, Object.fromEntries(form), label);
  }
  if (decoded.raw) {
    if (!isJsonType(contentType)) return [`${label} is ${contentType}, expected JSON`];
    try {
      value = JSON.parse(decoded.text);
    } catch {
      return [`${label} is not valid JSON: ${decoded.text.slice(0, 80)}`];
    }
  }
  return check(media.schema, value, label);
}

function queryValues(path: string, query: Query | undefined): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const add = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), value]);
  for (const [name, value] of new URLSearchParams(splitPath(path).search)) add(name, value);
  if (query instanceof URLSearchParams) for (const [name, value] of query) add(name, value);
  else if (query) {
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) add(name, String(item));
      else add(name, String(value));
    }
  }
  return values;
}

/** Turns a parameter's wire text into the JSON value its schema describes (form style). */
function coerce(text: string, schema: JsonObject): unknown {
  if ((schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(text))
    return Number(text);
  if (schema.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function checkParameter(param: Parameter, texts: string[]): string[] {
  const schema = param.schema ?? {};
  const label = `${param.in} parameter '${param.name}'`;
  if (texts.length > 1 && schema.type !== 'array') {
    return [`${label} is given ${texts.length} times but takes one value`];
  }
  // HubSpot takes both repeated keys and comma-separated lists for array parameters.
  const items = isObject(schema.items) ? schema.items : {};
  const value =
    schema.type === 'array'
      ? texts.flatMap((t) => t.split(',')).map((t) => coerce(t, items))
      : coerce(texts[0] ?? '', schema);
  return check(schema, value, label).map((problem) => `${problem} (got ${JSON.stringify(texts.join(','))})`);
}

// ---------------------------------------------------------------------------------------------
// Public checks.

/** Problems with a request: unknown operation, path/query parameters, request body. */
export function validateRequest(request: RequestToCheck): string[] {
  const found = find(request.method, request.path);
  if (typeof found === 'string') return [found];
  const { op, pathParams } = found;
  const problems: string[] = [];

  const query = queryValues(request.path, request.query);
  for (const param of op.parameters) {
    if (param.in === 'path') problems.push(...checkParameter(param, [pathParams[param.name] ?? '']));
    if (param.in !== 'query') continue;
    const texts = query.get(param.name);
    if (texts) problems.push(...checkParameter(param, texts));
    else if (param.required) problems.push(`missing required query parameter '${param.name}'`);
  }
  const declared = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of query.keys()) {
    if (!declared.has(name))
      problems.push(`query parameter '${name}' is not declared for ${op.method} ${op.template}`);
  }

  const decoded = decodeBody(request.body);
  const requestBody = op.operation.requestBody;
  if (!requestBody) {
    if (decoded.present) problems.push(`${op.method} ${op.template} takes no request body`);
    return problems;
  }
  if (!decoded.present) {
    if (requestBody.required) problems.push('request body is required');
    return problems;
  }
  const contentType = request.contentType ?? 'application/json';
  const content = requestBody.content ?? {};
  const media = mediaFor(content, contentType);
  if (!media) {
    problems.push(`request content type ${contentType} is not declared (${Object.keys(content).join(', ')})`);
    return problems;
  }
  problems.push(...checkBody(decoded, contentType, media[1], 'request body'));
  return problems;
}

/** Problems with a response: undeclared status, content type, body shape. */
export function validateResponse(response: ResponseToCheck): string[] {
  const found = find(response.method, response.path);
  if (typeof found === 'string') return [found];
  const { responses } = found.op.operation;
  const status = String(response.status);
  const is2xx = response.status >= 200 && response.status < 300;
  const codes = Object.keys(responses);
  let declared = responses[status] ?? responses[`${status[0]}XX`];
  if (!declared) {
    const success = codes.filter((code) => code.startsWith('2'));
    // `default` covers errors; an unlisted success code means client and server disagree.
    if (is2xx && success.length > 0)
      return [`status ${status} is not declared (declares ${success.join(', ')})`];
    declared = responses.default;
    if (!declared) return [`status ${status} is not declared (declares ${codes.join(', ')})`];
  }

  const decoded = decodeBody(response.body);
  const content = declared.content ?? {};
  if (Object.keys(content).length === 0) {
    return decoded.present ? [`status ${status} declares no body but one was sent`] : [];
  }
  if (!decoded.present)
    return [`status ${status} declares a body (${Object.keys(content).join(', ')}) but none was sent`];
  const contentType = response.contentType ?? (decoded.raw ? '' : 'application/json');
  if (contentType === '') return ['response has a body but no content-type'];
  const media = mediaFor(content, contentType);
  if (!media)
    return [`response content type ${contentType} is not declared (${Object.keys(content).join(', ')})`];
  // The `*/*` media type carries the Error schema, which describes failures only.
  if (media[0] === '*/*' && is2xx) return [];
  return checkBody(decoded, contentType, media[1], 'response body');
}
