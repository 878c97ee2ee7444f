/** (c) Export of contacts, companies and their associations: requests vs minimum, wall time vs floor, peak RSS at two sizes. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox } from 'hubspot-sandbox';
import { rateLimitFloorMs, round } from './util.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./exportChild.mjs', import.meta.url));

async function exportOnce(
  size: { contacts: number; companies: number },
  perWindow: number,
  windowMs: number,
) {
  const sandbox = await startSandbox({ seed: false, rateLimit: perWindow, windowMs });
  const dir = await mkdtemp(join(tmpdir(), 'hsmcp-bench-export-'));
  try {
    const contacts = sandbox.portal.createObjects('contacts', size.contacts, (i) => ({
      email: `person${i}@bench.example`,
      firstname: `First${i}`,
      lastname: `Last${i}`,
    }));
    const companies = sandbox.portal.createObjects('companies', size.companies, (i) => ({
      name: `Company ${i}`,
      domain: `c${i}.bench.example`,
    }));
    // One default association per contact (HubSpot writes both directions).
    for (const [i, c] of contacts.entries())
      sandbox.portal.associate('contacts', c.id, 'companies', companies[i % companies.length]!.id);
    sandbox.log.reset();
    const { stdout } = await run(
      process.execPath,
      [CHILD, sandbox.url, sandbox.token, String(perWindow), String(windowMs), dir],
      {
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    const child = JSON.parse(stdout) as {
      summary: { files: Array<{ file: string; rows: number }>; complete: boolean };
      wallMs: number;
      maxRssMb: number;
    };
    const requests = sandbox.log.entries.length;
    const minimum =
      Math.ceil(size.contacts / 100) + Math.ceil(size.companies / 100) + Math.ceil(size.contacts / 1_000);
    return {
      ...size,
      associations: size.contacts,
      files: Object.fromEntries(child.summary.files.map((f) => [f.file, f.rows])),
      complete: child.summary.complete,
      requests,
      minimum,
      requestsOverMinimum: round(requests / minimum, 3),
      rateLimited429: sandbox.log.rateLimited(),
      wallMs: child.wallMs,
      rateLimitFloorMs: rateLimitFloorMs(minimum, perWindow, windowMs),
      peakRssMb: child.maxRssMb,
    };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchExport(opts: { perWindow: number; windowMs: number }) {
  const full = await exportOnce({ contacts: 20_000, companies: 5_000 }, opts.perWindow, opts.windowMs);
  const quarter = await exportOnce({ contacts: 5_000, companies: 1_250 }, opts.perWindow, opts.windowMs);
  return { full, quarter, rssFullOverQuarter: round(full.peakRssMb / quarter.peakRssMb, 3) };
}
