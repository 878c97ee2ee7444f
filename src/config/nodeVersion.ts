// Runs before anything else in the CLI, possibly on an old Node: no imports, plain ES2015 only.

/** package.json `engines.node` is `>=` this; a test keeps the two equal. undici 7 needs it (File). */
export const REQUIRED_NODE = '20.18.1';

function parts(version: string): number[] {
  const core = version.replace(/^v/, '').split(/[-+]/)[0] || '';
  return core.split('.').map((part) => {
    const n = parseInt(part, 10);
    return Number.isNaN(n) ? 0 : n;
  });
}

/**
 * undefined when `current` (e.g. process.versions.node) is at least `required`; else one line
 * naming both, for stderr.
 */
export function checkNodeVersion(current: string, required: string): string | undefined {
  const have = parts(current);
  const need = parts(required);
  for (let i = 0; i < 3; i++) {
    const a = have[i] || 0;
    const b = need[i] || 0;
    if (a > b) return undefined;
    if (a < b) {
      return `needs Node.js ${required} or newer, but this is Node.js ${current.replace(/^v/, '')}: install a current Node.js LTS`;
    }
  }
  return undefined;
}
