/** The unit HubSpot's EXPIRED_AUTHENTICATION message counts in (docs/hubspot-fidelity.md §6). */
import { describe, expect, it } from 'vitest';
import { expiredAgo, expiredAuthentication } from '../src/errors.js';

const S = 1_000;
const M = 60 * S;
const H = 60 * M;

describe('expired token wording', () => {
  it('reproduces the observed messages: 0 and 75 seconds, 92 minutes, 5 hours, 19884 days', () => {
    expect(expiredAgo(400)).toBe('0 second(s)');
    expect(expiredAgo(75 * S)).toBe('75 second(s)');
    expect(expiredAgo(92 * M + 30 * S)).toBe('92 minute(s)');
    expect(expiredAgo(5 * H + 10 * M)).toBe('5 hour(s)');
    expect(expiredAgo(19_884 * 24 * H + H)).toBe('19884 day(s)');
  });

  it('changes unit at two of the next one', () => {
    expect(expiredAgo(119 * S)).toBe('119 second(s)');
    expect(expiredAgo(120 * S)).toBe('2 minute(s)');
    expect(expiredAgo(119 * M)).toBe('119 minute(s)');
    expect(expiredAgo(120 * M)).toBe('2 hour(s)');
    expect(expiredAgo(47 * H)).toBe('47 hour(s)');
    expect(expiredAgo(48 * H)).toBe('2 day(s)');
    expect(expiredAgo(-5)).toBe('0 second(s)');
  });

  it('builds the 401 with the expiry in context["expire time"]', () => {
    const at = Date.UTC(2026, 2, 10, 23, 4, 41, 164);
    const error = expiredAuthentication(at, at + 75 * S);
    expect(error.status).toBe(401);
    expect(error.category).toBe('EXPIRED_AUTHENTICATION');
    expect(error.message).toBe('The OAuth token used to make this call expired 75 second(s) ago.');
    expect(error.context).toEqual({ 'expire time': ['2026-03-10T23:04:41.164Z'] });
  });
});
