/**
 * (i) Repair at portal scale: the audit of 100,000 contacts and 20,000 companies (30 % orphans,
 * half of them at one company's domain, 5 % free-mail) at HubSpot's 100 per 10 s, requests vs
 * the fewest the API allows, 429s, wall vs the rate-limit floor, peak RSS at 10,000 vs 100,000
 * contacts; then link_by_domain of 10,000 orphans in the same portal. The portal runs in its own
 * process (portalChild.mjs) and so does the server side (repairChild.mjs): RSS is the server's alone.
 */
import { type ChildProcess, execFile, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { kindOf, nthOfKind } from './repairScenario.mjs';
import { log, median, rateLimitFloorMs, round } from './util.js';

const run = promisify(execFile);
const PORTAL = fileURLToPath(new URL('./portalChild.mjs', import.meta.url));
const SERVER = fileURLToPath(new URL('./repairChild.mjs', import.meta.url));

interface Budget {
  perWindow: number;
  windowMs: number;
  searchPerSecond: number;
}

/** A portal process: ask it something over IPC and wait for the answer. */
async function startPortal(contacts: number, companies: number, b: Budget) {
  const child: ChildProcess = fork(
    PORTAL,
    [contacts, companies, b.perWindow, b.windowMs, b.searchPerSecond].map(String),
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--max-old-space-size=4096'] },
  );
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) =>
      child.once('message', (m) => resolve(m as Record<string, unknown>)),
    );
  const { url, token } = (await next()) as { url: string; token: string };
  const ask = async (message: Record<string, unknown>) => {
    const answer = next();
    child.send(message);
    return answer;
  };
  return {
    url,
    token,
    ask,
    stats: () =>
      ask({ op: 'stats' }) as Promise<{
        requests: number;
        rateLimited: number;
        byKind: Record<string, number>;
      }>,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ op: 'close' });
      }),
  };
}

type Portal = Awaited<ReturnType<typeof startPortal>>;

