/**
 * (e) Spreadsheet import: 10,000 rows (10,000 people at 2,000 companies; 30% of the people and 20%
 * of the companies already in the portal) in one import. Requests vs the minimum the batch limits
 * allow, 429s, wall time vs the rate-limit floor, requests vs 10,000 create_contact_company_pair
 * calls (a sample, scaled), the second run of the same file, and peak RSS at 10,000 and 100,000 rows.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { type Sandbox, startSandbox } from 'hubspot-sandbox';
import { callTool, connectInMemory } from '../test/helpers/connect.js';
import { median, rateLimitFloorMs, round } from './util.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./importChild.mjs', import.meta.url));

interface Scenario {
  rows: number;
  companies: number;
}

const email = (i: number, s: Scenario) => `p${i}@c${i % s.companies}.example.com`;
const domain = (j: number) => `c${j}.example.com`;
/** 30% of the people and 20% of the companies are already in the portal. */
const contactExists = (i: number) => i % 10 < 3;
const companyExists = (j: number) => j % 5 === 0;

function seed(sandbox: Sandbox, s: Scenario) {
  const people = Array.from({ length: s.rows }, (_, i) => i).filter(contactExists);
  sandbox.portal.createObjects('contacts', people.length, (k) => ({ email: email(people[k]!, s) }));
  const firms = Array.from({ length: s.companies }, (_, j) => j).filter(companyExists);
  sandbox.portal.createObjects('companies', firms.length, (k) => ({
    name: `Company ${firms[k]}`,
    domain: domain(firms[k]!),
  }));
}

async function writeSheet(dir: string, s: Scenario): Promise<string> {
  const path = join(dir, `people-${s.rows}.csv`);
  const header = [['email', 'firstname', 'lastname', 'company_name', 'company_domain']];
  await writeFile(path, stringify(header));
  for (let start = 0; start < s.rows; start += 10_000) {
    const part = Array.from({ length: Math.min(10_000, s.rows - start) }, (_, k) => {
      const i = start + k;
      return [email(i, s), `First${i}`, `Last${i}`, `Company ${i % s.companies}`, domain(i % s.companies)];
    });
    await writeFile(path, stringify(part), { flag: 'a' });
  }
  return path;
}

/** The fewest requests the batch limits allow for this scenario (see RESULTS.md for the formula). */
function minimum(s: Scenario) {
  const newContacts = Array.from({ length: s.rows }, (_, i) => i).filter((i) => !contactExists(i)).length;
  const newCompanies = Array.from({ length: s.companies }, (_, j) => j).filter(
    (j) => !companyExists(j),
  ).length;
  const bothFound = Array.from({ length: s.rows }, (_, i) => i).filter(
    (i) => contactExists(i) && companyExists(i % s.companies),
  ).length;
  const find = Math.ceil(s.rows / 100) + Math.ceil(s.companies / 100);
  const create = Math.ceil(newContacts / 100) + Math.ceil(newCompanies / 100);
  const link =
    Math.ceil((s.rows - bothFound) / 2_000) + Math.ceil(bothFound / 1_000) + Math.ceil(bothFound / 2_000);
  return { find, create, link, total: find + create + link };
}

