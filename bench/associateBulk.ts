/** (a) 10,000 pairs in one associate_records call: requests vs the minimum, 429s, wall time vs the floor. */
import { startSandbox } from 'hubspot-sandbox';
import { callTool, connectInMemory } from '../test/helpers/connect.js';
import { rateLimitFloorMs, round, timed } from './util.js';

export async function benchAssociateBulk(opts: { perWindow: number; windowMs: number; pairs: number }) {
  const sandbox = await startSandbox({ seed: false, rateLimit: opts.perWindow, windowMs: opts.windowMs });
  const mcp = await connectInMemory(sandbox, {
    hubspot: { rateLimit: opts.perWindow, limiter: { windowMs: opts.windowMs } },
  });
  try {
    const contacts = sandbox.portal.createObjects('contacts', opts.pairs).map((o) => o.id);
    const companies = sandbox.portal.createObjects('companies', opts.pairs).map((o) => o.id);
    const pairs = contacts.map((fromId, i) => ({ fromId, toId: companies[i]! }));
    const run = async (label?: string) => {
      sandbox.log.reset();
      const { value, ms } = await timed(() =>
        callTool(mcp.client, 'associate_records', {
          fromObjectType: 'contacts',
          toObjectType: 'companies',
          pairs,
          label,
        }),
      );
      const requests = sandbox.log.entries.length;
      const labelLookups = sandbox.log.count((e) => e.method === 'GET' && e.path.includes('/labels'));
      // Read the pairs first (1,000 from-ids a request: what they hold, for `unchanged` and an exact
      // undo), then write 2,000 a request, plus the label lookups.
      const reads = Math.ceil(new Set(pairs.map((p) => p.fromId)).size / 1_000);
      const minimum = reads + Math.ceil(opts.pairs / 2_000) + labelLookups;
      return {
        associated: value.data.counts.associated ?? 0,
        requests,
        minimum,
        requestsOverMinimum: round(requests / minimum),
        rateLimited429: sandbox.log.rateLimited(),
        wallMs: ms,
        rateLimitFloorMs: rateLimitFloorMs(requests, opts.perWindow, opts.windowMs),
      };
    };
    const unlabeled = await run();
    // A labeled write first reads each pair's labels (HubSpot replaces a pair's label set on write).
    const labeled = await run('Primary');
    return { pairs: opts.pairs, default: unlabeled, labeled };
  } finally {
    await mcp.close();
    await sandbox.close();
  }
}
