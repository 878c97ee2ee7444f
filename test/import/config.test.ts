import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('the import command and HUBSPOT_IMPORT_DIR in the config', () => {
  it('reads the job from the words after import, and the import directory from the environment', () => {
    const config = loadConfig(
      ['import', 'pairs', 'people.csv', '--label', 'Primary', '--dry-run', '--sandbox'],
      {
        HUBSPOT_IMPORT_DIR: '/data/in',
      },
    );
    expect(config.command).toBe('import');
    expect(config.import).toEqual({
      dir: '/data/in',
      job: { kind: 'pairs', file: 'people.csv', label: 'Primary', dryRun: true },
    });
    const edges = loadConfig(
      ['import', 'associations', 'e.csv', '--from', 'contacts', '--to', 'deals', '--sandbox'],
      {},
    );
    expect(edges.import).toEqual({
      dir: './import',
      job: { kind: 'associations', file: 'e.csv', from: 'contacts', to: 'deals', dryRun: false },
    });
    expect(loadConfig(['--sandbox'], {}).import).toEqual({ dir: './import' });
  });

  it('refuses a job it cannot start, naming what is missing', () => {
    const bad = (argv: string[]) => () => loadConfig(argv, {});
    expect(bad(['import', '--sandbox'])).toThrow(/say what to import/);
    expect(bad(['import', 'people', 'x.csv', '--sandbox'])).toThrow(/unknown import 'people'/);
    expect(bad(['import', 'pairs', '--sandbox'])).toThrow(/needs a CSV file/);
    expect(bad(['import', 'pairs', 'a.csv', 'b.csv', '--sandbox'])).toThrow(/one file at a time/);
    expect(bad(['import', 'associations', 'e.csv', '--from', 'contacts', '--sandbox'])).toThrow(
      /--from and --to/,
    );
    expect(bad(['import', 'pairs', 'a.csv', '--from', 'contacts', '--sandbox'])).toThrow(
      /for import associations/,
    );
    expect(bad(['import', 'pairs', 'a.csv', '--out', 'x', '--sandbox'])).toThrow(/unknown option --out/);
    expect(bad(['import', 'pairs', 'a.csv'])).toThrow(/HUBSPOT_ACCESS_TOKEN/);
  });
});