async function server(portal: Portal, b: Budget, job: 'audit' | 'link', dir: string, maxItems = 0) {
  const { stdout } = await run(
    process.execPath,
    [SERVER, JSON.stringify({ baseUrl: portal.url, token: portal.token, ...b, job, maxItems, dir })],
    { maxBuffer: 10 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Record<string, unknown> & {
    wallMs: number;
    maxRssMb: number;
    requests: number;
  };
}

/**
 * The fewest requests an audit of C contacts and K companies needs (D companies sharing a domain):
 * the pair's labels (1), its limits in both directions (2), the two totals for progress (2 searches),
 * every company (list pages of 100: its domain), every contact (list pages of 100: its e-mail) and
 * its companies (batch reads of 1,000 ids), and the duplicates' contact counts (batch reads of 1,000).
 * Search pages hold 200 records but run at 5 a second (1,000 records/s, what 10 list pages a second
 * give) and lag writes; they are not cheaper in time and would miss the newest records.
 */
export function auditMinimum(C: number, K: number) {
  const D = 2 * Math.floor(K / 100);
  const parts = {
    labels: 1,
    limits: 2,
    totals: 2,
    companyPages: Math.ceil(K / 100),
    contactPages: Math.ceil(C / 100),
    contactReads: Math.ceil(C / 1_000),
    duplicateReads: Math.ceil(D / 1_000),
  };
  return { ...parts, total: Object.values(parts).reduce((a, b) => a + b, 0) };
}

/**
 * link_by_domain of L orphans: the audit's own minimum to find them (every company, the contacts up
 * to the L-th linkable orphan, n of them, with their companies), the journal's reads (the contacts'
 * links just before the write, batch reads of 1,000) and the writes (associate/default, 2,000 a
 * request), plus the pair's labels and the totals for progress.
 */
export function linkMinimum(C: number, K: number, L: number) {
  const n = nthOfKind('match', L, C) + 1;
  const parts = {
    labels: 1,
    totals: 2,
    companyPages: Math.ceil(K / 100),
    contactPages: Math.ceil(n / 100),
    contactReads: Math.ceil(n / 1_000),
    journalReads: Math.ceil(L / 1_000),
    writes: Math.ceil(L / 2_000),
  };
  return { scannedToFind: n, ...parts, total: Object.values(parts).reduce((a, b) => a + b, 0) };
}

export async function benchRepair(opts: { perWindow: number; windowMs: number; fastWindowMs: number }) {
  const C = Number(process.env.BENCH_REPAIR_CONTACTS ?? 100_000);
  const K = C / 5;
  const real: Budget = {
    perWindow: opts.perWindow,
    windowMs: opts.windowMs,
    searchPerSecond: Math.round((5 * 10_000) / opts.windowMs),
  };
  const fast: Budget = { perWindow: 100_000, windowMs: 1_000, searchPerSecond: 10_000 };
  const dir = await mkdtemp(join(tmpdir(), 'hsmcp-bench-repair-'));
  const portal = await startPortal(C, K, real);
  try {
    const truth = { orphans: 0, match: 0, free: 0, none: 0 };
    for (let i = 0; i < C; i++) {
      const k = kindOf(i);
      if (k !== 'linked') truth.orphans++;
      if (k === 'match') truth.match++;
      if (k === 'free') truth.free++;
      if (k === 'none') truth.none++;
    }
    log(
      `  portal seeded (${C} contacts, ${K} companies); auditing at ${real.perWindow} per ${real.windowMs} ms…`,
    );
    const audit = await server(portal, real, 'audit', dir);
    const s = await portal.stats();
    const min = auditMinimum(C, K);
    const floor = rateLimitFloorMs(min.total, real.perWindow, real.windowMs);
    const counts = audit.counts as Record<string, number>;
    const auditRow = {
      counts,
      countsMatchTruth:
        counts.orphans === truth.orphans &&
        counts.domainMatch === truth.match &&
        counts.freeMail === truth.free &&
        counts.noMatch === truth.none &&
        counts.duplicateDomains === K / 100,
      requests: s.requests,
      byKind: s.byKind,
      minimum: min,
      requestsOverMinimum: round(s.requests / min.total, 3),
      rateLimited429: s.rateLimited,
      wallMs: audit.wallMs,
      rateLimitFloorMs: floor,
      wallOverFloor: round(audit.wallMs / floor, 3),
      progressReached: audit.progressReached,
    };

    // Peak RSS: the same audit at 100,000 and at 10,000 contacts (companies scaled), unthrottled.
    await portal.ask({ op: 'rate', perWindow: fast.perWindow, windowMs: fast.windowMs });
    const peaks = async (p: Portal, times: number) => {
      const runs: number[] = [];
      for (let k = 0; k < times; k++) runs.push((await server(p, fast, 'audit', dir)).maxRssMb);
      return { peakRssMb: median(runs), runsMb: runs };
    };
    log('  peak RSS of the audit at full size and at a tenth…');
    const large = await peaks(portal, 3);
    const smallPortal = await startPortal(C / 10, K / 10, fast);
    const small = await peaks(smallPortal, 3).finally(() => smallPortal.close());

    // link_by_domain of 10,000 orphans in the same portal (HubSpot's 100 a window, the window shortened).
    const short: Budget = {
      perWindow: opts.perWindow,
      windowMs: opts.fastWindowMs,
      searchPerSecond: Math.round((5 * 10_000) / opts.fastWindowMs),
    };
    await portal.ask({ op: 'rate', perWindow: short.perWindow, windowMs: short.windowMs });
    const L = C / 10;
    log(`  link_by_domain of ${L} orphans at ${short.perWindow} per ${short.windowMs} ms…`);
    const link = await server(portal, short, 'link', dir, L);
    const ls = await portal.stats();
    const lmin = linkMinimum(C, K, L);
    const linked = ((await portal.ask({ op: 'linked' })) as { linked: number }).linked;
    return {
      scenario: {
        contacts: C,
        companies: K,
        orphans: '30 %',
        matching: '15 %',
        freeMail: '5 %',
        duplicates: K / 100,
      },
      audit: { budget: real, ...auditRow },
      rss: {
        contacts100k: large,
        contacts10k: small,
        largeOverSmall: round(large.peakRssMb / small.peakRssMb, 3),
      },
      linkByDomain: {
        budget: short,
        statuses: link.statuses,
        pairsJournaled: link.pairs,
        linkedInPortal: linked,
        requests: ls.requests,
        byKind: ls.byKind,
        minimum: lmin,
        requestsOverMinimum: round(ls.requests / lmin.total, 3),
        rateLimited429: ls.rateLimited,
        wallMs: link.wallMs,
      },
    };
  } finally {
    await portal.close();
    await rm(dir, { recursive: true, force: true });
  }
}
