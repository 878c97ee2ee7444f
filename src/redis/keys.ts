import { createHash } from 'node:crypto';

const PREFIX = 'hubspot-associations-mcp';

/**
 * Every key of one HubSpot app in one account (one credential against one API root), hash-tagged
 * (`{…}`) so a Redis Cluster keeps them on one node, where one script can touch them together.
 * The credential is hashed: no token reaches Redis.
 */
export function redisKeys(baseUrl: string, credential: string) {
  const scope = createHash('sha256').update(`${baseUrl}\n${credential}`).digest('hex').slice(0, 16);
  const at = `${PREFIX}:{${scope}}`;
  return {
    scope,
    budget: [`${at}:budget:general`, `${at}:budget:search`, `${at}:budget:meta`, `${at}:budget:daily`],
    journalIndex: `${at}:journal:index`,
    journalEntries: `${at}:journal:entries`,
    journalUndone: `${at}:journal:undone`,
    journalSeq: `${at}:journal:seq`,
    /** One hash per job (this prefix + its id), the ids by start and the finished ones by end. */
    job: `${at}:job:`,
    jobIndex: `${at}:jobs:index`,
    jobsFinished: `${at}:jobs:finished`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
