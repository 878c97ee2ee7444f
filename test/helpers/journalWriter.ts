// A process that records changes in a file journal until it is killed, printing each change id once
// its append has resolved (for the crash test in test/journal/compaction.test.ts). Run with tsx:
//   node --import tsx test/helpers/journalWriter.ts DIR MAX_ENTRIES PAIRS_PER_CHANGE

import type { Change } from '../../src/domain/journal/changes.js';
import { createFileJournal } from '../../src/domain/journal/fileJournal.js';

const [dir, maxEntries, pairs] = process.argv.slice(2);
const journal = createFileJournal(dir!, { maxEntries: Number(maxEntries) });
const change = (n: number): Change => ({
  kind: 'associate',
  from: { id: '0-1', name: 'contacts' },
  to: { id: '0-2', name: 'companies' },
  pairs: Array.from({ length: Number(pairs) }, (_, i) => ({
    fromId: String(n * 100_000 + i),
    toId: '1',
    types: [{ category: 'HUBSPOT_DEFINED' as const, typeId: 279, label: null }],
  })),
});
for (let n = 0; ; n++) {
  const { changeId } = await journal.append({ tool: 'associate_records', change: change(n) });
  process.stdout.write(`${changeId}\n`);
}
