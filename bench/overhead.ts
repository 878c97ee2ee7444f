/** (d) MCP overhead: median round trip of a tool call over stdio minus the same HubSpot call made directly. */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startSandbox } from 'hubspot-sandbox';
import { createHubSpot } from '../src/hubspot/index.js';
import { resolveObjectType } from '../src/hubspot/objectTypes.js';
import { cleanEnv, median, round } from './util.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export async function benchOverhead(opts: { calls: number }) {
  const sandbox = await startSandbox({ seed: true, rateLimit: 1_000_000 });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI],
      env: cleanEnv({
        HUBSPOT_API_BASE_URL: sandbox.url,
        HUBSPOT_ACCESS_TOKEN: sandbox.token,
        HUBSPOT_RATE_LIMIT: '1000000',
        LOG_LEVEL: 'error',
      }),
      stderr: 'ignore',
    }),
  );
  const direct = createHubSpot({ baseUrl: sandbox.url, token: sandbox.token, rateLimit: 1_000_000 });
  try {
    const id = sandbox.portal.findObjects('contacts')[0]!.id;
    const [contacts, companies] = [resolveObjectType('contacts'), resolveObjectType('companies')];
    const viaMcp = () =>
      client.callTool({
        name: 'list_associations',
        arguments: { objectType: 'contacts', objectIds: [id], toObjectType: 'companies' },
      });
    const viaClient = () => direct.associations.batchRead(contacts, companies, [{ id }]);
    const sample = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await fn(); // warm up both paths
      const times: number[] = [];
      for (let i = 0; i < opts.calls; i++) {
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
      }
      return median(times);
    };
    // Interleave the two so machine noise hits both alike.
    const mcp: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < 5; round++) {
      raw.push(await sample(viaClient));
      mcp.push(await sample(viaMcp));
    }
    const mcpMs = median(mcp);
    const directMs = median(raw);
    return {
      calls: opts.calls * 5,
      stdioToolCallMedianMs: round(mcpMs, 3),
      directClientMedianMs: round(directMs, 3),
      overheadMs: round(mcpMs - directMs, 3),
    };
  } finally {
    await client.close();
    await direct.close();
    await sandbox.close();
  }
}
