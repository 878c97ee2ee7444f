/** startSandbox: builds a fresh portal and serves it on 127.0.0.1 (no state shared between instances). */
import type { AddressInfo } from 'node:net';
import { createFaults } from './faults.js';
import { DEFAULT_LABEL_LIMIT } from './labels.js';
import { createOAuth } from './oauth.js';
import { createUserOAuth } from './oauthUsers.js';
import type { Sandbox, SandboxOptions } from './options.js';
import { createPortal, createPortalState } from './portal.js';
import { createRateLimiter } from './rateLimit.js';
import { createRequestLog } from './requestLog.js';
import { createRouter } from './router.js';
import { allRoutes } from './routes/index.js';
import { oauthAuthorizeRoutes } from './routes/oauthAuthorize.js';
import { tokenRoutes } from './routes/oauthToken.js';
import { oauthToken2026Routes } from './routes/oauthToken2026.js';
import { seedPortal } from './seed.js';
import { createSandboxServer } from './server.js';

function positive(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`sandbox option ${name} must be a positive integer, got ${value}`);
  return n;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const token = options.token ?? 'sandbox-token';
  if (token.trim() === '') throw new RangeError('sandbox option token must not be empty');
  const oauth = createOAuth(options.oauth);
  const limiter = createRateLimiter({
    max: positive('rateLimit', options.rateLimit, 100),
    windowMs: positive('windowMs', options.windowMs, 10_000),
    searchPerSecond: positive('searchPerSecond', options.searchPerSecond, 5),
    ...(options.dailyLimit === undefined
      ? {}
      : { dailyLimit: positive('dailyLimit', options.dailyLimit, 1) }),
  });
  const state = createPortalState({
    limiter,
    batchReadPageSize: positive('batchReadPageSize', options.batchReadPageSize, 500),
    labelLimit: positive('labelLimit', options.labelLimit, DEFAULT_LABEL_LIMIT),
  });
  if (options.seed !== false) seedPortal(state);
  // After seeding: the demo records are already indexed when the portal opens.
  state.search.setLag(options.searchLagMs ?? 0);

  const log = createRequestLog();
  const faults = createFaults(options.faultSeed);
  const users = createUserOAuth(options.users ?? [], options.app);
  const router = createRouter([
    ...allRoutes(state),
    ...tokenRoutes(oauth.routes, oauthToken2026Routes(users), users, options.oauth?.clientId),
    ...oauthAuthorizeRoutes(users),
  ]);
  const server = createSandboxServer({
    router,
    state,
    log,
    faults,
    token,
    oauth,
    users,
    ...(options.scopes ? { scopes: new Set(options.scopes) } : {}),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    portal: createPortal(state),
    log,
    faults,
    users: users.users,
    revokeUser: (email) => users.revokeUser(email),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
