import { resolve } from 'node:path';
import { connectHubSpot, stateDir } from '../app.js';
import { type Config, PROGRAM } from '../config.js';
import { type Change, InterruptedChange, isEmptyChange } from '../domain/journal/changes.js';
import { createFileJournal } from '../domain/journal/fileJournal.js';
import { runAudit } from '../domain/repair/audit.js';
import type { CheckName } from '../domain/repair/checks.js';
import { COMPANIES, CONTACTS } from '../domain/repair/companies.js';
import { runRepair } from '../domain/repair/fixes.js';
import { createServices } from '../domain/services.js';
import { HubSpotError, InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import type { Logger } from '../logger.js';

const MOVED = ['contacts', 'companies', 'deals', 'tickets'];

/** Progress on stderr: one line a quarter second (rewritten in place on a terminal). */
function progressLine(unit: string) {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    onProgress(done: number, total: number) {
      if (done < total && Date.now() - last < 250) return;
      last = Date.now();
      process.stderr.write(tty ? `\r${done}/${total} ${unit}   ` : `${done}/${total} ${unit}\n`);
    },
    end: () => tty && process.stderr.write('\n'),
  };
}

/** A mistake the shell user can fix (a flag, a record id): one line on stderr, exit 2. */
function refused(error: unknown, logger: Logger): number {
  if (!(error instanceof InputError)) throw error;
  process.stderr.write(`${logger.redact(error.message)}\n`);
  return 2;
}

/** `audit --from T --to T`: the findings as JSON on stdout, every item in a CSV under --out. */
export async function runAuditCommand(config: Config, logger: Logger): Promise<number> {
  const job = config.repair.audit;
  if (!job) throw new Error('audit command without a job'); // config builds one for `audit`
  const { hubspot, close } = await connectHubSpot(config, logger);
  const progress = progressLine('records');
  try {
    const directory = resolve(config.repair.out);
    const report = await runAudit(createServices(hubspot), {
      from: resolveObjectType(job.from, '--from'),
      to: resolveObjectType(job.to, '--to'),
      ...(job.checks ? { checks: job.checks as CheckName[] } : {}),
      ...(job.max ? { maxRecords: job.max } : {}),
      sampleSize: job.sample ?? 10,
      directory,
      onProgress: progress.onProgress,
    });
    progress.end();
    process.stdout.write(
      `${JSON.stringify({ ...report, file: resolve(directory, report.file) }, null, 2)}\n`,
    );
    return 0;
  } catch (error) {
    progress.end();
    return refused(error, logger);
  } finally {
    await close();
  }
}

/**
 * `repair link-by-domain|set-primary|move`: the plan (with --dry-run) or the outcome as JSON on
 * stdout, journaled like the tool (undo CHANGE_ID reverts it); exit 1 if an item failed, 2 for a
 * flag or record the job cannot start with, or more items than HUBSPOT_CONFIRM_THRESHOLD without --confirm.
 */
export async function runRepairCommand(config: Config, logger: Logger): Promise<number> {
  const job = config.repair.job;
  if (!job) throw new Error('repair command without a job');
  const { hubspot, replicas, close } = await connectHubSpot(config, logger);
  // A sandbox run's portal is gone when the command ends: nothing to journal.
  const journal = config.sandbox
    ? undefined
    : (replicas?.journal ?? createFileJournal(stateDir(config.stateDir)));
  const record = async (change: Change | undefined) => {
    if (!journal || !change || isEmptyChange(change)) return undefined;
    const entry = await journal.append({ tool: `repair ${job.fix}`, change, client: 'cli' });
    process.stderr.write(`journaled as change ${entry.changeId} (undo: ${PROGRAM} undo ${entry.changeId})\n`);
    return entry.changeId;
  };
  const progress = progressLine(job.fix === 'move_associations' ? 'links' : 'records, then items');
  try {
    const services = createServices(hubspot);
    const type = resolveObjectType(job.type ?? 'contacts', '--type');
    if (job.fix === 'link_by_domain' && type.id !== CONTACTS.id)
      throw new InputError('--type', 'link-by-domain links contacts', 'leave --type out');
    const label = job.label
      ? await services.labels.resolve(CONTACTS, COMPANIES, { label: job.label }, '--label')
      : undefined;
    const out = await runRepair(services, {
      fix: job.fix,
      type,
      ...(label ? { label } : {}),
      ...(job.fromRecord ? { fromRecordId: job.fromRecord } : {}),
      ...(job.toRecord ? { toRecordId: job.toRecord } : {}),
      toTypes: (job.types ?? MOVED).map((t) => resolveObjectType(t, '--types')),
      maxItems: job.max ?? 100_000,
      dryRun: job.dryRun,
      directory: resolve(config.repair.out),
      onProgress: progress.onProgress,
      async confirm(count, what) {
        if (job.confirm || count <= config.confirmThreshold) return;
        throw new InputError(
          '--confirm',
          `needed to ${what} (${count}, above HUBSPOT_CONFIRM_THRESHOLD ${config.confirmThreshold})`,
          'run with --dry-run, review the plan, then again with --confirm',
        );
      },
    });
    progress.end();
    const { change, ...rest } = out;
    const changeId = await record(change);
    const report = out.report ? resolve(config.repair.out, out.report) : undefined;
    process.stdout.write(
      `${JSON.stringify({ ...rest, ...(report ? { report } : {}), ...(changeId ? { changeId } : {}) }, null, 2)}\n`,
    );
    return (out.statuses.failed ?? 0) > 0 ? 1 : 0;
  } catch (error) {
    progress.end();
    if (error instanceof InterruptedChange) {
      await record(error.change); // what was done before the stop can still be undone
      if (error.error instanceof HubSpotError) {
        process.stderr.write(`${logger.redact(error.error.message)}\n`);
        return 1;
      }
      return refused(error.error, logger);
    }
    return refused(error, logger);
  } finally {
    await close();
  }
}
