// Benchmark of the Organizations walk (a script, never a test: it prints figures and never
// passes or fails on time). Seeds an organization of N member accounts into moto WITHOUT the
// AWS managed IAM policies, then walks it through the fault proxy the way discovery does
// (credential chain + client factory), against a baseline measured in the same run: a plain
// ListAccounts pagination of the same organization with the same client.
//
//   node -r @swc-node/register tests/bench/discovery-organizations.bench.ts            # 1000 accounts
//   node -r @swc-node/register tests/bench/discovery-organizations.bench.ts --smoke    # 30, for CI
//   ... --accounts 5000 --rounds 3 --concurrency 8 --policies
//   ... --throttle 0.05 [--retry-mode standard]   # 5% of Organizations calls refused (HTTP 400)
//
// moto: PALISADE_MOTO_URL when set (it must run without managed policies, as the default
// `moto` instance of scripts/deps does), else a `moto-bench` instance started here and
// stopped at the end (a 1,000-account organization is a lot of state for a shared server).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { paginateListAccounts } from '@aws-sdk/client-organizations';
import { walkOrganization, type OrganizationInventory } from '@palisade/discovery';
import {
  type AwsProxy,
  generatedOrganizationSpec,
  managementClient,
  seedOrganization,
  startAwsProxy,
} from '@palisade/testing';

const ROOT = resolve(__dirname, '../..');
const MOTO_SCRIPT = resolve(ROOT, 'scripts/deps/moto.sh');
const BENCH_MOTO = 'moto-bench';

interface Args {
  accounts: number;
  rounds: number;
  concurrency: number;
  seedConcurrency: number;
  policies: boolean;
  throttle: number;
  retryMode: 'adaptive' | 'standard';
}

function parse(): Args {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      concurrency: { type: 'string', default: '4' },
      'seed-concurrency': { type: 'string', default: '8' },
      policies: { type: 'boolean', default: false },
      throttle: { type: 'string', default: '0' },
      'retry-mode': { type: 'string', default: 'adaptive' },
    },
  });
  const accounts = Number(values.accounts ?? (values.smoke ? 30 : 1000));
  return {
    accounts,
    rounds: Number(values.rounds ?? (values.smoke ? 1 : 3)),
    concurrency: Number(values.concurrency),
    seedConcurrency: Number(values['seed-concurrency']),
    policies: values.policies ?? false,
    throttle: Number(values.throttle),
    retryMode: values['retry-mode'] === 'standard' ? 'standard' : 'adaptive',
  };
}

