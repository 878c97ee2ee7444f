// Takes a screenshot of the real graph view on the sandbox: the built view (npm run build) from
// resources/read, in Debian's Chromium, in the test MCP Apps host (test/browser/host/page.ts), with
// a real tools/call result for Acme Labs (four records per type) and one contact selected.
//   npx tsx scripts/screenshot-graph.ts [--out docs/association-graph.png] [--theme light|dark]
import { parseArgs } from 'node:util';
import { startSandbox } from 'hubspot-sandbox';
import { openAppHost, readView } from '../test/helpers/appHost.js';
import { startChromium } from '../test/helpers/chromium.js';
import { connectInMemory } from '../test/helpers/connect.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/association-graph.png' },
    theme: { type: 'string', default: 'light' },
  },
});
const sandbox = await startSandbox();
const mcp = await connectInMemory(sandbox);
const chrome = await startChromium();
try {
  const byName = (type: string, test: (p: Record<string, string>) => boolean) =>
    sandbox.portal.findObjects(type, (o) => test(o.properties as Record<string, string>))[0]!.id;
  const acme = byName('companies', (p) => p.name === 'Acme Labs');
  const ada = byName('contacts', (p) => p.firstname === 'Ada' && p.lastname === 'Lovelace');
  const args = {
    objectType: 'companies',
    id: acme,
    toObjectTypes: ['contacts', 'deals', 'tickets', '2-3508467'],
    limitPerType: 4,
  };
  const host = await openAppHost(chrome.browser, mcp.client);
  const { html, csp } = await readView(mcp.client);
  const result = await mcp.client.callTool({ name: 'show_association_graph', arguments: args });
  await host.start({ html, csp, hostContext: { theme: values.theme }, toolInput: args });
  await host.sendToolResult(result as never);
  const record = host.view.locator(`[data-object-type="contacts"][data-record-id="${ada}"]`);
  await record.click();
  await host.view.getByRole('region', { name: 'Record' }).getByRole('button', { name: 'Unlink' }).waitFor();
  await host.page.locator('iframe').screenshot({ path: values.out });
  if (host.problems.length > 0) throw new Error(`the view reported: ${host.problems.join('; ')}`);
  await host.close();
  process.stderr.write(`wrote ${values.out}\n`);
} finally {
  await chrome.close();
  await mcp.close();
  await sandbox.close();
}
