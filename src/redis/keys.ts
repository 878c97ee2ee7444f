import { createHash } from 'node:crypto';

const PREFIX = 'hubspot-associations-mcp';

/**
 * Every key of one HubSpot app in one account, hash-tagged (`{…}`) so a Redis Cluster keeps them on
 * one node, where one script can touch them together. Named by the credential alone: a private-app
 * token or service key names its app and portal whatever URL it reaches HubSpot through (one
 * egress proxy per zone shares one budget and one journal). The credential is hashed: no token
 * reaches Redis.
 */
export function redisKeys(credential: string) {
  const scope = createHash('sha256').update(credential).digest('hex').slice(0, 16);
  const at = `${PREFIX}:{${scope}}`;
  return {
    scope,
    budget: [`${at}:budget:general`, `${at}:budget:search`, `${at}:budget:meta`, `${at}:budget:daily`],
    journalIndex: `${at}:journal:index`,
    journalEntries: `${at}:journal:entries`,
    journalUndone: `${at}:journal:undone`,
    journalSeq: `${at}:journal:seq`,
    /** The entries' total size in bytes, kept by the append script. */
    journalBytes: `${at}:journal:bytes`,
    /** One hash per job (this prefix + its id), the ids by start and the finished ones by end. */
    job: `${at}:job:`,
    jobIndex: `${at}:jobs:index`,
    jobsFinished: `${at}:jobs:finished`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
