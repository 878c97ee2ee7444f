// Bundles the CLI entry (dist/cli.js) with its dependencies into a few ESM chunks beside it.
// One file set instead of hundreds of node_modules files roughly halves the cold start to the
// first tools/list answer; command modules stay separate chunks, loaded only when used.
// The sandbox (`hubspot-sandbox`) is bundled from its source through tsconfig.json `paths`, so
// dist/cli.js needs no node_modules/hubspot-sandbox.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  sourcemap: true,
  // Chunks sit beside cli.js so `../package.json` (version.ts) resolves the same from every file.
  chunkNames: 'cli-chunk-[hash]',
  // Bundled CommonJS dependencies (express) call require(): give them Node's.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // Loaded lazily on the first HubSpot request, from node_modules (its CommonJS named exports stay intact).
  external: ['undici'],
  logLevel: 'warning',
});
