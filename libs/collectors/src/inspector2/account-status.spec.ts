// inspectorAccountStatus over recorded BatchGetAccountStatus answers (Inspector2 API reference).
import { AwsAccessError } from '@palisade/aws';
import { inspectorAccountStatus } from './account-status';
import { type WireRequest, inspectorAnswering } from './test/recorded-inspector';

function account(id: string, ec2: string, ecr: string, lambda: string, state = 'ENABLED') {
  const s = (status: string) => ({ status });
  return {
    accountId: id,
    resourceState: { ec2: s(ec2), ecr: s(ecr), lambda: s(lambda), lambdaCode: s('DISABLED') },
    state: s(state),
  };
}

describe('inspectorAccountStatus (recorded BatchGetAccountStatus answers)', () => {
  it('should be ENABLED when any of EC2, ECR or Lambda scanning is, else NOT_ENABLED', async () => {
    const requests: WireRequest[] = [];
    const client = inspectorAnswering(
      () => ({
        status: 200,
        body: {
          accounts: [
            account('111111111111', 'DISABLED', 'ENABLED', 'DISABLED'),
            account('222222222222', 'DISABLED', 'DISABLED', 'DISABLED', 'DISABLED'),
          ],
          failedAccounts: [],
        },
      }),
      requests,
    );
    const statuses = await inspectorAccountStatus(client, [
      '222222222222',
      '111111111111',
      '333333333333',
    ]);
    expect(requests).toEqual([
      {
        path: '/status/batch/get',
        body: { accountIds: ['222222222222', '111111111111', '333333333333'] },
      },
    ]);
    expect(statuses).toEqual([
      {
        accountId: '222222222222',
        status: 'NOT_ENABLED',
        evidence: {
          state: 'DISABLED',
          resourceState: {
            ec2: 'DISABLED',
            ecr: 'DISABLED',
            lambda: 'DISABLED',
            lambdaCode: 'DISABLED',
          },
          reported: true,
        },
      },
      expect.objectContaining({ accountId: '111111111111', status: 'ENABLED' }),
      {
        accountId: '333333333333',
        status: 'NOT_ENABLED',
        evidence: { resourceState: {}, reported: false },
      },
    ]);
  });

  it('should ask at most 10 accounts per call', async () => {
    const requests: WireRequest[] = [];
    const client = inspectorAnswering(() => ({ status: 200, body: { accounts: [] } }), requests);
    const ids = Array.from({ length: 12 }, (_, i) => String(100000000000 + i));
    await inspectorAccountStatus(client, ids);
    expect(requests.map((r) => (r.body.accountIds as string[]).length)).toEqual([10, 2]);
  });

  it('should throw a classified error for an account Inspector2 reports as failed', async () => {
    const client = inspectorAnswering(() => ({
      status: 200,
      body: {
        accounts: [],
        failedAccounts: [
          {
            accountId: '111111111111',
            errorCode: 'ACCESS_DENIED',
            errorMessage: 'The account is not a member of this administrator.',
          },
        ],
      },
    }));
    const error: unknown = await inspectorAccountStatus(client, ['111111111111']).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AwsAccessError);
    expect((error as AwsAccessError).classified).toMatchObject({
      code: 'ACCESS_DENIED',
      awsCode: 'ACCESS_DENIED',
      message: expect.stringContaining('not a member') as unknown,
    });
  });

  it('should throw a classified error when the call itself fails', async () => {
    const client = inspectorAnswering(() => ({
      status: 429,
      errorType: 'ThrottlingException',
      body: { message: 'Rate exceeded' },
    }));
    const error: unknown = await inspectorAccountStatus(client, ['111111111111']).catch(
      (e: unknown) => e,
    );
    expect((error as AwsAccessError).classified).toMatchObject({ code: 'THROTTLED' });
  });
});
