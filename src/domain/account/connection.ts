import type { AccountDetails, HubSpot } from '../../hubspot/index.js';
import { HubSpotError } from '../../hubspot/index.js';
import { resolveObjectType } from '../../hubspot/objectTypes.js';

/** A cheap read that needs one scope: what check_connection learns about the token from it. */
export type ProbeName = 'contacts' | 'companies' | 'deals' | 'schemas' | 'labels';

export interface ProbeResult {
  name: ProbeName;
  granted: boolean;
  /** The scope HubSpot's 403 named (MISSING_SCOPES `requiredGranularScopes`), else the probe's own. */
  scope: string;
}

export interface ConnectionReport {
  /** Absent when the account-info answer was refused (the token may still work for the CRM). */
  account?: AccountDetails;
  budget: {
    perWindow: number;
    windowMs: number;
    remaining?: number;
    daily?: number;
    dailyRemaining?: number;
  };
  probes: ProbeResult[];
}

const contacts = resolveObjectType('contacts');
const companies = resolveObjectType('companies');

/** Each probe reads at most one record; the scope is what HubSpot's spec asks of that read. */
function probes(hubspot: HubSpot): Array<{ name: ProbeName; scope: string; run: () => Promise<unknown> }> {
  const one = (type: string) => () => hubspot.objects.list(resolveObjectType(type), { limit: 1 });
  return [
    { name: 'contacts', scope: 'crm.objects.contacts.read', run: one('contacts') },
    { name: 'companies', scope: 'crm.objects.companies.read', run: one('companies') },
    { name: 'deals', scope: 'crm.objects.deals.read', run: one('deals') },
    { name: 'schemas', scope: 'crm.schemas.custom.read', run: () => hubspot.schemas.list() },
    // Labels, limits and the association writes accept any CRM object scope (spec security).
    {
      name: 'labels',
      scope: 'crm.objects.contacts.read',
      run: () => hubspot.labels.list(contacts, companies),
    },
  ];
}

/** A 403 is an answer (the scope is missing); anything else (401, network, 5xx) fails the check. */
async function refused<T>(run: () => Promise<T>): Promise<{ value?: T; scopes?: string[] }> {
  try {
    return { value: await run() };
  } catch (error) {
    if (!(error instanceof HubSpotError) || error.status !== 403) throw error;
    const named = error.body?.errors?.flatMap((e) => e.context?.requiredGranularScopes ?? []) ?? [];
    return { scopes: named };
  }
}

/**
 * Who the token is and what it may read: account details, then one cheap read per probe (about
 * six requests). Write scopes are not probed: the only probe of a write is a write.
 */
export async function checkConnection(deps: { hubspot: HubSpot }): Promise<ConnectionReport> {
  const { hubspot } = deps;
  const account = await refused(() => hubspot.account.details());
  const results: ProbeResult[] = [];
  for (const probe of probes(hubspot)) {
    const outcome = await refused(probe.run);
    results.push({ name: probe.name, granted: !outcome.scopes, scope: outcome.scopes?.[0] ?? probe.scope });
  }
  const { budget, rateLimit } = hubspot.client;
  return {
    ...(account.value ? { account: account.value } : {}),
    budget: {
      perWindow: budget.perWindow,
      windowMs: budget.windowMs,
      ...(rateLimit.remaining === undefined ? {} : { remaining: rateLimit.remaining }),
      ...(rateLimit.daily === undefined ? {} : { daily: rateLimit.daily }),
      ...(rateLimit.dailyRemaining === undefined ? {} : { dailyRemaining: rateLimit.dailyRemaining }),
    },
    probes: results,
  };
}
