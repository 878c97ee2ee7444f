/**
 * The two steps between our consent page and the client's redirect: POST /authorize/consent (CSRF
 * token and browser cookie checked; only now is a `state` stored, single-use, 10 minutes, and the
 * person sent to HubSpot with our own state and PKCE) and GET /oauth/callback (state taken once,
 * the same browser required; HubSpot's code exchanged, a grant made, our own code sent on).
 */
import type { Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { sendProblem } from './consentPage.js';
import { browserOf } from './cookies.js';
import type { Grants } from './grants.js';
import type { HubSpotApp } from './hubspotApp.js';
import { type Consent, TTL } from './records.js';
import { hashOf, newToken, s256, sameText } from './secrets.js';
import type { AuthStore } from './store.js';

interface Transaction extends Consent {
  verifier: string;
}

export interface FlowOptions {
  store: AuthStore;
  grants: Grants;
  hubspot: HubSpotApp;
  issueCode(consent: Consent, grantId: string): Promise<string>;
  /** HubSpot's authorize page (HUBSPOT_AUTHORIZE_URL). */
  authorizeUrl: string;
  hubspotClientId: string;
  /** <origin of MCP_PUBLIC_URL>/oauth/callback: the redirect URL registered in the HubSpot app. */
  callbackUrl: string;
  hubspotScopes: string[];
  logger: Logger;
}

const sameBrowser = (req: Request, expected: string) => {
  const presented = browserOf(req.headers.cookie);
  return presented !== undefined && sameText(hashOf(presented), expected);
};

function redirectBack(res: Response, consent: Consent, params: Record<string, string>): void {
  const target = new URL(consent.redirectUri);
  for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
  if (consent.state !== undefined) target.searchParams.set('state', consent.state);
  res.setHeader('Cache-Control', 'no-store');
  res.redirect(302, target.href);
}

export function consentHandler(options: FlowOptions) {
  return async (req: Request, res: Response) => {
    const csrf = typeof req.body?.csrf === 'string' ? req.body.csrf : '';
    const consent = csrf ? await options.store.take<Consent>(`consent:${hashOf(csrf)}`) : undefined;
    if (!consent)
      return sendProblem(
        res,
        400,
        'This consent form expired or was already used: start again from your MCP client.',
      );
    if (!sameBrowser(req, consent.browser))
      return sendProblem(res, 400, 'This consent was not given in the browser that asked for it.');
    if (req.body?.decision !== 'allow') return redirectBack(res, consent, { error: 'access_denied' });
    const state = newToken();
    const verifier = newToken();
    const txn: Transaction = { ...consent, verifier };
    await options.store.put(`txn:${hashOf(state)}`, txn, TTL.consentMs);
    const target = new URL(options.authorizeUrl);
    target.searchParams.set('client_id', options.hubspotClientId);
    target.searchParams.set('redirect_uri', options.callbackUrl);
    target.searchParams.set('scope', options.hubspotScopes.join(' '));
    target.searchParams.set('state', state);
    target.searchParams.set('code_challenge', s256(verifier));
    target.searchParams.set('code_challenge_method', 'S256');
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, target.href);
  };
}

export function callbackHandler(options: FlowOptions) {
  const log = options.logger.child('oauth');
  return async (req: Request, res: Response) => {
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const txn = state ? await options.store.take<Transaction>(`txn:${hashOf(state)}`) : undefined;
    if (!txn)
      return sendProblem(
        res,
        400,
        'Unknown or already used sign-in state: start again from your MCP client.',
      );
    if (!sameBrowser(req, txn.browser))
      return sendProblem(res, 400, 'This sign-in was not started in this browser.');
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    if (!code)
      return redirectBack(res, txn, {
        error: 'access_denied',
        error_description: 'HubSpot sign-in was not completed',
      });
    let grantId: string;
    try {
      const tokens = await options.hubspot.exchangeCode(code, txn.verifier, options.callbackUrl);
      const user = await options.hubspot.userEmail(tokens.accessToken).catch(() => undefined);
      const grant = await options.grants.create(tokens, {
        ...(user ? { user } : {}),
        clientId: txn.clientId,
        scopes: txn.scopes,
      });
      grantId = grant.id;
      log.info('signed in', { hubId: grant.hubId, userId: grant.userId, clientId: grant.clientId });
    } catch (error) {
      log.warning('HubSpot sign-in failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      return redirectBack(res, txn, {
        error: 'server_error',
        error_description: 'HubSpot refused the sign-in',
      });
    }
    res.setHeader('Set-Cookie', 'hsmcp_browser=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    redirectBack(res, txn, { code: await options.issueCode(txn, grantId) });
  };
}
