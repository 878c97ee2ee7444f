// The sandbox portal in a process of its own (so a benchmark's RSS figures are the server's alone),
// seeded with the repair scenario and driven over IPC: rate, stats, reset, count, close.
import { startSandbox } from '../packages/hubspot-sandbox/dist/index.js';
import { seedRepairPortal } from './repairScenario.mjs';

const [contacts, companies, perWindow, windowMs, searchPerSecond] = process.argv.slice(2).map(Number);
const sandbox = await startSandbox({ seed: false, rateLimit: perWindow, windowMs, searchPerSecond });
seedRepairPortal(sandbox.portal, { contacts, companies });
sandbox.log.reset();
process.on('message', (m) => {
  if (m.op === 'rate') {
    sandbox.portal.setRateLimit(m.perWindow, m.windowMs);
    sandbox.log.reset();
    process.send({ ok: true });
  } else if (m.op === 'reset') {
    sandbox.log.reset();
    process.send({ ok: true });
  } else if (m.op === 'stats') {
    const byKind = {};
    for (const e of sandbox.log.entries) {
      const kind = /search/.test(e.path)
        ? 'search'
        : /batch\/read/.test(e.path)
          ? 'batchRead'
          : /batch\/(create|associate)/.test(e.path)
            ? 'write'
            : /\/labels/.test(e.path)
              ? 'labels'
              : /configurations/.test(e.path)
                ? 'limits'
                : 'list';
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    process.send({ requests: sandbox.log.entries.length, rateLimited: sandbox.log.rateLimited(), byKind });
  } else if (m.op === 'linked') {
    // Orphans of the scenario linked to a company now.
    const linked = sandbox.portal
      .findObjects('contacts')
      .filter(
        (c) =>
          /^o/.test(c.properties.email ?? '') &&
          sandbox.portal.associations('contacts', c.id, 'companies').length > 0,
      ).length;
    process.send({ linked });
  } else if (m.op === 'close') {
    sandbox.close().then(() => process.exit(0));
  }
});
process.send({ url: sandbox.url, token: sandbox.token });
