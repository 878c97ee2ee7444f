/**
 * `npm run demo`: a scripted agent session. Starts the real server over stdio against the embedded
 * sandbox portal, makes the tool calls an agent would, and prints each call and its result.
 * Exits 1 if any step does not do what it should.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

// biome-ignore lint/suspicious/noExplicitAny: the demo reads tool results field by field, like an agent
type Data = any;
const out = (line: string) => process.stdout.write(`${line}\n`);
const clip = (text: string, n = 400) => (text.length > n ? `${text.slice(0, n)}…` : text);

async function main(): Promise<number> {
  const exportDir = await mkdtemp(join(tmpdir(), 'hubspot-demo-'));
  const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, '--sandbox'],
    env: { ...process.env, HUBSPOT_EXPORT_DIR: exportDir, LOG_LEVEL: 'warning' } as Record<string, string>,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'demo-agent', version: '1.0.0' });
  await client.connect(transport);
  let failures = 0;

  const call = async (name: string, args: Record<string, unknown>, expectError = false): Promise<Data> => {
    out(`\n→ ${name} ${clip(JSON.stringify(args), 200)}`);
    const result = await client.callTool({ name, arguments: args });
    const summary = (result.content as Array<{ text?: string }>)[0]?.text ?? '';
    out(`← ${result.isError ? 'ERROR ' : ''}${clip(summary)}`);
    if (Boolean(result.isError) !== expectError) {
      failures++;
      out(`  ✗ expected ${expectError ? 'an error' : 'success'}`);
    }
    return (result.structuredContent ?? {}) as Data;
  };
  const check = (ok: boolean, what: string) => {
    out(`  ${ok ? '✓' : '✗'} ${what}`);
    if (!ok) failures++;
  };

  try {
    const { tools } = await client.listTools();
    out(
      `Connected to ${client.getServerVersion()?.name}: ${tools.length} tools. ${clip(client.getInstructions() ?? '', 120)}`,
    );

    const labels = await call('list_association_labels', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
    });
    check(
      labels.types?.some((t: Data) => t.typeId === 279),
      'contact→company unlabeled type 279 is there',
    );

    const pair = {
      contact: { email: 'grace@hopper.example', firstname: 'Grace', lastname: 'Hopper' },
      company: { name: 'Hopper Labs', domain: 'hopper.example' },
    };
    const first = await call('create_contact_company_pair', { ...pair, label: 'Primary' });
    const second = await call('create_contact_company_pair', pair);
    check(
      second.contact?.status === 'found' && second.company?.status === 'found',
      'second call found both, created nothing',
    );
    const contactId = first.contact?.id as string;
    const companyId = first.company?.id as string;

    const found = await call('find_records', { objectType: 'companies', query: 'example', limit: 3 });
    const companyIds = (found.results ?? [])
      .map((r: Data) => r.id as string)
      .filter((id: string) => id !== companyId);

    await call('create_association_label', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Advisor',
      inverseLabel: 'Advised company',
    });
    const pairs = companyIds.slice(0, 2).map((toId: string) => ({ fromId: contactId, toId }));
    const plan = await call('associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
      label: 'Advisor',
      dryRun: true,
    });
    check(Array.isArray(plan.plan) && plan.plan.length > 0, 'dry run returned a plan');
    const linked = await call('associate_records', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
      label: 'Advisor',
    });
    check(
      linked.counts?.associated === pairs.length,
      `${pairs.length} pairs associated with the Advisor label`,
    );

    const listed = await call('list_associations', {
      objectType: 'contacts',
      objectIds: [contactId],
      toObjectType: 'companies',
    });
    check(listed.total === pairs.length + 1, 'the contact now has its company plus the advised ones');

    await call('set_association_limit', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Advisor',
      maxToObjectIds: 5,
    });
    const limits = await call('get_association_limits', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
    });
    check(
      limits.limits?.some((l: Data) => l.maxToObjectIds === 5),
      'limit of 5 is configured',
    );
    await call('remove_association_limit', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      label: 'Advisor',
    });

    await call('remove_associations', {
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      pairs,
      label: 'Advisor',
    });
    await call(
      'associate_records',
      {
        fromObjectType: 'contacts',
        toObjectType: 'companies',
        pairs: [{ fromId: contactId, toId: companyId }],
        label: 'Boss',
      },
      true,
    );

    const exported = await call('export_crm_data', {
      objectTypes: ['contacts', 'companies'],
      associations: [{ from: 'contacts', to: 'companies' }],
    });
    check(
      exported.complete === true && exported.files?.length === 3,
      `export wrote ${exported.files?.length} files to ${exported.directory}`,
    );

    // Repairing the portal (the demo portal holds the usual mess): find it, plan, fix, undo.
    const pair2 = { fromObjectType: 'contacts', toObjectType: 'companies' };
    const audit = await call('audit_associations', { ...pair2, sampleSize: 3 });
    const f = audit.findings ?? {};
    check(
      f.orphans?.count > 0 && f.domainMatch?.count > 0 && f.duplicateDomains?.count === 1,
      `audit: ${f.orphans?.count} orphans (${f.domainMatch?.count} with one company of their domain, ${f.freeMail?.count} free-mail), ${f.noPrimary?.count} without a Primary, ${f.duplicateDomains?.count} domain shared by two companies, ${f.overLimit?.count} over a limit; every item in ${audit.file}`,
    );
    const dry = await call('repair_associations', { fix: 'link_by_domain', dryRun: true });
    check(
      dry.statuses?.planned === f.domainMatch?.count && dry.changeId === undefined,
      'the dry run plans one link per matching orphan and writes nothing',
    );
    const fixed = await call('repair_associations', { fix: 'link_by_domain' });
    check(
      fixed.statuses?.done === f.domainMatch?.count,
      `linked ${fixed.statuses?.done} orphans (change ${fixed.changeId})`,
    );
    const orphans = async () =>
      (await call('audit_associations', { ...pair2, checks: ['orphans'] })).findings?.orphans?.count;
    check((await orphans()) === f.orphans.count - f.domainMatch.count, 'the audit no longer finds them');
    await call('undo_change', { changeId: fixed.changeId });
    check((await orphans()) === f.orphans.count, 'undo_change put every link back as it was');
    const [keep, twin] = f.duplicateDomains?.sample?.[0]?.ids ?? [];
    const merge = { fix: 'move_associations', objectType: 'companies', fromRecordId: twin, toRecordId: keep };
    const moved = await call('repair_associations', merge);
    check(
      moved.statuses?.done > 0,
      `moved the duplicate company's ${moved.statuses?.done} links onto ${keep}`,
    );
    const back = await call('undo_change', { changeId: moved.changeId });
    check(back.problems?.length === 0, 'and undo_change moved them back');
  } finally {
    await client.close();
  }
  out(
    failures === 0
      ? '\nDemo finished: every step did what it should.'
      : `\nDemo finished with ${failures} failed step(s).`,
  );
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
