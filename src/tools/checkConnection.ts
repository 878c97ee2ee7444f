import { z } from 'zod';
import { checkConnection as check, type ProbeResult } from '../domain/account/connection.js';
import { TOOL_SCOPES } from './scopes.js';
import { defineTool } from './types.js';

/** Tools whose probes failed, with the first scope each lacks. */
function blocked(probes: ProbeResult[]): string[] {
  const granted = new Set(probes.filter((p) => p.granted).map((p) => p.name));
  const anyObject = ['contacts', 'companies', 'deals'].some((n) => granted.has(n as ProbeResult['name']));
  return Object.entries(TOOL_SCOPES).flatMap(([tool, { needs }]) => {
    const lacking = needs.find((n) => (n === 'object' ? !anyObject : !granted.has(n)));
    if (!lacking) return [];
    const scope = probes.find((p) => p.name === (lacking === 'object' ? 'contacts' : lacking))?.scope;
    return [`${tool} (${scope})`];
  });
}

export const checkConnection = defineTool({
  name: 'check_connection',
  title: 'Check connection',
  description: 'Portal id, account, auth kind, API budget, and which tools the token scopes allow.',
  inputSchema: {},
  outputSchema: {
    portalId: z.number().optional(),
    accountType: z.string().optional(),
    timeZone: z.string().optional(),
    auth: z.enum(['token', 'oauth', 'sandbox']),
    user: z.string().optional().describe('Signed-in HubSpot user (MCP_HTTP_AUTH=oauth)'),
    budget: z.record(z.string(), z.number()),
    missingScopes: z.array(z.string()),
    blockedTools: z.array(z.string()),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler(deps) {
    const report = await check(deps);
    const missingScopes = [...new Set(report.probes.filter((p) => !p.granted).map((p) => p.scope))];
    const blockedTools = blocked(report.probes);
    const { account, budget } = report;
    const signedIn = deps.signedIn;
    const who = signedIn ? (signedIn.user ?? `user ${signedIn.userId}`) : undefined;
    const where = account
      ? `portal ${account.portalId} (${[account.accountType, account.timeZone].filter(Boolean).join(', ')})`
      : 'account details refused';
    const left = budget.remaining === undefined ? '' : `, ${budget.remaining} left`;
    const daily =
      budget.dailyRemaining === undefined
        ? ''
        : `; ${budget.dailyRemaining} of ${budget.daily ?? '?'} left today`;
    const scopes =
      missingScopes.length === 0
        ? 'read scopes OK for every tool'
        : `missing ${missingScopes.join(', ')}: blocks ${blockedTools.join(', ')}`;
    return {
      data: {
        ...(account ? { portalId: account.portalId } : signedIn ? { portalId: signedIn.hubId } : {}),
        ...(account?.accountType ? { accountType: account.accountType } : {}),
        ...(account?.timeZone ? { timeZone: account.timeZone } : {}),
        auth: deps.auth,
        ...(who ? { user: who } : {}),
        budget,
        missingScopes,
        blockedTools,
      },
      summary: `Connected to ${where}${who ? ` as ${who}` : ''} with ${deps.auth} auth; budget ${budget.perWindow} per ${budget.windowMs / 1000} s${left}${daily}; ${scopes} (write scopes are not probed).`,
    };
  },
});
