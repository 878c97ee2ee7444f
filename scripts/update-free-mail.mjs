// Refreshes src/data/free-email-domains.json from the npm package free-email-domains (its
// domains.json), through `npm pack`, so the package's network postinstall never runs here.
// Usage: node scripts/update-free-mail.mjs [VERSION]   (default: latest)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const version = process.argv[2] ?? 'latest';
const dir = mkdtempSync(join(tmpdir(), 'free-mail-'));
try {
  const name = execFileSync('npm', ['pack', `free-email-domains@${version}`, '--silent'], { cwd: dir })
    .toString()
    .trim()
    .split('\n')
    .at(-1);
  execFileSync('tar', ['xzf', name, '-C', dir]);
  const meta = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8'));
  const raw = JSON.parse(readFileSync(join(dir, 'package', 'domains.json'), 'utf8'));
  const domains = [...new Set(raw.map((d) => String(d).trim().toLowerCase()).filter(Boolean))].sort();
  const source = `npm free-email-domains ${meta.version} (domains.json, MIT, Kiko Beats); refresh with node scripts/update-free-mail.mjs`;
  const out = new URL('../src/data/free-email-domains.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify({ source, domains })}\n`);
  process.stdout.write(`${domains.length} domains from free-email-domains ${meta.version}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
