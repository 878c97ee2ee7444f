// Property-based fuzzing of every tool's input (issue 7, point 5) against the built server over stdio.
// Calls start from each tool's own input schema (the registry) and are then made hostile: wrong
// types, missing and extra fields, huge strings and arrays, control characters, prototype keys,
// numbers JSON.stringify cannot write, path-like ids. Every answer must be a success, a clear tool
// error or a short -32602/-32600; the server must still answer and its memory stay bounded.
// Deterministic: FUZZ_SEED (default below) replays a run; fast-check prints seed and path on failure.
import { fc, test } from '@fast-check/vitest';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allTools } from '../../src/tools/index.js';
import { type RawMessage, RawNumber, type RawServer, startRawServer } from './rawStdio.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_607);
const RUNS = 2_000;
const REPO = new URL('../../', import.meta.url).pathname;

type Json = Record<string, unknown>;
type Schema = {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
};

/** Plausible values by field name, so many calls get past validation into the handlers. */
const OBJECT_TYPES = [
  'contacts',
  'companies',
  'deals',
  'tickets',
  'contact',
  'COMPANY',
  '0-1',
  '0-2',
  '2-123',
];
const SEEDS: Record<string, unknown[]> = {
  fromObjectType: OBJECT_TYPES,
  toObjectType: OBJECT_TYPES,
  objectType: OBJECT_TYPES,
  objectTypes: OBJECT_TYPES,
  from: OBJECT_TYPES,
  to: OBJECT_TYPES,
  label: ['Primary', 'primary', 'Billing contact', '1', '279', 'Fuzz label', 'unlabeled'],
  newLabel: ['Fuzz renamed', 'Primary'],
  email: ['ada@example.com', 'not-an-email', ''],
  name: ['Engines', 'fuzz_label'],
  propertyName: ['email', 'name', 'firstname', 'hs_object_id', 'toString'],
  properties: ['email', 'name', 'toString', '__proto__', 'constructor'],
  query: ['ada', 'example.com'],
  dryRun: [true, true, true, false],
};

const surrogateText = fc.constantFrom('\uD800', '\uDFFF', 'a\uD83Db', '\uDE00\uD83D');
/** Text an attacker or a confused agent might send. */
const hostileText = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'q1\u0000x',
    '\u2028\u2029',
    '\u202E\uFEFF',
    '\r\n\t',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '../',
    '../../etc/passwd',
    '..%2F..%2Fsecrets',
    '%2F',
    '?limit=1&after=2',
    '#frag',
    '１２３',
    '１-２',
    '0-1/../0-2',
    '..\\..\\windows',
    'NaN',
    'Infinity',
    '-0',
    '  ',
    '',
  ),
  surrogateText,
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 1_000, max: 100_000 }))
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)),
);
const hostileNumber = fc.constantFrom(
  new RawNumber('1e309'),
  new RawNumber('-1e309'),
  new RawNumber('-0'),
  new RawNumber('1e-400'),
  new RawNumber('9007199254740993'),
  new RawNumber('0.5'),
  new RawNumber('-1'),
  new RawNumber('0'),
  new RawNumber('2147483648'),
  null, // how NaN and Infinity arrive from JSON.stringify
);
const hugeArray = fc.constantFrom(
  () => Array.from({ length: 20_000 }, (_, i) => String(i + 1)),
  () => Array.from({ length: 20_000 }, (_, i) => ({ fromId: String(i + 1), toId: '1' })),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileText },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(true, false, {}, [], [null], { toString: 'x' }, [[[[]]]]) },
  { weight: 1, arbitrary: hugeArray.map((make) => make()) },
);

/** A value for a JSON Schema node (the subset zod writes for our inputs), plausible first. */
function valueFor(schema: Schema, field: string): fc.Arbitrary<unknown> {
  const seeds = SEEDS[field];
  const plausible = (arb: fc.Arbitrary<unknown>) =>
    seeds
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...seeds) }, { weight: 1, arbitrary: arb })
      : arb;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return plausible(
        schema.pattern
          ? fc.stringMatching(new RegExp(schema.pattern))
          : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) }),
      );
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1_001) + 1;
      return plausible(fc.integer({ min, max: Math.min(schema.maximum ?? 1_000, min + 1_000) }));
    }
    case 'boolean':
      return plausible(fc.boolean());
    case 'array':
      return fc.array(valueFor(schema.items ?? {}, field), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, valueFor(s, k)]));
      const record = fc.record(model, { requiredKeys: schema.required ?? [] });
      if (typeof schema.additionalProperties !== 'object') return record;
      return fc.dictionary(fc.string({ maxLength: 12 }), valueFor(schema.additionalProperties, field), {
        maxKeys: 3,
      });
    }
    default:
      return hostileValue;
  }
}

/** An own property, even for `__proto__` (an assignment would set the prototype instead). */
function put(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** A deep copy that keeps RawNumbers and own `__proto__` keys: generated values are never shared. */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof RawNumber) return value;
  if (Array.isArray(value)) return value.map(copy);
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) put(out, k, copy(v));
  return out;
}

type Mutation =
  | { kind: 'replace'; path: number; value: unknown }
  | { kind: 'drop'; path: number }
  | { kind: 'extra'; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), path: fc.nat(), value: hostileValue }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), path: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', 'sandbox'), fc.string()),
      value: fc.oneof(hostileValue, fc.constant({ objectType: 'contacts', pairs: [] })),
    }),
  },
);

