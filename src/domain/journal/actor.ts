import type { ChangeEntry, ChangePage, JournalStore } from './store.js';

/**
 * One person's view of a portal's journal (MCP_HTTP_AUTH=oauth): what they record carries their
 * actor, and list/get/markUndone see only entries with it, so list_changes and undo_change never
 * show or revert another person's change. Listing reads the shared journal page by page until it
 * has a page of the person's own.
 */
export function actorJournal(store: JournalStore, actor: string): JournalStore {
  const mine = (e: ChangeEntry | undefined) => (e?.actor === actor ? e : undefined);
  return {
    append: (entry) => store.append({ ...entry, actor }),
    async list(options = {}): Promise<ChangePage> {
      const limit = Math.max(1, Math.min(options.limit ?? 20, 100));
      const entries: ChangeEntry[] = [];
      let cursor = options.cursor;
      for (;;) {
        const page = await store.list({ limit: 100, ...(cursor ? { cursor } : {}) });
        for (const e of page.entries) {
          if (e.actor !== actor) continue;
          entries.push(e);
          if (entries.length === limit) return { entries, nextCursor: e.changeId };
        }
        if (!page.nextCursor) return { entries };
        cursor = page.nextCursor;
      }
    },
    get: async (id) => mine(await store.get(id)),
    async markUndone(id, by) {
      if (mine(await store.get(id))) await store.markUndone(id, by);
    },
  };
}
