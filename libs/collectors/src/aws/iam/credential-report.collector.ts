// iam.credentialReport: asks IAM to generate the credential report (it reuses one younger than
// four hours), waits briefly for it, then reads and parses it.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { type CollectorContext, defineCollector } from '../../framework/collector';
import { parseCredentialReport } from './credential-report';
import { isoOf } from './iam-shared';

/** Generation polls: 250 ms doubling to 4 s between calls, about a minute in all. */
const GENERATE_ATTEMPTS = 20;
const FIRST_WAIT_MS = 250;
const MAX_WAIT_MS = 4_000;

async function generate(ctx: CollectorContext, iam: IAMClient): Promise<void> {
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    const { State } = await iam.send(new GenerateCredentialReportCommand({}));
    if (State === 'COMPLETE') return;
    if (attempt === GENERATE_ATTEMPTS) {
      throw new Error(
        `the IAM credential report was still ${State ?? 'not started'} after ${Math.round(waited / 1000)} s`,
      );
    }
    const wait = Math.min(FIRST_WAIT_MS * 2 ** (attempt - 1), MAX_WAIT_MS);
    await sleep(wait, undefined, { signal: ctx.signal });
    waited += wait;
  }
}

export const iamCredentialReportCollector = defineCollector({
  key: 'iam.credentialReport',
  scope: 'global',
  operations: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  async collect(ctx) {
    const iam = ctx.client(IAMClient, 'iam');
    await generate(ctx, iam);
    const report = await iam.send(new GetCredentialReportCommand({}));
    if (report.Content === undefined) throw new Error('the IAM credential report has no content');
    const csv = Buffer.from(report.Content).toString('utf8');
    return parseCredentialReport(csv, isoOf(report.GeneratedTime));
  },
});
