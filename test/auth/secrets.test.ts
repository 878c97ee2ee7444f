/** HubSpot tokens at rest: AES-256-GCM under MCP_OAUTH_KEY with the grant id as additional data. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from '../../src/auth/secrets.js';

describe('sealed grants', () => {
  const key = randomBytes(32);
  const tokens = { accessToken: 'hubspot-access', refreshToken: 'hubspot-refresh' };
  it('opens with the key and grant id it was sealed for, and shows nothing of the tokens', () => {
    const sealed = seal(key, 'grant-1', tokens);
    expect(sealed).not.toContain('hubspot');
    expect(unseal(key, 'grant-1', sealed)).toEqual(tokens);
  });
  it('does not open on another grant, under another key, or altered', () => {
    const sealed = seal(key, 'grant-1', tokens);
    expect(() => unseal(key, 'grant-2', sealed)).toThrow();
    expect(() => unseal(randomBytes(32), 'grant-1', sealed)).toThrow();
    const raw = Buffer.from(sealed, 'base64url');
    raw[raw.length - 1] = (raw.at(-1) ?? 0) ^ 1;
    expect(() => unseal(key, 'grant-1', raw.toString('base64url'))).toThrow();
  });
});
