/**
 * `npm run cluster:demo`: Redis, the sandbox portal and three `--http --stateless` replicas on
 * loopback, as behind a load balancer; six agents (MCP SDK clients over HTTP) spread over the
 * replicas, and the requests HubSpot (the sandbox) received per window, against the budget.
 * Needs Debian's redis-server (apt-get install -y redis-server) and a build (npm run build).
 */
import { startSandbox } from 'hubspot-sandbox';
import { startRedis } from '../test/helpers/redis.js';
import { startReplica } from '../test/helpers/replica.js';

const BUDGET = 30;
const WINDOW_MS = 2_000; // shortened from HubSpot's 10 s so the demo takes seconds
const CALLS = 240;
const say = (line: string) => process.stdout.write(`${line}\n`);

const redis = await startRedis();
const sandbox = await startSandbox({ seed: true, rateLimit: BUDGET, windowMs: WINDOW_MS });
say(
  `redis-server ${redis.url}; sandbox portal ${sandbox.url} (${BUDGET} requests per ${WINDOW_MS} ms, 429 beyond)`,
);
const env = {
  HUBSPOT_API_BASE_URL: sandbox.url,
  HUBSPOT_ACCESS_TOKEN: sandbox.token,
  HUBSPOT_RATE_LIMIT: String(BUDGET),
  HUBSPOT_RATE_WINDOW_MS: String(WINDOW_MS),
  REDIS_URL: redis.url,
  LOG_LEVEL: 'info',
};
const replicas = await Promise.all([0, 1, 2].map(() => startReplica(env)));
try {
  for (const r of replicas)
    say(`replica ${r.url}  (readyz: ${JSON.stringify(await (await fetch(`${r.origin}/readyz`)).json())})`);
  const ids = sandbox.portal.findObjects('contacts').map((c) => c.id);
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async (_, agent) => {
      // Stateless: each agent's requests may go to any replica; here they take turns.
      const clients = await Promise.all(replicas.map((r) => r.client(`agent-${agent}`)));
      for (let call = 0; next < CALLS; call++) {
        const i = next++;
        await clients[(agent + call) % clients.length]!.callTool({
          name: 'list_associations',
          arguments: { objectType: 'contacts', objectIds: [ids[i % ids.length]!], toObjectType: 'companies' },
        });
      }
    }),
  );
  const ms = Date.now() - started;
  say(`\n${CALLS} tool calls through 3 replicas in ${(ms / 1000).toFixed(1)} s; HubSpot saw per window:`);
  const times = sandbox.log.entries.filter((e) => e.status !== 429).map((e) => e.at);
  for (let t = started; t < started + ms; t += WINDOW_MS) {
    const n = times.filter((at) => at >= t && at < t + WINDOW_MS).length;
    say(`  ${String((t - started) / 1000).padStart(4)} s  ${'#'.repeat(n).padEnd(BUDGET)} ${n}/${BUDGET}`);
  }
  say(
    `429 answers: ${sandbox.log.rateLimited()} (without REDIS_URL each replica would spend the whole budget)`,
  );
} finally {
  await Promise.all(replicas.map((r) => r.kill()));
  await sandbox.close();
  await redis.stop();
}