/** Every object inside a value (arguments and nested objects), so a mutation can reach any depth. */
function objectsIn(value: unknown, out: Json[] = []): Json[] {
  if (value !== null && typeof value === 'object' && !(value instanceof RawNumber)) {
    if (!Array.isArray(value)) out.push(value as Json);
    for (const v of Object.values(value)) objectsIn(v, out);
  }
  return out;
}

function mutate(args: Json, mutations: readonly Mutation[]): Json {
  for (const m of mutations) {
    if (m.kind === 'extra') {
      put(args, m.key, copy(m.value));
      continue;
    }
    const targets = objectsIn(args);
    const target = targets[m.path % targets.length]!;
    const keys = Object.keys(target);
    if (keys.length === 0) continue;
    const key = keys[m.path % keys.length]!;
    if (m.kind === 'drop') delete target[key];
    else put(target, key, copy(m.value));
  }
  return args;
}

const tools = allTools.map((tool) => ({
  name: tool.name,
  args: valueFor(
    z.toJSONSchema(z.object(tool.inputSchema), { io: 'input', unrepresentable: 'any' }) as Schema,
    '',
  ) as fc.Arbitrary<Json>,
}));

/** One tools/call's params: mostly a tool's arguments with 0–3 mutations; sometimes a bad name or shape. */
const call: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.constantFrom(...tools).chain((tool) =>
      fc
        .tuple(
          tool.args,
          fc.oneof(
            { weight: 2, arbitrary: fc.constant([]) },
            { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
          ),
        )
        .map(([args, mutations]) => ({
          name: tool.name,
          arguments: mutate(copy(args) as Json, mutations),
        })),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        name: fc.oneof(fc.constantFrom(...tools.map((t) => t.name)), hostileText, hostileNumber),
        arguments: fc.oneof(hostileValue, fc.constant({})),
      })
      .map(copy) as fc.Arbitrary<Json>,
  },
);

const STACK = /^\s+at .+:\d+:\d+\)?$/m;

describe('every tool, fuzzed through the built server over stdio', () => {
  let server: RawServer;
  let rssBefore = 0;
  const seen = { success: 0, toolError: 0, rpcError: 0, calls: 0 };
  /** Calls per tool that got past input validation into the handler (a success, or the handler's own error). */
  const reached = new Map<string, number>();
  const reach = (name: unknown) => reached.set(String(name), (reached.get(String(name)) ?? 0) + 1);
  const forbidden = () => [REPO, server.dir, '/tmp/', 'node_modules', 'file://', 'dist/cli.js'];

  beforeAll(async () => {
    server = await startRawServer();
    await server.request('tools/list', {});
    rssBefore = server.rss();
  });
  afterAll(() => server?.close());

  /** The property: a well-formed answer, and when it is an error, a short clear one that reveals nothing. */
  function judge(params: Json, answer: RawMessage): void {
    const shown = JSON.stringify(params).slice(0, 300);
    if (answer.error) {
      expect([-32602, -32600], `JSON-RPC error for ${shown}`).toContain(answer.error.code);
      expect(answer.error.message.length).toBeLessThan(500);
      expect(answer.error.message).not.toContain('\n');
      seen.rpcError++;
      return;
    }
    const result = CallToolResultSchema.parse(answer.result);
    if (!result.isError) {
      seen.success++;
      reach(params.name);
      return;
    }
    seen.toolError++;
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    if (!/^\[sandbox\] (tools\/call failed|\w+ failed: .*as the tool's inputSchema describes$)/.test(text)) {
      reach(params.name);
    }
    expect(text.trim().length, `empty error for ${shown}`).toBeGreaterThan(0);
    expect(text.length, `long error for ${shown}`).toBeLessThan(8_192);
    expect(text, `stack trace for ${shown}`).not.toMatch(STACK);
    expect(text, `crash for ${shown}`).not.toContain('the server logged the details');
    const whole = JSON.stringify(answer.result);
    for (const path of forbidden()) expect(whole, `path in error for ${shown}`).not.toContain(path);
  }

  test.prop([call], { numRuns: RUNS, seed: SEED })(
    `${RUNS} generated calls get a clear answer (seed ${SEED})`,
    async (params) => {
      seen.calls++;
      judge(params, await server.request('tools/call', params));
    },
    240_000,
  );

  it('still answers, every handler was reached, and memory stayed bounded', async () => {
    expect(await server.request('ping')).toMatchObject({ result: {} });
    expect(seen.calls).toBeGreaterThanOrEqual(RUNS);
    // The generator gets past validation often enough to exercise the handlers.
    expect(seen.success).toBeGreaterThan(RUNS / 10);
    expect(seen.toolError).toBeGreaterThan(RUNS / 10);
    // Every handler was fuzzed, not only input validation.
    const rare = allTools.filter((t) => (reached.get(t.name) ?? 0) < 10).map((t) => t.name);
    expect(rare, JSON.stringify(Object.fromEntries(reached))).toEqual([]);
    const growth = server.rss() - rssBefore;
    expect(growth, `RSS grew by ${Math.round(growth / 2 ** 20)} MiB`).toBeLessThan(200 * 2 ** 20);
  });
});
