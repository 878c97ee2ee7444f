/**
 * The broker as the SDK's OAuthServerProvider: /authorize renders our consent page (nothing goes to
 * HubSpot yet); /token redeems our own single-use codes — bound to client, redirect URI, resource
 * and PKCE verifier, checked here since the SDK's handlers check none of it — and rotates refresh
 * tokens; access tokens are opaque, stored by hash, and valid only for this deployment's resource.
 * HubSpot's tokens never leave the grant (no passthrough, http-oauth.md §2).
 */
import {
  InvalidGrantError,
  InvalidTargetError,
  InvalidTokenError,
} from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type {
  AuthorizationParams,
  OAuthServerProvider,
} from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthClientInformationFull, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { Response } from 'express';
import { createClientsStore } from './clients.js';
import { sendConsentPage } from './consentPage.js';
import { browserCookie, newBrowser } from './cookies.js';
import { GrantGoneError, type Grants, ownerOf } from './grants.js';
import {
  type CodeRecord,
  type Consent,
  type Identity,
  sameResource,
  type TokenRecord,
  TTL,
} from './records.js';
import { hashOf, newToken, s256, sameText } from './secrets.js';
import type { AuthStore } from './store.js';

export function createBrokerProvider(options: {
  store: AuthStore;
  grants: Grants;
  publicUrl: string;
  secureCookies: boolean;
  maxClients: number;
}): OAuthServerProvider & { issueCode(consent: Consent, grantId: string): Promise<string> } {
  const { store, grants, publicUrl } = options;
  const clientsStore = createClientsStore(store, options.maxClients);

  const issueTokens = async (record: Omit<TokenRecord, 'exp'>): Promise<OAuthTokens> => {
    const access = newToken();
    const refresh = newToken();
    await store.put(`at:${hashOf(access)}`, { ...record, exp: Date.now() + TTL.accessMs }, TTL.accessMs);
    await store.put(`rt:${hashOf(refresh)}`, record, TTL.refreshMs);
    return {
      access_token: access,
      token_type: 'bearer',
      expires_in: TTL.accessMs / 1000,
      refresh_token: refresh,
      ...(record.scopes.length > 0 ? { scope: record.scopes.join(' ') } : {}),
    };
  };

  return {
    clientsStore,
    skipLocalPkceValidation: true,

    async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response) {
      const resource = params.resource?.href ?? publicUrl;
      if (!sameResource(resource, publicUrl)) throw new InvalidTargetError(`resource must be ${publicUrl}`);
      const csrf = newToken();
      const browser = newBrowser();
      const consent: Consent = {
        clientId: client.client_id,
        redirectUri: params.redirectUri,
        ...(params.state !== undefined ? { state: params.state } : {}),
        scopes: params.scopes ?? [],
        codeChallenge: params.codeChallenge,
        resource: publicUrl,
        browser: hashOf(browser),
      };
      await store.put(`consent:${hashOf(csrf)}`, consent, TTL.consentMs);
      res.setHeader('Set-Cookie', browserCookie(browser, options.secureCookies, TTL.consentMs));
      sendConsentPage(res, {
        clientName: client.client_name ?? client.client_id,
        clientId: client.client_id,
        scopes: consent.scopes,
        redirectUri: params.redirectUri,
        csrf,
      });
    },

    async issueCode(consent, grantId) {
      const code = newToken();
      const record: CodeRecord = {
        grantId,
        clientId: consent.clientId,
        redirectUri: consent.redirectUri,
        codeChallenge: consent.codeChallenge,
        resource: consent.resource,
        scopes: consent.scopes,
      };
      await store.put(`code:${hashOf(code)}`, record, TTL.codeMs);
      return code;
    },

    async challengeForAuthorizationCode(_client, code) {
      const record = await store.get<CodeRecord>(`code:${hashOf(code)}`);
      if (!record) throw new InvalidGrantError('invalid authorization code');
      return record.codeChallenge;
    },

    async exchangeAuthorizationCode(client, code, verifier, redirectUri, resource) {
      // Taken first: a code is spent by any attempt, right or wrong.
      const record = await store.take<CodeRecord>(`code:${hashOf(code)}`);
      if (!record || record.clientId !== client.client_id)
        throw new InvalidGrantError('invalid authorization code');
      if (redirectUri !== undefined && redirectUri !== record.redirectUri)
        throw new InvalidGrantError('redirect_uri differs from the authorization request');
      if (resource && !sameResource(resource.href, record.resource))
        throw new InvalidTargetError(`resource must be ${publicUrl}`);
      if (!verifier || !sameText(s256(verifier), record.codeChallenge))
        throw new InvalidGrantError('code_verifier does not match the challenge');
      if (!(await grants.get(record.grantId))) throw new InvalidGrantError('the sign-in is gone');
      return issueTokens({
        grantId: record.grantId,
        clientId: record.clientId,
        scopes: record.scopes,
        resource: record.resource,
      });
    },

    async exchangeRefreshToken(client, refreshToken, _scopes, resource) {
      const h = hashOf(refreshToken);
      const record = await store.take<TokenRecord>(`rt:${h}`); // rotated: used once
      if (!record) {
        // A spent refresh token presented again was stolen or replayed: the sign-in ends (OAuth 2.1 §4.3.1).
        const spent = await store.take<{ grantId: string }>(`rtspent:${h}`);
        if (spent) await grants.delete(spent.grantId);
        throw new InvalidGrantError('invalid refresh token');
      }
      await store.put(`rtspent:${h}`, { grantId: record.grantId }, TTL.refreshMs);
      if (record.clientId !== client.client_id) throw new InvalidGrantError('invalid refresh token');
      if (resource && !sameResource(resource.href, record.resource))
        throw new InvalidTargetError(`resource must be ${publicUrl}`);
      if (!(await grants.get(record.grantId)))
        throw new InvalidGrantError('the sign-in is gone: sign in again');
      return issueTokens({
        grantId: record.grantId,
        clientId: record.clientId,
        scopes: record.scopes,
        resource: record.resource,
      });
    },

    async verifyAccessToken(token): Promise<AuthInfo> {
      const record = await store.get<TokenRecord>(`at:${hashOf(token)}`);
      if (!record || !sameResource(record.resource, publicUrl)) throw new InvalidTokenError('unknown token');
      const grant = await grants.get(record.grantId);
      if (!grant) throw new InvalidTokenError('signed out: sign in again');
      // The person's HubSpot token, refreshed now if due: a refused refresh answers this request 401.
      try {
        await grants.token(grant.id);
      } catch (error) {
        if (error instanceof GrantGoneError) throw new InvalidTokenError(error.message);
        throw error;
      }
      const identity: Identity = {
        grantId: grant.id,
        hubId: grant.hubId,
        userId: grant.userId,
        ...(grant.user ? { user: grant.user } : {}),
        clientId: record.clientId,
        owner: ownerOf(grant),
      };
      return {
        token,
        clientId: record.clientId,
        scopes: record.scopes,
        expiresAt: Math.floor((record.exp ?? Date.now()) / 1000),
        resource: new URL(record.resource),
        extra: { ...identity },
      };
    },

    async revokeToken(client, request) {
      const h = hashOf(request.token);
      for (const kind of ['at', 'rt'] as const) {
        const record = await store.get<TokenRecord>(`${kind}:${h}`);
        if (!record || record.clientId !== client.client_id) continue;
        await store.del(`${kind}:${h}`);
        // Revoking the refresh token ends the sign-in: every token of the grant stops working.
        if (kind === 'rt') await grants.delete(record.grantId);
      }
    },
  };
}
