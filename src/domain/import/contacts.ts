import type { HubSpot } from '../../hubspot/index.js';
import type { CrmObject } from '../../hubspot/types.js';
import { failure } from '../associations/outcome.js';
import { BATCH, chunk } from '../batching/chunks.js';
import { CONTACTS, isAmbiguous } from '../records/findOrCreate.js';
import { byTrace, inputFailure, RERUN, type Resolution } from './batch.js';
import type { RowFailure } from './rows.js';

const emailOf = (o: CrmObject) => (o.properties.email ?? '').toLowerCase();

/** Batch reads by e-mail (idProperty), 100 a request: not the search index, so no lag. */
async function readByEmail(hubspot: Pick<HubSpot, 'objects'>, emails: string[]) {
  const found = new Map<string, string>();
  const failed = new Map<string, RowFailure>();
  await Promise.all(
    chunk(emails, BATCH.objects).map(async (part) => {
      try {
        const outcome = await hubspot.objects.batchRead(CONTACTS, part, ['email'], 'email');
        for (const o of outcome.results) found.set(emailOf(o), o.id);
      } catch (error) {
        for (const email of part)
          failed.set(email, { error: `could not look the contact up: ${failure(error)}`, fix: RERUN });
      }
    }),
  );
  return { found, failed };
}

/**
 * Finds each contact by e-mail and creates the missing ones (batch create, 100 a request). A
 * contact create may be repeated: HubSpot answers a duplicate e-mail with 409 "Existing ID", taken
 * as found. A create whose answer is lost is settled by reading the e-mails again.
 */
export async function resolveContacts(
  hubspot: Pick<HubSpot, 'objects'>,
  wanted: Map<string, Record<string, string>>,
  step: (done: number, of: number) => void = () => {},
  dryRun = false,
): Promise<Map<string, Resolution>> {
  const out = new Map<string, Resolution>();
  const emails = [...wanted.keys()];
  const reads = Math.ceil(emails.length / BATCH.objects);
  const first = await readByEmail(hubspot, emails);
  for (const [email, f] of first.failed) out.set(email, f);
  for (const [email, id] of first.found) if (wanted.has(email)) out.set(email, { id, status: 'found' });
  const missing = emails.filter((e) => !out.has(e));
  if (dryRun) {
    for (const email of missing) out.set(email, { id: '', status: 'new' });
    return out;
  }
  const of = reads + Math.ceil(missing.length / BATCH.objects);
  let done = reads;
  step(done, of);
  const unsure: string[] = [];
  await Promise.all(
    chunk(missing, BATCH.objects).map(async (part) => {
      const inputs = part.map((email, i) => ({
        traceId: String(i),
        properties: wanted.get(email) ?? { email },
      }));
      try {
        const outcome = await hubspot.objects.batchCreate(CONTACTS, inputs, { idempotent: true });
        const answers = byTrace(outcome, part, emailOf);
        part.forEach((email, i) => {
          const a = answers.get(String(i));
          if (!a) unsure.push(email);
          else if ('properties' in a) out.set(email, { id: a.id, status: 'created' });
          else {
            const existing = /Existing ID:\s*(\d+)/.exec(a.message)?.[1];
            out.set(email, existing ? { id: existing, status: 'found' } : inputFailure(a));
          }
        });
      } catch (error) {
        if (isAmbiguous(error)) unsure.push(...part);
        else for (const email of part) out.set(email, { error: failure(error), fix: RERUN });
      }
      step(++done, of);
    }),
  );
  if (unsure.length > 0) {
    // Committed but unanswered, or never made: the portal says which.
    const again = await readByEmail(hubspot, unsure);
    for (const email of unsure) {
      const id = again.found.get(email);
      out.set(
        email,
        id
          ? { id, status: 'created' }
          : (again.failed.get(email) ?? { error: 'HubSpot did not create the contact', fix: RERUN }),
      );
    }
  }
  return out;
}
