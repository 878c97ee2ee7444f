/**
 * A grant: one person's sign-in through one MCP client — portal, user, client, scopes — holding that
 * person's HubSpot tokens sealed (secrets.ts). `token(grantId)` answers a live HubSpot access token,
 * refreshing it when less than a minute (or half its life) is left: one replica refreshes at a time
 * (the store's lock), the others wait and read what it wrote. HubSpot refusing the refresh deletes
 * the grant, so the person's next request gets a 401 and signs in again.
 */
import type { HubSpotApp, HubSpotTokens } from './hubspotApp.js';
import { newToken, seal, unseal } from './secrets.js';
import type { AuthStore } from './store.js';

export interface Grant {
  id: string;
  hubId: number;
  userId: number;
  /** The HubSpot user's e-mail, when HubSpot said. */
  user?: string;
  clientId: string;
  scopes: string[];
  /** The HubSpot tokens, AES-256-GCM with the grant id as additional data. */
  enc: string;
}

/** Who a grant acts for: sessions and journal entries belong to this. */
export const ownerOf = (g: Pick<Grant, 'hubId' | 'userId' | 'clientId'>) =>
  `${g.hubId}:${g.userId}:${g.clientId}`;

export class GrantGoneError extends Error {
  override readonly name = 'GrantGoneError';
}

const GRANT_TTL_MS = 90 * 86_400_000;
const LOCK_MS = 15_000;
const WAIT_STEP_MS = 25;

export interface Grants {
  create(tokens: HubSpotTokens, who: { user?: string; clientId: string; scopes: string[] }): Promise<Grant>;
  get(id: string): Promise<Grant | undefined>;
  delete(id: string): Promise<void>;
  /** A live HubSpot access token for the grant; throws GrantGoneError when it cannot be had. */
  token(id: string): Promise<string>;
  /** HubSpot answered 401 to `token` of this grant: the next token() refreshes. */
  invalidate(id: string, token: string): void;
}

export function createGrants(options: {
  store: AuthStore;
  key: Buffer;
  hubspot: HubSpotApp;
  now?: () => number;
  onRefresh?: (grant: Grant) => void;
}): Grants {
  const { store, key, hubspot } = options;
  const now = options.now ?? Date.now;
  /** Access tokens HubSpot refused, per grant, in this process. */
  const refused = new Map<string, string>();
  const save = async (grant: Omit<Grant, 'enc'>, tokens: HubSpotTokens) => {
    const full: Grant = { ...grant, enc: seal(key, grant.id, tokens) };
    await store.put(`grant:${grant.id}`, full, GRANT_TTL_MS);
    return full;
  };
  const get = (id: string) => store.get<Grant>(`grant:${id}`);
  const fresh = (id: string, t: HubSpotTokens) =>
    refused.get(id) !== t.accessToken && t.expiresAt - now() > Math.min(60_000, t.lifetimeMs / 2);

  return {
    create: (tokens, who) =>
      save(
        {
          id: newToken(),
          hubId: tokens.hubId,
          userId: tokens.userId,
          ...(who.user ? { user: who.user } : {}),
          clientId: who.clientId,
          scopes: who.scopes,
        },
        tokens,
      ),
    get,
    delete: (id) => store.del(`grant:${id}`),
    invalidate(id, token) {
      refused.set(id, token);
    },
    async token(id) {
      for (;;) {
        const grant = await get(id);
        if (!grant) throw new GrantGoneError('signed out: sign in again');
        const tokens = unseal<HubSpotTokens>(key, id, grant.enc);
        if (fresh(id, tokens)) return tokens.accessToken;
        if (await store.lock(`lock:grant:${id}`, LOCK_MS)) {
          try {
            const current = await get(id);
            if (!current) throw new GrantGoneError('signed out: sign in again');
            const held = unseal<HubSpotTokens>(key, id, current.enc);
            if (fresh(id, held)) return held.accessToken;
            let next: HubSpotTokens;
            try {
              next = await hubspot.refresh(held.refreshToken);
            } catch (error) {
              if ((error as { rejected?: boolean }).rejected) {
                await store.del(`grant:${id}`);
                throw new GrantGoneError('HubSpot refused the refresh: sign in again');
              }
              throw error;
            }
            refused.delete(id);
            const { enc: _, ...rest } = current;
            const saved = await save(rest, next);
            options.onRefresh?.(saved);
            return next.accessToken;
          } finally {
            await store.del(`lock:grant:${id}`);
          }
        }
        await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
      }
    },
  };
}
