import { resolve } from 'node:path';
import { connectHubSpot, stateDir } from '../app.js';
import { type Config, PROGRAM } from '../config.js';
import { checkFile } from '../domain/import/file.js';
import { runEdgeImport, runPairImport } from '../domain/import/run.js';
import { isEmptyChange, stored } from '../domain/journal/changes.js';
import { collectChanges } from '../domain/journal/collector.js';
import { createFileJournal } from '../domain/journal/fileJournal.js';
import { COMPANIES, CONTACTS } from '../domain/records/findOrCreate.js';
import { createServices } from '../domain/services.js';
import { InputError } from '../hubspot/errors.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import type { Logger } from '../logger.js';

/**
 * `hubspot-associations-mcp import pairs|associations FILE.csv`: the import tools' jobs for scripts.
 * Progress on stderr, the summary as JSON on stdout; exit 1 if any row failed (the report beside
 * the file lists every row), 2 for a file or flag the job cannot start with.
 */
export async function runImportCommand(config: Config, logger: Logger): Promise<number> {
  const job = config.import.job;
  if (!job) throw new Error('import command without a job'); // config builds one for `import`
  let path: string;
  let from: ReturnType<typeof resolveObjectType> | undefined;
  let to: ReturnType<typeof resolveObjectType> | undefined;
  try {
    // The shell user's own path (not confined to HUBSPOT_IMPORT_DIR), within the size limit.
    path = await checkFile(resolve(job.file), 'FILE', job.file);
    if (job.kind === 'associations') {
      from = resolveObjectType(job.from ?? '', '--from');
      to = resolveObjectType(job.to ?? '', '--to');
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const { hubspot, replicas, close } = await connectHubSpot(config, logger);
  // Journaled like the import tools, so `undo CHANGE_ID` takes the links back (a sandbox run's
  // portal is gone when the command ends: nothing to journal).
  const journal = config.sandbox
    ? undefined
    : (replicas?.journal ?? createFileJournal(stateDir(config.stateDir)));
  const collected = journal && !job.dryRun ? collectChanges() : undefined;
  const record = async () => {
    if (!journal || !collected) return undefined;
    const change =
      job.kind === 'pairs'
        ? collected.records(stored(CONTACTS), stored(COMPANIES))
        : collected.links(stored(from!), stored(to!));
    if (isEmptyChange(change)) return undefined;
    const entry = await journal.append({ tool: `import ${job.kind}`, change, client: 'cli' });
    process.stderr.write(`journaled as change ${entry.changeId} (undo: ${PROGRAM} undo ${entry.changeId})\n`);
    return entry.changeId;
  };
  const services = createServices(hubspot, {
    records: config.sandbox ? { settleMs: config.sandboxSearchLagMs + 1_000, pollMs: 250 } : {},
  });
  const tty = process.stderr.isTTY;
  let last = 0;
  const onProgress = ({ done, total, message }: { done: number; total: number; message: string }) => {
    if (done < total && Date.now() - last < 250) return;
    last = Date.now();
    const line = `${Math.floor(done)}/${total} rows: ${message}`;
    process.stderr.write(tty ? `\r${line}   ` : `${line}\n`);
  };
  try {
    const options = { dryRun: job.dryRun, onProgress, ...(collected ? { journal: collected } : {}) };
    const summary =
      job.kind === 'pairs'
        ? await runPairImport(services, { path }, { ...options, label: job.label })
        : await runEdgeImport(services, from!, to!, { path }, options);
    if (tty) process.stderr.write('\n');
    const changeId = await record();
    const out = { file: job.file, dryRun: job.dryRun, ...summary, ...(changeId ? { changeId } : {}) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return (summary.counts.failed ?? 0) > 0 ? 1 : 0;
  } catch (error) {
    if (tty) process.stderr.write('\n');
    await record(); // what was done before the stop can still be undone
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`${logger.redact(error.message)}\n`);
    return 2;
  } finally {
    await close();
  }
}
