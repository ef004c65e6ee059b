// Whether Amazon Macie is enabled in the region. AWS answers GetMacieSession for an account
// without Macie with AccessDeniedException "Macie is not enabled." (a real denial says
// "not authorized" and stays an error); moto answers a disabled session with
// ResourceNotFoundException: the session does not exist. Both mean DISABLED.
import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { type MacieStatus } from '@palisade/checks';
import { awsErrorName } from '../../framework/aws-error';
import { defineCollector } from '../../framework/collector';

/** Whether an error of GetMacieSession means "Macie is not enabled here". */
export function meansMacieNotEnabled(err: unknown): boolean {
  const name = awsErrorName(err);
  if (name === 'ResourceNotFoundException') return true;
  const message = err instanceof Error ? err.message : '';
  return name === 'AccessDeniedException' && /macie is not enabled/i.test(message);
}

export const statusCollector = defineCollector({
  key: 'macie.status',
  scope: 'regional',
  operations: ['macie2:GetMacieSession'],
  async collect(ctx): Promise<MacieStatus> {
    const macie = ctx.client(Macie2Client, 'macie2');
    try {
      const out = await macie.send(new GetMacieSessionCommand({}));
      const status: MacieStatus = { status: out.status ?? 'UNKNOWN' };
      if (out.createdAt !== undefined) status.createdAt = out.createdAt.toISOString();
      if (out.updatedAt !== undefined) status.updatedAt = out.updatedAt.toISOString();
      if (out.findingPublishingFrequency !== undefined) {
        status.findingPublishingFrequency = out.findingPublishingFrequency;
      }
      return status;
    } catch (err) {
      if (meansMacieNotEnabled(err)) return { status: 'DISABLED' };
      throw err;
    }
  },
});
