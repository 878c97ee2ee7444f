// Runs one export with the built code in its own process, so its peak RSS is the export's alone.
// argv: baseUrl token perWindow windowMs directory

import { exportCrmData } from '../dist/domain/export/crmData.js';
import { keepHeapLean } from '../dist/heap.js';
import { createHubSpot } from '../dist/hubspot/index.js';
import { resolveObjectType } from '../dist/hubspot/objectTypes.js';

// The heap setting every process of the server makes at start (src/cli.ts).
keepHeapLean();

const [baseUrl, token, perWindow, windowMs, directory] = process.argv.slice(2);
const hubspot = createHubSpot({
  baseUrl,
  token,
  rateLimit: Number(perWindow),
  limiter: { windowMs: Number(windowMs) },
});
const started = performance.now();
const summary = await exportCrmData(hubspot, {
  objectTypes: [resolveObjectType('contacts'), resolveObjectType('companies')],
  associations: [{ from: resolveObjectType('contacts'), to: resolveObjectType('companies') }],
  directory,
});
const wallMs = Math.round(performance.now() - started);
await hubspot.close();
const maxRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
process.stdout.write(
  JSON.stringify({ summary, wallMs, maxRssMb, clientRequests: hubspot.client.stats.requests }),
);
