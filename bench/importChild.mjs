// Runs one spreadsheet import with the built code in its own process, so its peak RSS is the import's alone.
// argv: baseUrl token perWindow windowMs searchPerSecond file
import { runPairImport } from '../dist/domain/import/run.js';
import { createServices } from '../dist/domain/services.js';
import { keepHeapLean } from '../dist/heap.js';
import { createHubSpot } from '../dist/hubspot/index.js';

// The heap setting every process of the server makes at start (src/cli.ts).
keepHeapLean();

const [baseUrl, token, perWindow, windowMs, searchPerSecond, path, chunkRows] = process.argv.slice(2);
const hubspot = createHubSpot({
  baseUrl,
  token,
  rateLimit: Number(perWindow),
  limiter: { windowMs: Number(windowMs), searchPerSecond: Number(searchPerSecond) },
});
const started = performance.now();
const summary = await runPairImport(
  createServices(hubspot),
  { path },
  chunkRows ? { chunkRows: Number(chunkRows) } : {},
);
const wallMs = Math.round(performance.now() - started);
await hubspot.close();
const maxRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
process.stdout.write(
  JSON.stringify({ counts: summary.counts, stats: hubspot.client.stats, wallMs, maxRssMb }),
);
