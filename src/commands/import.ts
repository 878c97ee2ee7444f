import { resolve } from 'node:path';
import { connectHubSpot } from '../app.js';
import type { Config } from '../config.js';
import { checkFile } from '../domain/importFile.js';
import { runEdgeImport, runPairImport } from '../domain/importRun.js';
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
  const { hubspot, close } = await connectHubSpot(config, logger);
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
    const options = { dryRun: job.dryRun, onProgress };
    const summary =
      job.kind === 'pairs'
        ? await runPairImport(services, { path }, { ...options, label: job.label })
        : await runEdgeImport(services, from!, to!, { path }, options);
    if (tty) process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify({ file: job.file, dryRun: job.dryRun, ...summary }, null, 2)}\n`);
    return (summary.counts.failed ?? 0) > 0 ? 1 : 0;
  } catch (error) {
    if (tty) process.stderr.write('\n');
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`${logger.redact(error.message)}\n`);
    return 2;
  } finally {
    await close();
  }
}
