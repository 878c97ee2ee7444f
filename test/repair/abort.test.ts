import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InterruptedChange } from '../../src/domain/journal/changes.js';
import { undoChange } from '../../src/domain/journal/undo.js';
import { runRepair } from '../../src/domain/repair/fixes.js';
import { createServices } from '../../src/domain/services.js';
import { createHubSpot, resolveObjectType } from '../../src/hubspot/index.js';
import { useSandbox } from '../helpers/sandbox.js';

/** What the long-jobs work will wire to cancel_job: an abort stops a repair at the next batch, journaled. */
describe('a repair stopped part-way (AbortSignal)', () => {
  const ctx = useSandbox({ sandbox: { seed: false, rateLimit: 10_000 } });

  it('stops at the next round of 2,000, and what it wrote is one undoable change', async () => {
    const p = ctx.sandbox.portal;
    const company = p.createObject('companies', { name: 'Acme', domain: 'acme.example' }).id;
    p.createObjects('contacts', 4_500, (i) => ({ email: `p${i}@acme.example` }));
    const hubspot = createHubSpot({ baseUrl: ctx.sandbox.url, token: ctx.sandbox.token, rateLimit: 10_000 });
    const services = createServices(hubspot);
    const dir = await mkdtemp(join(tmpdir(), 'hsmcp-abort-'));
    const stop = new AbortController();
    const seen: number[] = [];
    try {
      const error = await runRepair(services, {
        fix: 'link_by_domain',
        type: resolveObjectType('contacts'),
        maxItems: 100_000,
        dryRun: false,
        directory: dir,
        signal: stop.signal,
        onProgress(done, total) {
          seen.push(done);
          // The plan scanned 4,501 records; the first write round ends at 4,501 + 2,000.
          if (done > 4_501) stop.abort(new Error('cancelled by the user'));
          expect(done).toBeLessThanOrEqual(total);
        },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InterruptedChange);
      const interrupted = error as InterruptedChange;
      expect((interrupted.error as Error).message).toBe('cancelled by the user');
      const change = interrupted.change as { kind: string; pairs: unknown[] };
      expect(change.kind).toBe('associate');
      expect(change.pairs).toHaveLength(2_000);
      const linked = () => p.associations('companies', company, 'contacts').length;
      expect(linked()).toBe(2_000);
      const entry = await services.journal.append({
        tool: 'repair_associations',
        change: interrupted.change,
      });
      const undone = await undoChange(services, entry, { dryRun: false, tool: 'undo_change' });
      expect(undone.items.filter((i) => i.status === 'restored')).toHaveLength(2_000);
      expect(linked()).toBe(0);
    } finally {
      await hubspot.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
