import type { HubSpot } from '../hubspot/index.js';
import { type AssociationWriter, createAssociationWriter } from './associations/writer.js';
import type { CoalescerOptions } from './batching/coalesce.js';
import { createJobs, type Jobs, type JobsOptions } from './jobs/jobs.js';
import { createMemoryJournal, type JournalStore } from './journal/store.js';
import { createLabelCatalog, type LabelCatalog } from './labels/catalogue.js';
import type { LabelListOptions } from './labels/lists.js';
import { createRecordFinder, type RecordFinder, type RecordFinderOptions } from './records/finder.js';

/**
 * The domain's shared services: one HubSpot budget, one label cache, one coalescing writer and one
 * find-or-create memory for every session of the process. Built in exactly one place per process
 * (src/app.ts; tests build theirs the same way) and handed to every server.
 */
export interface Services {
  hubspot: HubSpot;
  labels: LabelCatalog;
  /** Coalescing associate/remove writes. */
  associations: AssociationWriter;
  /** Single-flight find-or-create with a memory of recent and uncertain creations. */
  records: RecordFinder;
  /** Every write this server made, for list_changes and undo_change. */
  journal: JournalStore;
  /** Long calls as jobs: detached answers, get_job, cancel_job and MCP tasks. */
  jobs: Jobs;
}

export interface ServicesOptions {
  records?: RecordFinderOptions;
  /** Default: in memory (a file journal when the app has a state directory). */
  journal?: JournalStore;
  coalesce?: CoalescerOptions;
  /** How long a pair's label list is used before it is read again (default 60 s). */
  labels?: LabelListOptions;
  /** Default: in memory; with REDIS_URL the store every replica reads. */
  jobs?: Omit<JobsOptions, 'scope'>;
}

export function createServices(hubspot: HubSpot, options: ServicesOptions = {}): Services {
  return {
    hubspot,
    labels: createLabelCatalog(hubspot, options.labels),
    associations: createAssociationWriter(hubspot, options.coalesce),
    records: createRecordFinder(hubspot, options.records),
    journal: options.journal ?? createMemoryJournal(),
    // A job's HubSpot requests heed its signal: cancelled, it stops at the next batch boundary.
    jobs: createJobs({ ...options.jobs, scope: (signal, work) => hubspot.client.withSignal(signal, work) }),
  };
}
