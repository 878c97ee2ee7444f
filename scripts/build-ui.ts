// Builds the MCP App view (src/ui/) into one self-contained HTML file, dist/ui/association-graph.html:
// the script and the stylesheet inline, nothing fetched (the host's CSP allows no network). esbuild
// rather than vite: vite 8 needs Node 20.19 while `engines` (and `prepare`, which builds on install)
// say 20.18.1. `npm run build` runs it; the bench builds its empty view with the same function.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = new URL('../', import.meta.url);
export const VIEW_FILE = fileURLToPath(new URL('dist/ui/association-graph.html', ROOT));
/** The contract (docs/DESIGN.md, MCP App): the view stays within this. */
export const MAX_VIEW_BYTES = 400 * 1024;

/**
 * zod's classic API re-exports every locale as one namespace (`z.locales`), which a bundler cannot
 * tree-shake through ext-apps' `import * as z`; nothing in the view reads it (errors stay English),
 * so it is left out: about 200 KB of 500.
 */
const withoutZodLocales: Plugin = {
  name: 'without-zod-locales',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** One HTML document: `entry` bundled and minified as an inline module script, `css` inline. */
export async function bundleView(entry: string, options: { title: string; css?: string }): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'safari16', 'firefox115'],
    write: false,
    plugins: [withoutZodLocales],
    // The host's CSP forbids eval. ext-apps turns zod's JIT off in App's constructor, but zod
    // probes for eval (new Function) when a schema is built, at import time, which the CSP reports
    // as a violation: zod reads this global config first, so the probe never runs.
    banner: { js: 'globalThis.__zod_globalConfig={jitless:true};' },
    logLevel: 'warning',
  });
  // An inline script ends at the first "</script", wherever it stands.
  const js = (result.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
  const css = options.css ? await readFile(options.css, 'utf8') : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${options.title}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    '<div id="app"></div>',
    `<script type="module">${js}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const html = await bundleView(fileURLToPath(new URL('src/ui/main.ts', ROOT)), {
    title: 'Association graph',
    css: fileURLToPath(new URL('src/ui/style.css', ROOT)),
  });
  const size = Buffer.byteLength(html);
  if (size > MAX_VIEW_BYTES) {
    process.stderr.write(`build-ui: the view is ${size} bytes, over ${MAX_VIEW_BYTES}\n`);
    process.exit(1);
  }
  await mkdir(dirname(VIEW_FILE), { recursive: true });
  await writeFile(VIEW_FILE, html);
}
