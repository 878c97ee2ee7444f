/**
 * This server's consent page, shown before anyone is sent to HubSpot (the MCP spec's confused-deputy
 * rule): it names the client, the scopes and the redirect URI, carries a CSRF token, and may not be
 * framed (X-Frame-Options DENY, CSP frame-ancestors 'none').
 */
import type { Response } from 'express';

const esc = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function noFraming(res: Response): void {
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https: http:; frame-ancestors 'none'",
  );
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

export function sendConsentPage(
  res: Response,
  page: { clientName: string; clientId: string; scopes: string[]; redirectUri: string; csrf: string },
): void {
  noFraming(res);
  res
    .status(200)
    .type('html')
    .send(`<!doctype html><html><head><meta charset="utf-8"><title>Allow access to HubSpot?</title></head><body>
<h1>Allow ${esc(page.clientName)} to use HubSpot as you?</h1>
<p>Client: <strong>${esc(page.clientName)}</strong> (${esc(page.clientId)})</p>
<p>Scopes: <code>${esc(page.scopes.join(' ') || '(the server default)')}</code></p>
<p>After you sign in to HubSpot you will be sent back to <code>${esc(page.redirectUri)}</code>.</p>
<form method="post" action="/authorize/consent"><input type="hidden" name="csrf" value="${esc(page.csrf)}"><button type="submit" name="decision" value="allow">Allow and sign in to HubSpot</button> <button type="submit" name="decision" value="deny">Deny</button></form>
</body></html>`);
}

export function sendProblem(res: Response, status: number, message: string): void {
  noFraming(res);
  res
    .status(status)
    .type('html')
    .send(`<!doctype html><html><body><h1>Sign-in stopped</h1><p>${esc(message)}</p></body></html>`);
}
