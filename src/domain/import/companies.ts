import type { HubSpot } from '../../hubspot/index.js';
import { failure } from '../associations/outcome.js';
import { BATCH, chunk } from '../batching/chunks.js';
import type { RecordFinder } from '../records/finder.js';
import { COMPANIES, isAmbiguous } from '../records/findOrCreate.js';
import { byTrace, inputFailure, RERUN, type Resolution } from './batch.js';
import { companyKeyOf, type Key } from './rows.js';
import { IN_VALUES, resultKey, search, settle } from './search.js';

type Wanted = Map<string, { key: Key; properties: Record<string, string> }>;
type Deps = { hubspot: Pick<HubSpot, 'objects'>; records: RecordFinder };

/**
 * Finds each company by domain (else name) and creates the missing ones, 100 a request. A batch
 * create is never repeated blindly: when its outcome is ambiguous (reset, 5xx) search is
 * re-checked across the index lag, and only keys still missing after that are created again, once.
 */
export async function resolveCompanies(
  deps: Deps,
  wanted: Wanted,
  step: (done: number, of: number) => void = () => {},
  dryRun = false,
): Promise<Map<string, Resolution>> {
  const out = new Map<string, Resolution>();
  const all = [...wanted.values()].map((w) => w.key);
  const reads = Math.ceil(all.length / IN_VALUES);
  const { found, failed } = await search(deps.hubspot, all);
  for (const key of all) {
    const k = companyKeyOf(key);
    const why = failed.get(k);
    // Made by this process moments ago, before the index shows it (the pair tool's memory too).
    const id = found.get(k)?.[0] ?? deps.records.recall(COMPANIES, key);
    if (id) out.set(k, { id, status: 'found' });
    else if (why) out.set(k, { error: `could not look the company up: ${why}`, fix: RERUN });
  }
  let todo = all.filter((key) => !out.has(companyKeyOf(key)));
  if (dryRun) {
    for (const key of todo) out.set(companyKeyOf(key), { id: '', status: 'new' });
    return out;
  }
  const of = reads + Math.ceil(todo.length / BATCH.objects);
  let done = reads;
  step(done, of);
  for (let attempt = 1; todo.length > 0; attempt++) {
    const unsure: Key[] = [];
    await Promise.all(
      chunk(todo, BATCH.objects).map(async (part) => {
        const keys = part.map(companyKeyOf);
        const inputs = part.map((key, i) => ({
          traceId: String(i),
          properties: wanted.get(companyKeyOf(key))?.properties ?? { [key.propertyName]: key.value },
        }));
        try {
          const outcome = await deps.hubspot.objects.batchCreate(COMPANIES, inputs);
          const answers = byTrace(outcome, keys, resultKey);
          part.forEach((key, i) => {
            const a = answers.get(String(i));
            if (!a) unsure.push(key);
            else if ('properties' in a) out.set(companyKeyOf(key), { id: a.id, status: 'created' });
            else out.set(companyKeyOf(key), inputFailure(a));
          });
        } catch (error) {
          if (isAmbiguous(error)) unsure.push(...part);
          else for (const k of keys) out.set(k, { error: failure(error), fix: RERUN });
        }
        if (attempt === 1) step(++done, of);
      }),
    );
    const landed = unsure.length > 0 ? await settle(deps, unsure) : new Map<string, string>();
    for (const [k, id] of landed) out.set(k, { id, status: 'created' });
    todo = unsure.filter((key) => !landed.has(companyKeyOf(key)));
    if (attempt >= 2) {
      for (const key of todo)
        out.set(companyKeyOf(key), { error: 'HubSpot did not answer the company create', fix: RERUN });
      break;
    }
  }
  for (const key of all) {
    const r = out.get(companyKeyOf(key));
    if (r && 'id' in r && r.status === 'created') deps.records.remember(COMPANIES, key, r.id);
  }
  return out;
}
