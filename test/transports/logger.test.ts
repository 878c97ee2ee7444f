import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../src/logger.js';

function capture(level: 'debug' | 'info' | 'warning' | 'error' = 'debug', secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets, sink: (line) => lines.push(line) });
  const records = () => lines.map((line) => JSON.parse(line) as LogRecord);
  return { logger, lines, records };
}

describe('logger', () => {
  it('writes one JSON object per line with time, level, logger, message and data', () => {
    const { logger, lines, records } = capture();
    logger.child('http').info('listening', { port: 3000 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(lines[0]!.trimEnd()).not.toContain('\n');
    const [record] = records();
    expect(record).toMatchObject({
      level: 'info',
      logger: 'hubspot-associations-mcp.http',
      message: 'listening',
      data: { port: 3000 },
    });
    expect(Number.isNaN(Date.parse(record!.time))).toBe(false);
  });

  it('drops records below its level', () => {
    const { logger, records } = capture('warning');
    logger.debug('d');
    logger.info('i');
    logger.warning('w');
    logger.error('e');
    expect(records().map((r) => r.level)).toEqual(['warning', 'error']);
  });

  it('redacts configured secrets anywhere: message, nested data, errors, and secrets learnt later', () => {
    const secret = 'pat-na1-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const { logger, lines } = capture('debug', [secret, '']);
    logger.info(`token is ${secret}`, {
      nested: { list: [`x${secret}y`] },
      error: new Error(`bad ${secret}`),
    });
    logger.addSecret('refreshed-access-token-123');
    logger.warning('got refreshed-access-token-123');
    const all = lines.join('');
    expect(all).not.toContain(secret);
    expect(all).not.toContain('refreshed-access-token-123');
    expect(all).toContain('[redacted]');
    expect(logger.redact(`a ${secret} b`)).toBe('a [redacted] b');
  });

  it('redacts Authorization: Bearer headers and credential-named keys even for unknown secrets', () => {
    const { logger, lines } = capture();
    logger.info('request failed: Authorization: Bearer unknown-token-98765 was refused', {
      headers: { authorization: 'Bearer abc', 'content-type': 'application/json' },
      body: 'grant_type=refresh_token&refresh_token=rt-5555-6666&client_secret=cs-7777',
      clientSecret: 'cs-7777',
      progressToken: 42,
    });
    const all = lines.join('');
    expect(all).not.toContain('unknown-token-98765');
    expect(all).not.toContain('rt-5555-6666');
    expect(all).not.toContain('cs-7777');
    expect(all).toContain('Bearer [redacted]');
    const [record] = lines.map((l) => JSON.parse(l));
    expect(record.data.headers).toEqual({ authorization: '[redacted]', 'content-type': 'application/json' });
    expect(record.data.progressToken).toBe(42);
  });

  it('leaves prose alone', () => {
    const { logger, records } = capture();
    logger.info('send a bearer token with basic associations');
    expect(records()[0]!.message).toBe('send a bearer token with basic associations');
  });

  it('survives cycles, bigints and throwing sinks', () => {
    const cyclic: Record<string, unknown> = { id: 1n };
    cyclic.self = cyclic;
    const { logger, records } = capture();
    logger.info('cycle', cyclic);
    expect(records()[0]!.data).toEqual({ id: '1', self: '[circular]' });
    const broken = createLogger({
      level: 'info',
      secrets: [],
      sink: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => broken.error('still fine')).not.toThrow();
  });

  it('forwards records at the logger level to listeners by default', () => {
    const { logger } = capture('info');
    const seen: string[] = [];
    logger.onRecord((record) => seen.push(record.message));
    logger.debug('hidden');
    logger.info('shown');
    expect(seen).toEqual(['shown']);
  });

  it('forwards records from minLevel, redacted, to listeners until they unsubscribe', () => {
    const { logger, lines } = capture('error', ['s3cr3t-value']);
    const seen: LogRecord[] = [];
    const unsubscribe = logger.onRecord((record) => seen.push(record), { minLevel: 'debug' });
    logger.child('tools').debug('calling with s3cr3t-value');
    logger.onRecord(() => {
      throw new Error('listener failure must not escape');
    });
    logger.info('second');
    unsubscribe();
    logger.info('third');
    expect(seen.map((r) => [r.level, r.logger, r.message])).toEqual([
      ['debug', 'hubspot-associations-mcp.tools', 'calling with [redacted]'],
      ['info', 'hubspot-associations-mcp', 'second'],
    ]);
    expect(lines).toEqual([]); // stderr still honours its own level
  });

  it('tags records with the scope they were logged in, through async continuations, and none outside', async () => {
    const { logger } = capture('debug');
    const seen: Array<[string, unknown]> = [];
    logger.onRecord((record, scope) => seen.push([record.message, scope]));
    const a = { owner: {}, requestId: 1 };
    const b = { owner: {}, requestId: 'b' };
    await Promise.all([
      logger.withScope(a, async () => {
        await new Promise((r) => setTimeout(r, 5));
        logger.info('from a');
      }),
      logger.withScope(b, async () => {
        await Promise.resolve();
        logger.child('tools').info('from b');
      }),
    ]);
    logger.info('process-wide');
    expect(seen).toEqual([
      ['from b', b],
      ['from a', a],
      ['process-wide', undefined],
    ]);
  });

  it('keeps error stacks on the sink and leaves them out of what listeners get', () => {
    const { logger, records } = capture('debug');
    const forwarded: LogRecord[] = [];
    logger.onRecord((record) => forwarded.push(record));
    logger.error('failed', { error: new Error('boom', { cause: new Error('root') }) });
    const sink = records()[0]!.data as { error: { stack?: string; cause: { stack?: string } } };
    expect(sink.error.stack).toContain('boom');
    expect(sink.error.cause.stack).toContain('root');
    expect(forwarded[0]!.data).toEqual({
      error: { name: 'Error', message: 'boom', cause: { name: 'Error', message: 'root' } },
    });
  });
});
