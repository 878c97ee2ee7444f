// Runs one audit or one link_by_domain repair with the built code in its own process, so its peak
// RSS is the server's alone. argv: JSON {baseUrl, token, perWindow, windowMs, searchPerSecond, job, maxItems, dir}
import { runAudit } from '../dist/domain/repair/audit.js';
import { runRepair } from '../dist/domain/repair/fixes.js';
import { createServices } from '../dist/domain/services.js';
import { keepHeapLean } from '../dist/heap.js';
import { createHubSpot, resolveObjectType } from '../dist/hubspot/index.js';

keepHeapLean();
const o = JSON.parse(process.argv[2]);
const hubspot = createHubSpot({
  baseUrl: o.baseUrl,
  token: o.token,
  rateLimit: o.perWindow,
  limiter: { windowMs: o.windowMs, searchPerSecond: o.searchPerSecond },
});
const services = createServices(hubspot);
const contacts = resolveObjectType('contacts');
const companies = resolveObjectType('companies');
let last = 0;
const onProgress = (done, total) => {
  last = Math.max(last, done / Math.max(total, 1));
};
const started = performance.now();
let result;
if (o.job === 'audit') {
  const r = await runAudit(services, {
    from: contacts,
    to: companies,
    sampleSize: 10,
    directory: o.dir,
    onProgress,
  });
  result = {
    scanned: r.scanned,
    counts: Object.fromEntries(Object.entries(r.findings).map(([k, f]) => [k, f.count])),
    requests: r.requests,
  };
} else {
  const r = await runRepair(services, {
    fix: 'link_by_domain',
    type: contacts,
    maxItems: o.maxItems,
    dryRun: false,
    directory: o.dir,
    onProgress,
  });
  result = {
    statuses: r.statuses,
    counts: r.counts,
    scanned: r.scanned,
    requests: r.requests,
    pairs: r.change?.pairs?.length ?? 0,
  };
}
const wallMs = Math.round(performance.now() - started);
await hubspot.close();
const maxRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
process.stdout.write(
  JSON.stringify({ ...result, progressReached: last, wallMs, maxRssMb, companies: companies.name }),
);
