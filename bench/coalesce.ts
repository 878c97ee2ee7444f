/** (b) 1,000 concurrent single-pair associate_records calls vs one HubSpot request per call, same limit. */

import { startSandbox } from 'hubspot-sandbox';
import { createHubSpot } from '../src/hubspot/index.js';
import { resolveObjectType } from '../src/hubspot/objectTypes.js';
import { callTool, connectInMemory } from '../test/helpers/connect.js';
import { round, timed } from './util.js';

export async function benchCoalesce(opts: { perWindow: number; windowMs: number; calls: number }) {
  const sandbox = await startSandbox({ seed: false, rateLimit: opts.perWindow, windowMs: opts.windowMs });
  const limits = { rateLimit: opts.perWindow, limiter: { windowMs: opts.windowMs } };
  const mcp = await connectInMemory(sandbox, { hubspot: limits });
  const direct = createHubSpot({ baseUrl: sandbox.url, token: sandbox.token, ...limits });
  try {
    const contacts = sandbox.portal.createObjects('contacts', opts.calls * 2).map((o) => o.id);
    const company = sandbox.portal.createObject('companies', { name: 'Bench' }).id;
    const [c, co] = [resolveObjectType('contacts'), resolveObjectType('companies')];

    // Baseline: what a naive server does, one HubSpot request per tool call (same throttle).
    await new Promise((r) => setTimeout(r, opts.windowMs + 100)); // a fresh window for each side
    sandbox.log.reset();
    const baseline = await timed(() =>
      Promise.all(
        contacts.slice(opts.calls).map((id) => direct.associations.associateDefault(c, id, co, company)),
      ),
    );
    const baselineRequests = sandbox.log.entries.length;

    await new Promise((r) => setTimeout(r, opts.windowMs + 100));
    sandbox.log.reset();
    const coalesced = await timed(() =>
      Promise.all(
        contacts.slice(0, opts.calls).map((fromId) =>
          callTool(mcp.client, 'associate_records', {
            fromObjectType: 'contacts',
            toObjectType: 'companies',
            pairs: [{ fromId, toId: company }],
          }),
        ),
      ),
    );
    const requests = sandbox.log.entries.length;
    const failed = coalesced.value.filter((r) => r.isError).length;
    return {
      calls: opts.calls,
      coalesced: {
        requests,
        wallMs: coalesced.ms,
        failedCalls: failed,
        rateLimited429: sandbox.log.rateLimited(),
      },
      onePerCall: { requests: baselineRequests, wallMs: baseline.ms },
      requestShare: round(requests / baselineRequests, 4),
      speedup: round(baseline.ms / coalesced.ms, 1),
    };
  } finally {
    await mcp.close();
    await direct.close();
    await sandbox.close();
  }
}
