/** Request and response checks against the spec index; each returns human-readable problems. */
import type { ErrorObject } from 'ajv';
import { isObject, type JsonObject } from './jsonSchema.js';
import { find, type MediaType, type Parameter, splitPath, validatorFor } from './specIndex.js';

const MAX_PROBLEMS = 20;

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
  const validate = validatorFor(schema);
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
