import { connectHubSpot, stateDir } from '../app.js';
import type { Config } from '../config.js';
import { describeChange } from '../domain/journal/changes.js';
import { createFileJournal } from '../domain/journal/fileJournal.js';
import { undoable, undoChange, undoSize } from '../domain/journal/undo.js';
import { createServices } from '../domain/services.js';
import type { Logger } from '../logger.js';

/**
 * The journal the server writes: Redis's with REDIS_URL (every replica's changes), else the file
 * in the state directory. Connecting makes no HubSpot call.
 */
async function openJournal(config: Config, logger: Logger) {
  if (!config.hubspot.redisUrl) {
    const journal = createFileJournal(stateDir(config.stateDir));
    return { journal, connection: undefined, close: async () => {} };
  }
  const connection = await connectHubSpot(config, logger);
  const journal = connection.replicas?.journal ?? createFileJournal(stateDir(config.stateDir));
  return { journal, connection, close: connection.close };
}

/** `changes`: the newest changes as JSON lines on stdout. */
export async function runChangesCommand(config: Config, logger: Logger): Promise<number> {
  const { journal, close } = await openJournal(config, logger);
  const page = await journal.list({ limit: config.journal.limit }).finally(close);
  for (const e of page.entries) {
    const line = {
      changeId: e.changeId,
      at: e.at,
      tool: e.tool,
      client: e.client,
      summary: describeChange(e.change),
      ...undoable(e),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return 0;
}

/** `undo CHANGE_ID [--dry-run] [--confirm]`: the outcome as JSON on stdout; exit 1 if an item was not restored. */
export async function runUndoCommand(config: Config, logger: Logger): Promise<number> {
  const opened = await openJournal(config, logger);
  const { journal } = opened;
  const id = config.journal.changeId ?? '';
  const entry = await journal.get(id);
  if (!entry) {
    await opened.close();
    process.stderr.write(`no change ${id} in the journal: see hubspot-associations-mcp changes\n`);
    return 2;
  }
  const { dryRun, confirm } = config.journal;
  const size = undoSize(entry.change);
  if (!dryRun && !confirm && !entry.undoneBy && size > config.confirmThreshold) {
    process.stderr.write(
      `undoing ${id} touches ${size} items (above ${config.confirmThreshold}): run with --dry-run, then --confirm\n`,
    );
    await opened.close();
    return 2;
  }
  const { hubspot, close } = opened.connection ?? (await connectHubSpot(config, logger));
  try {
    const outcome = await undoChange({ ...createServices(hubspot, { journal }), journal }, entry, {
      dryRun,
      tool: 'undo (shell)',
    });
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    return outcome.items.some((i) => i.status === 'conflict' || i.status === 'failed') ? 1 : 0;
  } finally {
    await close();
  }
}
