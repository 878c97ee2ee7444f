/**
 * The MCP App view in headless Chromium (Debian's, as in test/browser/): its size, and the time from
 * the tool result the host sends to the drawn graph for a record with 100 neighbours, against an
 * empty App view (same bundler, same host, same result) in the same run. The host page stamps the
 * send; each view stamps the frame after its work (performance.mark 'graph-drawn'); both stamps are
 * epoch milliseconds (timeOrigin + now), comparable across the two documents.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startSandbox } from 'hubspot-sandbox';
import { bundleView, MAX_VIEW_BYTES } from '../scripts/build-ui.js';
import { type AppHost, openAppHost, readView } from '../test/helpers/appHost.js';
import { startChromium } from '../test/helpers/chromium.js';
import { connectInMemory } from '../test/helpers/connect.js';
import { median, round } from './util.js';

const EMPTY_VIEW = fileURLToPath(new URL('./fixtures/emptyView.mjs', import.meta.url));
const NEIGHBOURS = 100;

function p90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)] as number;
}

/** Loads a view, sends it the result, and answers ms from the send to its 'graph-drawn' mark. */
async function drawOnce(host: AppHost, html: string, csp: string, args: object, result: unknown) {
  await host.start({
    html,
    csp,
    hostContext: { theme: 'light' },
    toolInput: args as Record<string, unknown>,
  });
  const frame = host.page.frames().find((f) => f !== host.page.mainFrame());
  if (!frame) throw new Error('no view frame');
  const sentAt = await host.sendToolResult(result as never);
  await frame.waitForFunction(() => performance.getEntriesByName('graph-drawn').length > 0);
  const drawnAt = await frame.evaluate(
    () => performance.timeOrigin + (performance.getEntriesByName('graph-drawn')[0]?.startTime ?? 0),
  );
  const records = await frame.locator('[data-record-id]').count();
  return { ms: drawnAt - sentAt, records };
}

export async function benchGraphView(opts: { runs: number }) {
  const sandbox = await startSandbox({ seed: false });
  const mcp = await connectInMemory(sandbox);
  const chrome = await startChromium();
  try {
    const company = sandbox.portal.createObject('companies', { name: 'Hundred Neighbours Inc' }).id;
    for (let i = 0; i < NEIGHBOURS; i++) {
      const contact = sandbox.portal.createObject('contacts', { firstname: `Person`, lastname: `${i}` }).id;
      sandbox.portal.associate('companies', company, 'contacts', contact, i % 3 === 0 ? [2] : []);
    }
    const args = { objectType: 'companies', id: company, toObjectTypes: ['contacts'], limitPerType: 100 };
    const result = await mcp.client.callTool({ name: 'show_association_graph', arguments: args });
    const view = await readView(mcp.client);
    const empty = await bundleView(EMPTY_VIEW, { title: 'empty' });
    const host = await openAppHost(chrome.browser, mcp.client);
    const graphMs: number[] = [];
    const emptyMs: number[] = [];
    let records = 0;
    try {
      // One warm-up each (Chromium's first frame), then alternate so both see the same machine.
      await drawOnce(host, view.html, view.csp, args, result);
      await drawOnce(host, empty, view.csp, args, result);
      for (let i = 0; i < opts.runs; i++) {
        const drawn = await drawOnce(host, view.html, view.csp, args, result);
        graphMs.push(drawn.ms);
        records = drawn.records;
        emptyMs.push((await drawOnce(host, empty, view.csp, args, result)).ms);
      }
    } finally {
      await host.close();
    }
    const built = await readFile(new URL('../dist/ui/association-graph.html', import.meta.url));
    return {
      runs: opts.runs,
      neighbours: NEIGHBOURS,
      recordsDrawn: records,
      htmlBytes: built.length,
      htmlGzipBytes: gzipSync(built).length,
      htmlLimitBytes: MAX_VIEW_BYTES,
      emptyViewBytes: Buffer.byteLength(empty),
      toolResultToDrawnMs: { median: round(median(graphMs), 1), p90: round(p90(graphMs), 1) },
      emptyViewMs: { median: round(median(emptyMs), 1), p90: round(p90(emptyMs), 1) },
      drawingCostMs: round(median(graphMs) - median(emptyMs), 1),
      problems: host.problems,
    };
  } finally {
    await chrome.close();
    await mcp.close();
    await sandbox.close();
  }
}
