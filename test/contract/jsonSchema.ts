/** OpenAPI 3.0 schema → JSON Schema draft-07, as ajv reads it. */

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites one spec into plain JSON Schema: `nullable` becomes a null type, local `$ref`s become
 * absolute (so inline operation schemas resolve against their own spec), and objects with declared
 * properties are closed so invented or misspelt fields are reported.
 */
export function toJsonSchema(node: unknown, id: string): unknown {
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

export function allowNull(schema: JsonObject): JsonObject {
  if (typeof schema.$ref === 'string' || schema.type === undefined)
    return { anyOf: [schema, { type: 'null' }] };
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const out: JsonObject = { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
  return out;
}
