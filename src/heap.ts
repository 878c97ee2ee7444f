import { setFlagsFromString } from 'node:v8';

/**
 * Keeps the heap near what the process really holds. This server waits on HubSpot's rate limit
 * (100 requests per 10 s), not on the CPU, and runs for hours beside a desktop client; V8's
 * default lets the heap grow to ~4× the live objects before collecting, so a long import or export
 * peaked at 175 MB for 18 MB of live data. `--optimize-for-size` is read at each collection, so it
 * takes effect when set at run time: measured in `npm run bench -- import`, a 100,000-row import
 * peaks at the 10,000-row figure (~110 MB), at ~5 % more CPU. A choice made on node's command line
 * (`node --no-optimize-for-size dist/cli.js`; NODE_OPTIONS does not allow it) wins.
 */
export function keepHeapLean(): void {
  if (!process.execArgv.some((a) => a.includes('optimize-for-size')))
    setFlagsFromString('--optimize-for-size');
}
