import { connectHubSpot } from '../app.js';
import type { Config } from '../config.js';
import { ExportError, exportCrmData } from '../domain/export/crmData.js';
import { resolveObjectType } from '../hubspot/objectTypes.js';
import type { Logger } from '../logger.js';

/** `hubspot-associations-mcp export`: progress on stderr, the summary as JSON on stdout. Returns the exit code. */
export async function runExportCommand(config: Config, logger: Logger): Promise<number> {
  const { objects, associations, out, properties, max } = config.export;
  const request = {
    objectTypes: objects.map((o) => resolveObjectType(o, '--objects')),
    associations: associations.map((a) => ({
      from: resolveObjectType(a.from, '--associations'),
      to: resolveObjectType(a.to, '--associations'),
    })),
    properties,
    maxRecords: max,
    directory: out,
  };
  const { hubspot, close } = await connectHubSpot(config, logger);
  const tty = process.stderr.isTTY;
  let last = 0;
  const onProgress = ({ rows, file }: { rows: number; file: string }) => {
    if (Date.now() - last < 250) return;
    last = Date.now();
    process.stderr.write(tty ? `\r${rows} rows written (${file})   ` : `${rows} rows written (${file})\n`);
  };
  try {
    const summary = await exportCrmData(hubspot, { ...request, onProgress });
    if (tty) process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (tty) process.stderr.write('\n');
    if (!(error instanceof ExportError)) throw error;
    if (error.unexpected) logger.error('export crashed', { error: error.cause });
    process.stderr.write(`${logger.redact(error.message)}\n`);
    process.stdout.write(`${JSON.stringify(error.summary, null, 2)}\n`);
    return 1;
  } finally {
    await close();
  }
}
