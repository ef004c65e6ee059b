// Amazon Inspector2 findings for one account job, in each region where Inspector2 scans the
// account (the job's `inspector2.status` data says where), incremental from the job's watermark
// (full on first sync). Through the source's delegated administrator when one is named (the
// member's findings, filtered by account).
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import {
  type AwsClientFactory,
  type AwsSession,
  type AwsSessionFactory,
  classifyAwsError,
} from '@palisade/aws';
import { laterWatermark, pullInspectorFindings } from '@palisade/collectors';
import { type ErrorRecord, type RoleHop, type ScanJob } from '@palisade/contracts';
import { type InspectorPuller, type InspectorSummary } from './job-runner';

/** The member role's name in the delegated administrator account: same chain, other account. */
export function delegatedAdminChain(job: ScanJob, adminAccountId: string): RoleHop[] {
  return job.roleChain.map((hop, i) =>
    i === job.roleChain.length - 1
      ? { ...hop, roleArn: hop.roleArn.replace(/:iam::\d{12}:/, `:iam::${adminAccountId}:`) }
      : hop,
  );
}

/**
 * Incremental pulls start a little before the watermark: Inspector2 can make a finding visible
 * after later ones with an older `updatedAt`. Re-pulled findings are upserts downstream.
 */
export const WATERMARK_OVERLAP_MS = 5 * 60 * 1000;

function overlapped(watermark: string): string {
  return new Date(Date.parse(watermark) - WATERMARK_OVERLAP_MS).toISOString();
}

export class InspectorStep implements InspectorPuller {
  constructor(
    private readonly clients: AwsClientFactory,
    private readonly sessions: AwsSessionFactory,
  ) {}

  async pull(input: Parameters<InspectorPuller['pull']>[0]): Promise<InspectorSummary> {
    const { job, regions, signal, emit } = input;
    const errors: ErrorRecord[] = [];
    const admin = job.inspector.delegatedAdminAccountId;
    const viaDelegatedAdmin = admin !== undefined && admin !== job.accountId;
    let session: AwsSession = input.session;
    if (viaDelegatedAdmin) {
      try {
        session = await this.sessions.session({
          tenantId: job.tenantId,
          scanId: job.scanId,
          roleChain: delegatedAdminChain(job, admin),
          ...(job.sourceIdentity !== undefined ? { sourceIdentity: job.sourceIdentity } : {}),
        });
      } catch (err) {
        const c = classifyAwsError(err);
        return {
          status: 'ERROR',
          findings: 0,
          watermarks: {},
          errors: [
            {
              collector: 'inspector2',
              code: c.code,
              message: `Inspector2 delegated administrator ${admin}: ${c.message}`.slice(0, 2000),
            },
          ],
        };
      }
    }
    const watermarks: Record<string, string> = {};
    let findings = 0;
    for (const region of regions) {
      if (signal.aborted) break;
      const client = this.clients.createClient(Inspector2Client, {
        region,
        service: 'inspector2',
        session,
      });
      try {
        const previous = job.inspector.watermarks[region];
        const pulled = pullInspectorFindings(client, {
          accountId: job.accountId,
          // Filter by account whenever a delegated administrator exists: scanned as itself, the
          // administrator would otherwise list every member's findings.
          viaDelegatedAdmin: admin !== undefined,
          ...(previous !== undefined ? { watermark: overlapped(previous) } : {}),
        });
        for await (const page of pulled.pages) {
          if (signal.aborted) break;
          findings += page.length;
          await emit(page);
        }
        // The overlap may re-pull older findings: the watermark never moves back.
        const next = laterWatermark(previous, pulled.watermark());
        if (next !== undefined) watermarks[region] = next;
        for (const skipped of pulled.unmapped()) {
          errors.push({
            region,
            collector: 'inspector2',
            code: 'UNMAPPED_FINDING',
            message: skipped.slice(0, 2000),
          });
        }
      } catch (err) {
        const c = classifyAwsError(err);
        errors.push({
          region,
          collector: 'inspector2',
          code: c.code,
          message: c.message.slice(0, 2000),
        });
      } finally {
        client.destroy();
      }
    }
    return { status: errors.length > 0 ? 'ERROR' : 'ENABLED', findings, watermarks, errors };
  }
}
