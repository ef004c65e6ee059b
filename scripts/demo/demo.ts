// The seeding half of `npm run demo` (scripts/demo/demo.sh runs it): seeds the demo organization
// into the demo's moto, prints what it seeded, and writes the management account's credentials
// to an env file (mode 0600) for the CLI. Credentials are never printed.
//   node -r @swc-node/register scripts/demo/demo.ts --endpoint URL --env-out FILE
// Imports the demo module alone, not all of @palisade/testing (Kafka, Postgres and browser
// helpers): the demo starts seconds sooner.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEMO_REGIONS,
  type DemoAccount,
  postureIssues,
  seedDemoOrganization,
} from '../../libs/testing/src/demo';

const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

function summary(a: DemoAccount): string {
  const issues = postureIssues(a.posture);
  const critical = a.inspectorFindings.filter((f) => f.severity === 'CRITICAL').length;
  const findings =
    a.inspectorFindings.length === 0
      ? []
      : [`Inspector2: ${a.inspectorFindings.length} findings (${critical} critical)`];
  const what = [issues.length === 0 ? 'hardened' : issues.join(', '), ...findings].join('; ');
  return `  ${a.name.padEnd(20)} ${a.accountId}  ${a.ouPath}\n${' '.repeat(24)}${what}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { endpoint: { type: 'string' }, 'env-out': { type: 'string' } },
    strict: true,
  });
  const endpoint = values.endpoint;
  const envFile = values['env-out'];
  if (endpoint === undefined || envFile === undefined) {
    throw new Error('usage: demo.ts --endpoint URL --env-out FILE');
  }
  const started = Date.now();
  const demo = await seedDemoOrganization(endpoint);
  demo.organization.close();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const accounts = Object.values(demo.accounts);
  process.stdout.write(
    `Seeded organization ${demo.organization.organizationId} (${accounts.length} accounts, ` +
      `regions ${DEMO_REGIONS.join(', ')}) in ${seconds}s:\n${accounts.map(summary).join('\n')}\n`,
  );
  const c = demo.organization.credentials;
  const env = {
    AWS_ACCESS_KEY_ID: c.accessKeyId,
    AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
    AWS_SESSION_TOKEN: c.sessionToken ?? '',
    PALISADE_DEMO_MANAGEMENT_ACCOUNT: demo.organization.managementAccountId,
  };
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `${k}=${shellQuote(v)}\n`)
      .join(''),
    { mode: 0o600 },
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    `demo: seeding failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