/** moto's URL, and how to stop it if this run started it. */
function moto(): { url: string; stop: () => void } {
  const given = process.env.PALISADE_MOTO_URL;
  if (given) return { url: given, stop: () => undefined };
  const env = { ...process.env, MOTO_NAME: BENCH_MOTO, MOTO_IAM_LOAD_MANAGED_POLICIES: '' };
  let running = true;
  try {
    execFileSync('bash', [MOTO_SCRIPT, 'status'], { env, stdio: 'ignore' });
  } catch {
    running = false;
  }
  execFileSync('bash', [MOTO_SCRIPT, 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const line = execFileSync('bash', [MOTO_SCRIPT, 'env'], { env }).toString().trim();
  const url = line.slice(line.indexOf('=') + 1);
  const stop = () => {
    if (!running) execFileSync('bash', [MOTO_SCRIPT, 'stop'], { env, stdio: 'ignore' });
  };
  return { url, stop };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

function callsByOperation(proxy: AwsProxy): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of proxy.log) {
    if (e.service !== 'organizations') continue;
    const key = e.injected ? `${e.operation} [${e.injected}, ${e.status}]` : e.operation;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main(): Promise<void> {
  const args = parse();
  const server = moto();
  const opened: { close(): void }[] = [];
  let proxy: AwsProxy | undefined;
  try {
    console.log(
      `discovery-organizations bench: ${args.accounts} member accounts, moto ${server.url}, ` +
        `concurrency ${args.concurrency}, retry mode ${args.retryMode}, throttle ${args.throttle}`,
    );
    const seeding = await timed(() =>
      seedOrganization(server.url, generatedOrganizationSpec({ accounts: args.accounts }), {
        concurrency: args.seedConcurrency,
      }),
    );
    const org = seeding.value;
    opened.push(org);
    const ous = Object.keys(org.ouIds).length - 1;
    console.log(
      `seeding:   ${fmt(seeding.ms / 1000, 1)} s for ${args.accounts} accounts in ${ous} OUs ` +
        `(${fmt((args.accounts / seeding.ms) * 1000, 1)} accounts/s; CreateAccount + MoveAccount each)`,
    );

    proxy = await startAwsProxy({ upstream: server.url, seed: 1 });
    if (args.throttle > 0) {
      proxy.addRule({
        kind: 'orgsTooManyRequests',
        account: org.managementAccountId,
        probability: args.throttle,
      });
    }
    const { client, factory } = await managementClient(proxy.url, org.managementAccountId, {
      retryMode: args.retryMode,
    });
    opened.push({ close: () => factory.destroy() });

    const walkMs: number[] = [];
    const baseMs: number[] = [];
    let inventory: OrganizationInventory | undefined;
    let walkCalls: Record<string, number> = {};
    let baseCalls = 0;
    const rssBefore = process.resourceUsage().maxRSS;
    for (let round = 1; round <= args.rounds; round += 1) {
      proxy.clearLog();
      const base = await timed(async () => {
        let n = 0;
        for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) {
          n += page.Accounts?.length ?? 0;
        }
        return n;
      });
      baseCalls = proxy.log.filter((e) => e.service === 'organizations').length;
      baseMs.push(base.ms);
      proxy.clearLog();
      const walk = await timed(() =>
        walkOrganization(client, {
          concurrency: args.concurrency,
          includePolicies: args.policies,
        }),
      );
      walkMs.push(walk.ms);
      inventory = walk.value;
      walkCalls = callsByOperation(proxy);
      console.log(
        `round ${round}:   walk ${fmt(walk.ms)} ms (${inventory.accounts.length} accounts), ` +
          `ListAccounts baseline ${fmt(base.ms)} ms (${base.value} accounts)`,
      );
    }
    if (!inventory) return;
    const expected = args.accounts + 1;
    if (inventory.accounts.length !== expected) {
      console.error(`INCOMPLETE: walked ${inventory.accounts.length} accounts, seeded ${expected}`);
      process.exitCode = 1;
    }
    const w = median(walkMs);
    const b = median(baseMs);
    const usage = process.resourceUsage();
    console.log('---- figures (median of rounds) ----');
    console.log(
      `walk:                 ${fmt(w)} ms, ${fmt((inventory.accounts.length / w) * 1000, 1)} accounts/s`,
    );
    console.log(`baseline ListAccounts: ${fmt(b)} ms, ${baseCalls} calls`);
    console.log(
      `walk / baseline:      ${fmt(w / b, 2)}x time, ${fmt(inventory.calls / baseCalls, 1)}x calls`,
    );
    console.log(
      `walk calls (walker):  ${inventory.calls}; per operation at the proxy (last round):`,
    );
    for (const [op, n] of Object.entries(walkCalls).sort()) console.log(`  ${op.padEnd(44)} ${n}`);
    console.log(
      `units ${inventory.units.length}, accounts ${inventory.accounts.length} ` +
        `(${inventory.accounts.filter((a) => a.state !== 'ACTIVE').length} not ACTIVE), ` +
        `policies ${inventory.policies.length}, issues ${inventory.issues.length}`,
    );
    console.log(
      `peak RSS ${mb(usage.maxRSS)} (before walks ${mb(rssBefore)}), ` +
        `heap used now ${fmt(process.memoryUsage().heapUsed / 1048576)} MB`,
    );
  } finally {
    if (proxy) await proxy.close();
    opened.forEach((o) => o.close());
    server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
