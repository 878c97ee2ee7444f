/**
 * MCP_HTTP_AUTH=oauth's seam in the composition root (ARCHITECTURE.md "Hosted for a team"): the
 * credential arrives with each request, so instead of one client and one set of services per
 * process there is
 * - per portal (hub id): one HubSpot budget (HubSpot's limits are per app and installing account)
 *   and one change journal;
 * - per grant (one person through one client): a HubSpot client on that person's token (refreshed
 *   by the broker) over the portal's budget, and the domain services on it — its own label cache,
 *   writer and find-or-create memory, so no batch ever mixes two people's writes — with the
 *   journal seen through the person's actor, and the person's jobs (with REDIS_URL in a Redis store
 *   of their own, so any replica answers get_job / cancel_job for them and nobody else's do).
 * Both live in maps built here (no module state); the per-grant map is bounded, oldest out.
 */
import type { JobStore } from './domain/jobs/types.js';
import { actorJournal } from './domain/journal/actor.js';
import type { JournalStore } from './domain/journal/store.js';
import { createServices, type Services, type ServicesOptions } from './domain/services.js';
import { createHubSpot } from './hubspot/index.js';
import { createLimiter, type Limiter } from './hubspot/throttle.js';

export interface Person {
  grantId: string;
  hubId: number;
  /** hubId:userId:clientId. */
  owner: string;
}

export interface TeamOptions {
  baseUrl: string;
  apiVersion?: Parameters<typeof createHubSpot>[0]['apiVersion'];
  rateLimit: number;
  windowMs: number;
  /** The person's live HubSpot token, and the 401 signal (src/auth/grants.ts). */
  token(grantId: string): Promise<string>;
  invalidate(grantId: string, token: string): void;
  /** The portal's budget (default: local to this process; with REDIS_URL shared by the replicas). */
  budgetFor?(hubId: number): Limiter;
  /** The portal's journal (a file, or Redis keyed by app and portal). */
  journalFor(hubId: number): JournalStore;
  /**
   * The person's jobs (default: this process's memory). Keyed by the person, not the portal: a job
   * belongs to whoever started it, and another person's get_job / cancel_job must not find it.
   */
  jobsFor?(person: Person): JobStore;
  services?: Omit<ServicesOptions, 'journal'>;
  /** Grants whose services are kept at once (default 500). */
  maxPeople?: number;
}

export interface Team {
  servicesFor(person: Person): Services;
  /** Stops every person's long calls and jobs at their next batch boundary (a shutdown). */
  stopJobs(reason: string): Promise<void>;
  close(): Promise<void>;
}

export function createTeam(options: TeamOptions): Team {
  const portals = new Map<number, { budget: Limiter; journal: JournalStore }>();
  const people = new Map<string, Services>();
  const portal = (hubId: number) => {
    let found = portals.get(hubId);
    if (!found) {
      found = {
        budget:
          options.budgetFor?.(hubId) ??
          createLimiter({ perWindow: options.rateLimit, windowMs: options.windowMs }),
        journal: options.journalFor(hubId),
      };
      portals.set(hubId, found);
    }
    return found;
  };
  return {
    servicesFor(person) {
      const known = people.get(person.grantId);
      if (known) return known;
      const { budget, journal } = portal(person.hubId);
      let last = '';
      const hubspot = createHubSpot({
        baseUrl: options.baseUrl,
        token: {
          token: async () => {
            last = await options.token(person.grantId);
            return last;
          },
          invalidate: () => options.invalidate(person.grantId, last),
        },
        // Shared by the portal's people: closing one person's client must not stop it.
        budget: Object.assign(Object.create(budget) as Limiter, { stop: async () => {} }),
        ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
      });
      const services = createServices(hubspot, {
        ...options.services,
        journal: actorJournal(journal, person.owner),
        jobs: {
          ...options.services?.jobs,
          ...(options.jobsFor ? { store: options.jobsFor(person) } : {}),
        },
      });
      people.set(person.grantId, services);
      for (const [id, old] of people) {
        if (people.size <= (options.maxPeople ?? 500)) break;
        people.delete(id);
        void old.hubspot.close();
      }
      return services;
    },
    async stopJobs(reason) {
      await Promise.allSettled([...people.values()].map((s) => s.jobs.stopAll(reason)));
    },
    async close() {
      await this.stopJobs('the server is stopping');
      await Promise.allSettled([...people.values()].map((s) => s.hubspot.close()));
      await Promise.allSettled([...portals.values()].map((p) => p.budget.stop()));
    },
  };
}
