/**
 * Dynamic client registration's store: only https redirect URIs, or http on a loopback address
 * (native apps, RFC 8252), at most MAX_REDIRECTS each, and at most `maxClients` registrations per
 * deployment (a counter in the store), so an anonymous caller cannot fill it.
 */
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import { InvalidClientMetadataError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { AuthStore } from './store.js';

const MAX_REDIRECTS = 5;
const CLIENT_TTL_MS = 90 * 86_400_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function redirectAcceptable(uri: string): boolean {
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  if (url.hash) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

export function createClientsStore(store: AuthStore, maxClients: number): OAuthRegisteredClientsStore {
  return {
    getClient: (id) => store.get<OAuthClientInformationFull>(`client:${id}`),
    async registerClient(client) {
      const uris = client.redirect_uris ?? [];
      if (uris.length === 0 || uris.length > MAX_REDIRECTS)
        throw new InvalidClientMetadataError(`between 1 and ${MAX_REDIRECTS} redirect_uris are accepted`);
      const bad = uris.find((u) => !redirectAcceptable(String(u)));
      if (bad !== undefined)
        throw new InvalidClientMetadataError('redirect_uris must be https, or http on a loopback address');
      if ((await store.incr('clients:count')) > maxClients)
        throw new InvalidClientMetadataError('this server accepts no more client registrations');
      const full = client as OAuthClientInformationFull;
      await store.put(`client:${full.client_id}`, full, CLIENT_TTL_MS);
      return full;
    },
  };
}