async function child(sandbox: Sandbox, path: string, perWindow: number, windowMs: number, search: number) {
  const { stdout } = await run(
    process.execPath,
    [CHILD, sandbox.url, sandbox.token, String(perWindow), String(windowMs), String(search), path],
    { maxBuffer: 10 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as { counts: Record<string, number>; wallMs: number; maxRssMb: number };
}

const isFind = (path: string) => /objects\/[^/]+\/contacts\/batch\/read|\/search/.test(path);

/** create_contact_company_pair on every `every`-th row: requests per call, scaled to the whole sheet. */
async function pairToolBaseline(s: Scenario, every: number) {
  const sandbox = await startSandbox({
    seed: false,
    rateLimit: 10_000,
    windowMs: 1_000,
    searchPerSecond: 1_000,
  });
  const mcp = await connectInMemory(sandbox, {
    hubspot: { rateLimit: 10_000, limiter: { windowMs: 1_000, searchPerSecond: 1_000 } },
  });
  try {
    seed(sandbox, s);
    sandbox.log.reset();
    let calls = 0;
    let failed = 0;
    for (let i = 0; i < s.rows; i += every) {
      const j = i % s.companies;
      const out = await callTool(mcp.client, 'create_contact_company_pair', {
        contact: { email: email(i, s), firstname: `First${i}`, lastname: `Last${i}` },
        company: { name: `Company ${j}`, domain: domain(j) },
      });
      calls++;
      if (out.isError) failed++;
    }
    const requests = sandbox.log.entries.length;
    return {
      sampleCalls: calls,
      failedCalls: failed,
      sampleRequests: requests,
      requestsFor10kCalls: Math.round((requests / calls) * s.rows),
    };
  } finally {
    await mcp.close();
    await sandbox.close();
  }
}

export async function benchImport(opts: { perWindow: number; windowMs: number }) {
  const s: Scenario = { rows: 10_000, companies: 2_000 };
  // HubSpot's search budget (5/s) scales with the shortened window, as the 100 per window does.
  const searchPerSecond = Math.round((5 * 10_000) / opts.windowMs);
  const dir = await mkdtemp(join(tmpdir(), 'hsmcp-bench-import-'));
  try {
    const sheet = await writeSheet(dir, s);
    const sandbox = await startSandbox({
      seed: false,
      rateLimit: opts.perWindow,
      windowMs: opts.windowMs,
      searchPerSecond,
    });
    let first: Record<string, unknown>;
    let second: Record<string, unknown>;
    try {
      seed(sandbox, s);
      sandbox.log.reset();
      const a = await child(sandbox, sheet, opts.perWindow, opts.windowMs, searchPerSecond);
      const requests = sandbox.log.entries.length;
      const findPhase = sandbox.log.count((e) => isFind(e.path));
      const min = minimum(s);
      const floor = rateLimitFloorMs(min.total, opts.perWindow, opts.windowMs);
      first = {
        counts: a.counts,
        requests,
        minimum: min,
        requestsOverMinimum: round(requests / min.total, 3),
        findPhaseRequests: findPhase,
        rateLimited429: sandbox.log.rateLimited(),
        wallMs: a.wallMs,
        rateLimitFloorMs: floor,
        wallOverFloor: round(a.wallMs / floor, 3),
      };
      sandbox.log.reset();
      const b = await child(sandbox, sheet, opts.perWindow, opts.windowMs, searchPerSecond);
      second = {
        counts: b.counts,
        created: (b.counts.contactsCreated ?? 0) + (b.counts.companiesCreated ?? 0),
        requests: sandbox.log.entries.length,
        requestsOverFirstFindPhase: round(sandbox.log.entries.length / findPhase, 3),
        wallMs: b.wallMs,
      };
    } finally {
      await sandbox.close();
    }
    // Every 49th row: co-prime with the 10 and 5 that decide which records exist, so the sample
    // has the sheet's mix of new and existing contacts and companies.
    const baseline = await pairToolBaseline(s, 49);
    // Peak RSS of the importing process at 10,000 and 100,000 rows (same fast budget for both),
    // the median of 3 runs each: on a shared machine a starved run lets V8's heap grow further.
    const rss = async (rows: number, times: number) => {
      const size: Scenario = { rows, companies: 2_000 };
      const path = await writeSheet(dir, size);
      const runs: Array<{ peakRssMb: number; failed: number }> = [];
      for (let k = 0; k < times; k++) {
        const fast = await startSandbox({
          seed: false,
          rateLimit: 100_000,
          windowMs: 1_000,
          searchPerSecond: 10_000,
        });
        try {
          seed(fast, size);
          await rm(`${path.slice(0, -4)}.report.csv`, { force: true }); // each run starts afresh
          const out = await child(fast, path, 100_000, 1_000, 10_000);
          runs.push({ peakRssMb: out.maxRssMb, failed: out.counts.failed ?? 0 });
        } finally {
          await fast.close();
        }
      }
      const peaks = runs.map((r) => r.peakRssMb);
      return {
        rows,
        failed: Math.max(...runs.map((r) => r.failed)),
        peakRssMb: median(peaks),
        runsMb: peaks,
      };
    };
    const small = await rss(10_000, 3);
    const large = await rss(100_000, 3);
    // Where the peak levels off: 30,000 and 200,000 rows (one run each).
    const plateau = [(await rss(30_000, 1)).peakRssMb, (await rss(200_000, 1)).peakRssMb];
    return {
      scenario: { ...s, existingContacts: '30%', existingCompanies: '20%' },
      budget: { perWindow: opts.perWindow, windowMs: opts.windowMs, searchPerSecond },
      first,
      second,
      pairToolBaseline: {
        ...baseline,
        importOverPairTool: round((first.requests as number) / baseline.requestsFor10kCalls, 4),
      },
      rss: {
        small,
        large,
        largeOverSmall: round(large.peakRssMb / small.peakRssMb, 3),
        plateauMb: { rows30k: plateau[0], rows200k: plateau[1] },
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
