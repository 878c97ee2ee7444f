import { describe, expect, it } from 'vitest';
import { writePairs } from '../../src/domain/associations/outcome.js';
import type { BatchOutcome } from '../../src/hubspot/types.js';

// writePairs judges HubSpot's per-input answers; the HTTP side is covered against the sandbox
// elsewhere. Here a scripted `send` stands in for one endpoint and a scripted portal for the
// read-back, to pin down the retry rule and the rule that the portal decides doubtful pairs.
const resultKeys = (answer: BatchOutcome<unknown>) =>
  new Set((answer.results as Array<{ fromId: string; toId: string }>).map((r) => `${r.fromId}>${r.toId}`));
const portalHolds = (held: string[] = []) => ({
  confirmed: resultKeys,
  holds: async () => new Set(held),
});

describe('writePairs: per-pair judgement of batch answers', () => {
  const pairs = [
    { fromId: '101', toId: '201' },
    { fromId: '102', toId: '202' },
    { fromId: '103', toId: '203' },
  ];

  it('retries only the inputs whose errors are transient, once, and alone', async () => {
    const sent: string[][] = [];
    const send = async (part: typeof pairs): Promise<BatchOutcome<unknown>> => {
      sent.push(part.map((p) => p.fromId));
      const first = sent.length === 1;
      return {
        status: first ? 207 : 201,
        results: [],
        errors: first
          ? [
              {
                message: 'Too many requests for 102',
                category: 'RATE_LIMITS',
                context: { fromObjectId: ['102'] },
              },
              {
                message: 'One or more associations are invalid',
                category: 'VALIDATION_ERROR',
                context: { INVALID_OBJECT_IDS: ['COMPANY=203 is not valid'] },
              },
            ]
          : [],
      };
    };
    const results = await writePairs(pairs, 2_000, send, {
      confirmed: (answer) =>
        sent.length === 1 ? new Set(['101>201']) : new Set(answer.errors.length ? [] : ['102>202']),
      holds: async () => new Set(),
    });
    expect(sent).toEqual([['101', '102', '103'], ['102']]);
    expect(results.get('101>201')?.status).toBe('associated');
    expect(results.get('102>202')?.status).toBe('associated');
    expect(results.get('103>203')).toMatchObject({
      status: 'failed',
      error:
        'One or more associations are invalid (COMPANY=203 is not valid). Fix: check that each record id exists and belongs to its object type',
    });
  });

  it('does not retry a transient error twice', async () => {
    let calls = 0;
    const results = await writePairs(
      pairs.slice(0, 1),
      2_000,
      async () => {
        calls++;
        return {
          status: 207,
          results: [],
          errors: [{ message: 'internal error on 101', category: 'INTERNAL_ERROR' }],
        };
      },
      portalHolds(),
    );
    expect(calls).toBe(2);
    expect(results.get('101>201')?.status).toBe('failed');
  });

  it('with a results list, a pair missing from it failed even if no error names it (with the errors that name no pair)', async () => {
    const results = await writePairs(
      pairs.slice(0, 2),
      2_000,
      async () => ({
        status: 200,
        results: [{ fromId: '101', toId: '201' }],
        errors: [{ message: 'something went wrong' }],
      }),
      portalHolds(),
    );
    expect(results.get('101>201')?.status).toBe('associated');
    expect(results.get('102>202')).toMatchObject({
      status: 'failed',
      error: 'something went wrong',
    });
  });

  it('an error naming an id shared by several pairs fails only the pairs the portal lacks', async () => {
    // A limit error names the shared company: two of three pairs were written all the same.
    const shared = [
      { fromId: '101', toId: '900' },
      { fromId: '102', toId: '900' },
      { fromId: '103', toId: '900' },
    ];
    const results = await writePairs(
      shared,
      2_000,
      async () => ({
        status: 207,
        results: [],
        errors: [{ message: 'Association limit exceeded: company 900 has 2', category: 'VALIDATION_ERROR' }],
      }),
      portalHolds(['101>900', '102>900']),
    );
    expect([...results.values()].map((r) => r.status)).toEqual(['associated', 'associated', 'failed']);
    expect(results.get('103>900')?.error).toContain('limit');
  });

  it('a chunk whose answer was lost is settled from the portal', async () => {
    const results = await writePairs(
      pairs,
      2_000,
      async () => {
        throw new Error('socket hang up');
      },
      portalHolds(['101>201', '103>203']),
    );
    expect(results.get('101>201')?.status).toBe('associated');
    expect(results.get('102>202')).toMatchObject({ status: 'failed', error: 'socket hang up' });
    expect(results.get('103>203')?.status).toBe('associated');
  });
});
